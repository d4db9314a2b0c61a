/**
 * Resolutions by normalised URL, so a link pasted twice costs one call. Found tracks live
 * long, "not found" less, failures briefly (the platform may recover); a deadline that ran
 * out is not cached (it says nothing about the link). Bounded: oldest entries go first.
 */
import type { ResolveOutcome } from '../types.js';

export interface CacheTtls {
  foundMs: number;
  notFoundMs: number;
  failedMs: number;
}

export const DEFAULT_TTLS: CacheTtls = { foundMs: 24 * 3600_000, notFoundMs: 3600_000, failedMs: 60_000 };

export class ResolutionCache {
  private readonly entries = new Map<string, { outcome: ResolveOutcome; expires: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttls: CacheTtls = DEFAULT_TTLS,
    private readonly maxEntries = 5000,
  ) {}

  get(key: string): ResolveOutcome | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.outcome;
  }

  set(key: string, outcome: ResolveOutcome): void {
    const ttl = this.ttlOf(outcome);
    if (ttl <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { outcome, expires: this.now() + ttl });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  private ttlOf(outcome: ResolveOutcome): number {
    if (outcome.ok) return this.ttls.foundMs;
    switch (outcome.reason) {
      case 'not-found':
      case 'not-a-track':
      case 'unsupported':
        return this.ttls.notFoundMs;
      case 'failed':
        return this.ttls.failedMs;
      case 'timeout':
      case 'disabled':
        return 0;
    }
  }
}
