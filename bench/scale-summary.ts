/**
 * The scale bench's goals and how a run is judged against them: each kind's figures per round and
 * size (Figure), the closing summary (each goal as a min and a median over rounds of the worst
 * kind) and the growth exponent of p99 between sizes. Apart from scale.bench.ts, which measures:
 * a build run and an attach run both print the goals first and end with the same summary.
 */

export const GOALS =
  'goals at 21.2M: title p50 <= 10 ms, p99 <= 60 ms; autocomplete p99 <= 50 ms; id p99 <= 5 ms; at 1M title p99 <= 20 ms; ' +
  'bot/direct <= 1.10; throughput at 8 in flight >= 0.95x direct; RAM <= 0.30 GB per million rows';

/** One kind's figures in one round at one size (bot side; ratio50 against direct). */
export interface Figure {
  rows: number;
  kind: string;
  p50: number;
  p99: number;
  ratio50: number;
}

/** One command kind's throughput at 8 in flight in one round at one size: the bot's rps over the direct requests'. */
export interface Rate {
  rows: number;
  kind: string;
  ratio: number;
  /** The direct requests with `headroomUs` of plain arithmetic a command, over the direct rate (bench/headroom.ts). */
  headroom?: { us: number; ratio: number };
}

/** Median of a few values (the mean of the middle two for an even count). */
function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? (v[mid] ?? NaN) : ((v[mid - 1] ?? NaN) + (v[mid] ?? NaN)) / 2;
}

/**
 * A figure's min and median over rounds, for the kinds `pick` takes (the worst kind's, per round:
 * the highest, or the lowest when `worst` is Math.min, as for a throughput ratio).
 */
export function overRounds<F extends { rows: number; kind: string }>(
  figures: readonly F[],
  rows: number,
  pick: (f: F) => boolean,
  value: (f: F) => number,
  worst: (a: number, b: number) => number = Math.max,
): string {
  const perRound = new Map<number, number>();
  const ofSize = figures.filter((f) => f.rows === rows && pick(f));
  const kinds = new Set(ofSize.map((f) => f.kind)).size;
  ofSize.forEach((f, i) => {
    const round = Math.floor(i / Math.max(1, kinds));
    const seen = perRound.get(round);
    perRound.set(round, seen === undefined ? value(f) : worst(seen, value(f)));
  });
  const v = [...perRound.values()];
  // A goal whose kinds this run did not ask (SCALE_KINDS): said so, not "min Infinity / median NaN".
  if (v.length === 0) return 'not measured (no such kind asked)';
  return `min ${Math.min(...v).toFixed(2)} / median ${median(v).toFixed(2)}`;
}

/** Each goal at the largest size (and title p99 at the smallest), as min / median over rounds of the worst kind. */
export function summary(figures: readonly Figure[], sizes: readonly number[], rounds: number, rates: readonly Rate[] = []): void {
  const last = sizes[sizes.length - 1];
  const first = sizes[0];
  if (last === undefined || first === undefined) return;
  const title = (f: Figure) => ['exact', 'misspelt', 'title only'].includes(f.kind);
  const at = last.toLocaleString('en-US');
  console.log(`\ngoals, worst kind of each group, min / median over ${rounds} rounds:`);
  console.log(`  ${at} title p50 (goal <= 10 ms): ${overRounds(figures, last, title, (f) => f.p50)}`);
  console.log(`  ${at} title p99 (goal <= 60 ms): ${overRounds(figures, last, title, (f) => f.p99)}`);
  for (const kind of ['exact', 'misspelt', 'title only']) {
    console.log(
      `    ${kind.padEnd(10)} p50 ${overRounds(
        figures,
        last,
        (f) => f.kind === kind,
        (f) => f.p50,
      )}; p99 ${overRounds(
        figures,
        last,
        (f) => f.kind === kind,
        (f) => f.p99,
      )}`,
    );
  }
  console.log(
    `  ${at} autocomplete p99 (goal <= 50 ms): ${overRounds(
      figures,
      last,
      (f) => f.kind.includes('prefix'),
      (f) => f.p99,
    )}`,
  );
  console.log(
    `  ${at} id p99 (goal <= 5 ms): ${overRounds(
      figures,
      last,
      (f) => f.kind === 'id',
      (f) => f.p99,
    )}`,
  );
  // The 20 ms goal is the 1M index's: a run (or an attach) of a larger size alone has no figure for it.
  if (first <= 1_000_000)
    console.log(`  ${first.toLocaleString('en-US')} title p99 (goal <= 20 ms): ${overRounds(figures, first, title, (f) => f.p99)}`);
  console.log(
    `  ${at} bot/direct p50, worst kind (goal <= 1.10): ${overRounds(
      figures,
      last,
      () => true,
      (f) => f.ratio50,
    )}`,
  );
  console.log(
    `  ${at} throughput at 8 in flight, worst command kind (goal >= 0.95): ${overRounds(
      rates,
      last,
      () => true,
      (r) => r.ratio,
      Math.min,
    )}`,
  );
  // What the goal leaves any client: the same requests with a little plain arithmetic a command.
  const us = rates.find((r) => r.headroom !== undefined)?.headroom?.us;
  if (us !== undefined)
    console.log(
      `  ${at} the direct requests with ${us} µs of plain arithmetic a command, worst command kind: ${overRounds(
        rates.filter((r) => r.headroom !== undefined),
        last,
        () => true,
        (r) => r.headroom?.ratio ?? NaN,
        Math.min,
      )}`,
    );
}

/** p99 ∝ rows^k between the first and last size: k per kind (1 = linear in the index), from each size's median p99 over rounds. */
export function growth(figures: readonly Figure[], sizes: readonly number[]): void {
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (first === undefined || last === undefined || first === last) return;
  console.log(`\ngrowth exponent of p99 from ${first.toLocaleString('en-US')} to ${last.toLocaleString('en-US')} rows (1 = linear):`);
  const p99 = (kind: string, rows: number) => median(figures.filter((f) => f.kind === kind && f.rows === rows).map((f) => f.p99));
  for (const kind of new Set(figures.map((p) => p.kind))) {
    const a = p99(kind, first);
    const b = p99(kind, last);
    console.log(`  ${kind.padEnd(18)} ${(Math.log(b / a) / Math.log(last / first)).toFixed(2)}  (${a.toFixed(1)} -> ${b.toFixed(1)} ms)`);
  }
}
