import { describe, expect, it } from 'vitest';
import { BoundedDedupe } from '../../../adapters/shared/dedupe.js';

describe('bounded dedupe (Slack event ids, Discord message ids)', () => {
  it('claims an id once within the TTL, again after it', () => {
    let now = 0;
    const d = new BoundedDedupe(1000, 100, () => now);
    expect(d.claim('Ev1')).toBe(true);
    expect(d.claim('Ev1')).toBe(false);
    now = 1001;
    expect(d.claim('Ev1')).toBe(true);
  });
  it('stays bounded', () => {
    const d = new BoundedDedupe(60_000, 50, () => 0);
    for (let i = 0; i < 500; i++) d.claim(`Ev${i}`);
    expect(d.size).toBeLessThanOrEqual(50);
  });
});
