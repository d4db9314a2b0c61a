/**
 * The builder's CPU per row in toDocument (issue 17): the builder and the Typesense server share
 * the machine's cores, so each CPU second spent keying a row is taken from the server's indexing.
 * Realistic rows (bench/realistic.ts, 300,000 × BENCH_SCALE, all four datasets' shapes) are keyed
 * by toDocument, alternating in chunks with JSON.stringify of the same documents (the serialising
 * every row pays anyway, a reference measured side by side), and each side's process CPU time
 * (all threads, garbage collection included) is summed per dataset shape. Chunks of 1,000
 * documents stay in the young generation, as the builder's documents do (serialised when made).
 * `npm run bench -- to-document`
 */
import { toDocument, type TrackRow } from '../src/index/document.js';
import type { TrackDocument } from '../src/index/schema.js';
import type { BenchContext } from './run.js';
import { RealisticGenerator } from './realistic.js';
import { DATASET_SHARES } from './realistic-layouts.js';

const CHUNK = 1_000;
const ROUNDS = 3;

/** CPU microseconds the process spends in `work` (user + system, every thread). */
function cpuMicros(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

interface Tally {
  rows: number;
  keyMicros: number;
  jsonMicros: number;
}

function measure(rows: readonly TrackRow[], tally: Tally): void {
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    let docs: TrackDocument[] = [];
    tally.keyMicros += cpuMicros(() => {
      docs = chunk.map(toDocument);
    });
    let bytes = 0;
    tally.jsonMicros += cpuMicros(() => {
      for (const d of docs) bytes += JSON.stringify(d).length;
    });
    if (bytes === 0) throw new Error('no document was serialised');
    tally.rows += chunk.length;
  }
}

export default async function toDocumentBench(ctx: BenchContext): Promise<void> {
  const count = Math.round(300_000 * ctx.scale);
  const generator = await RealisticGenerator.create({ seed: 17 });
  const byDataset = new Map<string, TrackRow[]>();
  for (const { row } of generator.take(count)) {
    const list = byDataset.get(row.dataset) ?? [];
    // Decoded from bytes, as a reader hands rows over: the generator's own strings are slices and joins
    // of its word lists, which V8 handles more slowly (11.7 against 8.6 µs a row, measured once).
    list.push(JSON.parse(JSON.stringify(row)) as TrackRow);
    byDataset.set(row.dataset, list);
  }
  const tallies = new Map<string, Tally>(DATASET_SHARES.map((d) => [d.id, { rows: 0, keyMicros: 0, jsonMicros: 0 }]));
  // The first round warms the JIT and the credit memo and is not counted; then datasets take turns each round.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [id, rows] of byDataset) {
      const tally = tallies.get(id) ?? { rows: 0, keyMicros: 0, jsonMicros: 0 };
      measure(rows, round === 0 ? { rows: 0, keyMicros: 0, jsonMicros: 0 } : tally);
    }
  }
  console.log(`${count.toLocaleString('en-US')} realistic rows, ${ROUNDS} rounds, CPU time of the process (GC included)`);
  console.log('dataset shape        rows/round   toDocument µs/row   rows/s   JSON.stringify µs/row   toDocument/stringify');
  const total: Tally = { rows: 0, keyMicros: 0, jsonMicros: 0 };
  const line = (name: string, t: Tally): string =>
    `${name.padEnd(20)} ${String(Math.round(t.rows / ROUNDS)).padStart(10)}   ${(t.keyMicros / t.rows).toFixed(2).padStart(17)}   ${String(
      Math.round((t.rows / t.keyMicros) * 1e6),
    ).padStart(6)}   ${(t.jsonMicros / t.rows).toFixed(2).padStart(21)}   ${(t.keyMicros / t.jsonMicros).toFixed(2).padStart(20)}x`;
  for (const [id, t] of tallies) {
    if (t.rows === 0) continue;
    console.log(line(id, t));
    total.rows += t.rows;
    total.keyMicros += t.keyMicros;
    total.jsonMicros += t.jsonMicros;
  }
  console.log(line('all', total));
}
