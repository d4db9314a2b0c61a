/**
 * Issue 8: lookups through the core at 1, 8 and 32 concurrent requests against a 1M-row
 * index (x BENCH_SCALE): throughput and p50/p99, beside the same Typesense queries sent
 * straight over HTTP (the bodies the bot sent, replayed) in interleaved blocks of the same run.
 */
import { headroomUs } from './headroom.js';
import { recordingPort, type Endpoint } from './queries.js';
import type { BenchContext } from './run.js';
import { benchBot, syntheticIndex } from './synthetic-index.js';
import { measureThroughput, THROUGHPUT_HEADER } from './throughput.js';

/**
 * Lookups each side runs, 8 in flight, before any is measured. The bot's CPU per lookup settles
 * only after several thousand (JIT and heap growth; a fresh process on the 1M index, blocks of
 * 1,000 title lookups: 3.1, 2.0, 1.6, 1.6, 1.5, 1.4, then 1.1–1.4 ms), the direct requests'
 * after about 2,000 (2.5, 1.5, then 1.0–1.2 ms). A running bot has long passed both.
 */
const WARM_UP = 6000;

export default async function concurrency(ctx: BenchContext): Promise<void> {
  const rows = Math.round(1_000_000 * ctx.scale);
  const index = await syntheticIndex(ctx, rows);
  const { bot, base } = benchBot(ctx, index);
  const serverPid = await ctx.typesense.local?.pid();
  // The direct side sends the very bodies the bot sent for the same invocation (per_page 25 and all), recorded once.
  const e: Endpoint = { nodes: ctx.typesense.nodes, base, searchKey: index.searchKey, alias: index.alias };
  const recording = recordingPort(e);
  const recorder = benchBot(ctx, index, { search: recording.target }).bot;
  console.log(`index: ${rows} realistic rows (built in ${index.importSeconds.toFixed(0)} s)`);
  console.log(
    `targets: throughput at 8 in flight >= 0.95x direct; bot and direct alternate in blocks of 250, each warmed by ${WARM_UP} lookups per kind; every bot command a query never asked`,
  );
  console.log(THROUGHPUT_HEADER);
  await measureThroughput({
    bot,
    recorder: { target: recorder, take: recording.take },
    e,
    samples: index.samples,
    ...(serverPid === undefined ? {} : { serverPid }),
    concurrencies: [1, 8, 32],
    total: (conc) => (conc === 1 ? 500 : 2000),
    warmUp: WARM_UP,
    fresh: true,
    headroomUs: headroomUs(),
  });
  await recorder.close();
  await bot.close();
}
