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
    return this.take(place, links, Number.POSITIVE_INFINITY).fresh;
  }

  /**
   * Up to `max` links not answered here within the window, marked as answered now; the
   * fresh links past `max` are counted as skipped and not marked, so they are answered
   * when pasted again.
   */
  take(place: Place, links: readonly RecognisedLink[], max: number): { fresh: RecognisedLink[]; skipped: number } {
    const t = this.now();
    if (this.seen.size >= MAX_ENTRIES) this.prune(t);
    const fresh: RecognisedLink[] = [];
    let skipped = 0;
    for (const link of links) {
      const key = `${place.platform}\u0000${place.workspaceId ?? ''}\u0000${place.channelId}\u0000${place.threadId ?? ''}\u0000${link.normalizedUrl}`;
      const at = this.seen.get(key);
      if (this.windowMs > 0 && at !== undefined && t - at < this.windowMs) continue;
      if (fresh.length >= max) {
        skipped++;
        continue;
      }
      if (this.windowMs > 0) this.seen.set(key, t);
      fresh.push(link);
    }
    return { fresh, skipped };
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
