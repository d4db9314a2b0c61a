/**
 * Platforms deliver some things twice: Slack redelivers an event (same `event_id`,
 * `x-slack-retry-num` ≥ 1) when it saw no 200 in 3 s, up to three times over about five
 * minutes; a Discord gateway resume can replay a MESSAGE_CREATE. Each id is answered once: the
 * first delivery claims it. Entries expire and the map is bounded, so memory stays flat.
 */
export class BoundedDedupe {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is seen within the TTL; false for a redelivery. */
  claim(eventId: string): boolean {
    const now = this.now();
    this.evict(now);
    const expires = this.seen.get(eventId);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(eventId);
    this.seen.set(eventId, now + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(now: number): void {
    // Insertion order is expiry order (one TTL for all), so stop at the first live entry.
    for (const [id, expires] of this.seen) {
      if (expires > now && this.seen.size < this.maxEntries) break;
      this.seen.delete(id);
    }
  }
}
