/** "The same link in the same place within a short window is answered once." Bounded memory. */
import type { RecognisedLink } from '../links/types.js';
import type { Place } from './types.js';

const MAX_ENTRIES = 50_000;

export class LinkDeduplicator {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** The links not answered in this place within the window; marks them as answered now. */
  fresh(place: Place, links: readonly RecognisedLink[]): RecognisedLink[] {
    if (this.windowMs <= 0) return [...links];
    const t = this.now();
    if (this.seen.size >= MAX_ENTRIES) this.prune(t);
    const out: RecognisedLink[] = [];
    for (const link of links) {
      const key = `${place.platform}\u0000${place.workspaceId ?? ''}\u0000${place.channelId}\u0000${place.threadId ?? ''}\u0000${link.normalizedUrl}`;
      const at = this.seen.get(key);
      if (at !== undefined && t - at < this.windowMs) continue;
      this.seen.set(key, t);
      out.push(link);
    }
    return out;
  }

  private prune(t: number): void {
    for (const [key, at] of this.seen) if (t - at >= this.windowMs) this.seen.delete(key);
    // Still full of fresh entries (a flood): forget the oldest half rather than grow.
    if (this.seen.size >= MAX_ENTRIES) {
      let drop = this.seen.size / 2;
      for (const key of this.seen.keys()) {
        if (drop-- <= 0) break;
        this.seen.delete(key);
      }
    }
  }
}
