/** The bench's interval of a p50 ratio (bench/stats.ts ratioInterval): asks are redrawn in pairs. */
import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/random.js';
import { ratioInterval } from '../../bench/stats.js';

/** Latencies of asks that differ widely from one another (0.5–50 ms), as a kind's queries do. */
function asks(n: number, seed: number): number[] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => 0.5 * 100 ** rand());
}

describe('ratioInterval', () => {
  it('redraws an ask with both of its sides: a bot 1.2x on every ask reads 1.2x whatever the mix of asks', () => {
    const direct = asks(200, 1);
    const bot = direct.map((d) => d * 1.2);
    const [low, high] = ratioInterval(bot, direct);
    // Drawn apart, the two medians would come from different asks and spread far around 1.2.
    expect(low).toBeCloseTo(1.2, 9);
    expect(high).toBeCloseTo(1.2, 9);
  });

  it('holds the true ratio under noise, and narrows with more asks', () => {
    const width = (n: number): number => {
      const direct = asks(n, 2);
      const noise = rng(3);
      const bot = direct.map((d) => d * 1.1 * (0.8 + 0.4 * noise()));
      const [low, high] = ratioInterval(bot, direct);
      expect(low).toBeLessThan(1.1);
      expect(high).toBeGreaterThan(1.1);
      return high - low;
    };
    expect(width(2000)).toBeLessThan(width(200) / 2);
  });

  it('gives the same interval for the same timings (seeded), and none without asks', () => {
    const direct = asks(100, 4);
    const bot = direct.map((d, i) => d + (i % 7) * 0.01);
    expect(ratioInterval(bot, direct)).toEqual(ratioInterval(bot, direct));
    expect(ratioInterval([], [])).toEqual([NaN, NaN]);
  });
});
