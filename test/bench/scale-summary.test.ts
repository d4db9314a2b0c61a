/** The scale bench's goal lines (bench/scale-summary.ts overRounds): the worst kind per round, then min / median. */
import { describe, expect, it } from 'vitest';
import { overRounds, type Figure, type Rate } from '../../bench/scale-summary.js';

const fig = (kind: string, p99: number): Figure => ({ rows: 1000, kind, p50: 1, p99, ratio50: 1 });

describe('overRounds', () => {
  it('takes each round’s worst kind, then the min and median of those', () => {
    // Two rounds of two kinds, in the order the bench pushes them: round 1 worst 30, round 2 worst 50.
    const figures = [fig('id', 10), fig('exact', 30), fig('id', 50), fig('exact', 20)];
    expect(
      overRounds(
        figures,
        1000,
        () => true,
        (f) => f.p99,
      ),
    ).toBe('min 30.00 / median 40.00');
  });

  it('says a goal was not measured when the run asked none of its kinds', () => {
    const figures = [fig('exact', 30)];
    expect(
      overRounds(
        figures,
        1000,
        (f) => f.kind.includes('prefix'),
        (f) => f.p99,
      ),
    ).toBe('not measured (no such kind asked)');
  });

  it('takes each round’s lowest throughput ratio when the goal is a floor', () => {
    // Two rounds of the two command kinds: round 1's worst is the id lookup's 0.62, round 2's the title search's 0.81.
    const rate = (kind: string, ratio: number): Rate => ({ rows: 1000, kind, ratio });
    const rates = [rate('title search', 0.85), rate('id lookup', 0.62), rate('title search', 0.81), rate('id lookup', 0.9)];
    expect(
      overRounds(
        rates,
        1000,
        () => true,
        (r) => r.ratio,
        Math.min,
      ),
    ).toBe('min 0.62 / median 0.72');
  });
});
