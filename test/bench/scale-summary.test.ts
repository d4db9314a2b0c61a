/** The scale bench's goal lines (bench/scale-summary.ts overRounds): the worst kind per round, then min / median. */
import { describe, expect, it, vi } from 'vitest';
import { overRounds, summary, type Figure, type Rate } from '../../bench/scale-summary.js';

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

describe('summary', () => {
  it('prints the headroom side beside the throughput goal, its worst command kind per round', () => {
    const rate = (kind: string, ratio: number, headroom: number): Rate => ({
      rows: 1000,
      kind,
      ratio,
      headroom: { us: 20, ratio: headroom },
    });
    const rates = [
      rate('title search', 0.9, 0.97),
      rate('id lookup', 0.7, 0.86),
      rate('title search', 0.92, 0.98),
      rate('id lookup', 0.76, 0.9),
    ];
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      summary([fig('id', 1)], [1000], 2, rates);
    } finally {
      log.mockRestore();
    }
    expect(lines).toContain('  1,000 throughput at 8 in flight, worst command kind (goal >= 0.95): min 0.70 / median 0.73');
    expect(lines).toContain(
      '  1,000 the direct requests with 20 µs of plain arithmetic a command, worst command kind: min 0.86 / median 0.88',
    );
  });
});
