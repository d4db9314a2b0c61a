/**
 * Issue 4: the bot core's own cost. Against a 1,000,000-row index (x BENCH_SCALE), one
 * request at a time: title searches and id lookups through `BotCore.handleCommand`
 * beside the very same Typesense multi_search requests sent straight over HTTP, interleaved
 * in alternating order (overhead ratio target <= 1.1); the bot's RSS at idle and after 10,000
 * lookups; link extraction over 100 KB adversarial messages (target < 50 ms).
 * Issue 12: with CORE_BASELINE=<checkout of an older commit> (node_modules linked in), title
 * searches through that commit's core and this one's, alternating on the same index (target
 * <= 1.2x). A link lookup is two round trips now (the id, then the found row's title and
 * artists in every dataset); its direct path sends the same two.
 * `npm run bench -- core`
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningBot } from '../src/core/bot.js';
import type { CommandInvocation } from '../src/core/types.js';
import type { SearchPort } from '../src/search/port.js';
import { extractLinks } from '../src/links/extract.js';
import { createRateLimiter } from '../src/limits/rate-limits.js';
import { baselineBot, compareSideBySide } from './baseline.js';
import { recordingPort, SIDE_HEADER, sideBySide, sideLine, type Endpoint, type Recorder, type Timed } from './queries.js';
import type { BenchContext } from './run.js';
import { mb, percentile } from './stats.js';
import { startRedis } from '../test/helpers/redis.js';
import { benchBot, syntheticIndex } from './synthetic-index.js';

const MEASURED = 2000;

const WARMUP = 200;
const LOOKUPS_FOR_RSS = 10_000;

const ms = (n: number) => n.toFixed(2).padStart(7);

export default async function core(ctx: BenchContext): Promise<void> {
  const rows = Math.round(1_000_000 * ctx.scale);
  const index = await syntheticIndex(ctx, rows);
  const { bot, search, base } = benchBot(ctx, index);
  // The same core with its limits shared over a real Redis (one script call per lookup): the limiter's own cost.
  const redis = await startRedis();
  const limits = { userPerMinute: 10_000, placePerMinute: 100_000, queueTimeoutMs: 10_000, redisUrl: redis.url };
  const { bot: viaRedis } = benchBot(ctx, index, { search, limiter: createRateLimiter({ limits, backend: 'redis' }) });
  // Samples a YouTube link finds (LAION rows by key, Sleeping-DISCO rows by their links).
  const samples = index.samples.filter((s) => s.youtubeId !== undefined);
  const sample = (i: number) => samples[i % samples.length] ?? samples[0];
  const invocation = (i: number, command: string, options: CommandInvocation['options']): CommandInvocation => ({
    command,
    options,
    user: { id: `u${i % 100}` },
    place: { platform: 'console', channelId: `c${i % 10}` },
    platform: 'console',
    surface: 'command',
  });
  const song = (i: number) => invocation(i, 'song', { title: sample(i)?.title ?? '', artist: sample(i)?.artists[0] ?? '' });
  const link = (i: number) => invocation(i, 'link', { url: `https://youtu.be/${sample(i)?.youtubeId ?? ''}` });
  const e: Endpoint = { nodes: ctx.typesense.nodes, base, searchKey: index.searchKey, alias: index.alias };
  // The direct side replays the bodies a bot over a recording port sent for the same invocation.
  const recording = recordingPort(e);
  const recorder: Recorder<RunningBot> = { target: benchBot(ctx, index, { search: recording.target }).bot, take: recording.take };
  const asks = <T>(f: (t: T, i: number) => Promise<unknown>) => Array.from({ length: MEASURED }, (_, i) => (t: T) => f(t, i));

  console.log(`index: ${rows.toLocaleString('en-US')} realistic rows; one request at a time, alternating order, ${MEASURED} each`);
  console.log(SIDE_HEADER);
  const rowsOut: [string, Timed][] = [
    [
      'title search',
      await sideBySide(
        e,
        bot,
        asks<RunningBot>((b, i) => b.handleCommand(song(i))),
        recorder,
      ),
    ],
    [
      'id lookup',
      await sideBySide(
        e,
        bot,
        asks<RunningBot>((b, i) => b.handleCommand(link(i))),
        recorder,
      ),
    ],
    // Attribution: the search port alone (typesense-js client) against the same requests.
    [
      'id, port only',
      await sideBySide(
        e,
        search,
        asks<SearchPort>((p, i) => p.lookupByPlatformId('youtube', sample(i)?.youtubeId ?? '')),
      ),
    ],
  ];
  for (const [name, t] of rowsOut) console.log(sideLine(name, t));
  // Limiter overhead with Redis (target <= 1 ms p50): the same lookups with Redis limits and with in-process ones, alternating.
  const withRedis: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i < MEASURED; i++) {
    for (const side of i % 2 === 0 ? ([viaRedis, bot] as const) : ([bot, viaRedis] as const)) {
      const t = performance.now();
      await side.handleCommand(link(i));
      (side === viaRedis ? withRedis : inProcess).push(performance.now() - t);
    }
  }
  withRedis.sort((a, b) => a - b);
  inProcess.sort((a, b) => a - b);
  console.log(
    `limits over Redis (one script call): id lookup p50 ${ms(percentile(withRedis, 50))} vs ${ms(percentile(inProcess, 50))} in-process; ` +
      `overhead p50 ${ms(percentile(withRedis, 50) - percentile(inProcess, 50))} ms (target <= 1 ms)`,
  );

  // Title search through the core against an older commit's core (CORE_BASELINE=<checkout>), alternating, same index.
  const baselineDir = process.env.CORE_BASELINE;
  if (baselineDir !== undefined) {
    const old = await baselineBot(baselineDir, base, index.searchKey, index.alias);
    await compareSideBySide({ now: bot, baseline: old, invocation: song, warmup: WARMUP, measured: MEASURED, label: baselineDir });
    await old.close();
  }

  // The bot's memory in a process of its own: this one also generated and imported the index.
  const child = spawnSync(
    process.execPath,
    [
      // The image's node flags (Dockerfile CMD): a 64 MB young generation is part of the bot's RSS under load.
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      fileURLToPath(new URL('./core-rss-child.ts', import.meta.url)),
      JSON.stringify({
        url: base,
        searchKey: index.searchKey,
        alias: index.alias,
        lookups: LOOKUPS_FOR_RSS,
        samples: samples.map((r) => ({ title: r.title, artist: r.artists[0] ?? '', id: r.youtubeId ?? '' })),
      }),
    ],
    { encoding: 'utf8', timeout: 1_800_000 },
  );
  if (child.status !== 0) throw new Error(`RSS child failed: ${child.stderr}`);
  const rss = JSON.parse(child.stdout) as { idle: number; after: number; seconds: number; heapUsed: number };
  console.log(
    `bot process RSS: ${mb(rss.idle)} idle, ${mb(rss.after)} after ${LOOKUPS_FOR_RSS.toLocaleString('en-US')} lookups ` +
      `(half title searches, half id lookups; ${rss.seconds.toFixed(1)} s; heap ${mb(rss.heapUsed)})`,
  );
  await bot.close();
  await viaRedis.close();
  await recorder.target.close();
  await redis.stop();

  // Link extraction: the tight figure behind reliability item 5 (tests only use a generous bound).
  const adversarial: Record<string, string> = {
    'scheme flood': 'https://'.repeat(12_800),
    'bare host flood': 'youtu.be/'.repeat(11_400),
    'query flood': `https://youtube.com/watch?${'v=&'.repeat(34_000)}`,
    'one 100 KB token': 'h'.repeat(100_000),
    colons: 'a:'.repeat(50_000),
    '3,500 real links': 'https://youtu.be/dQw4w9WgXcQ '.repeat(3_500),
    'mixed prose': 'check this https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC out, (and <https://x.example/a|b>) '.repeat(1_000),
  };
  console.log('extractLinks over 100 KB (target < 50 ms): median / max of 20 runs');
  for (const [name, text] of Object.entries(adversarial)) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      extractLinks(text);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(18)} ${(text.length / 1024).toFixed(0).padStart(4)} KB ${ms(percentile(times, 50))} ms ${ms(times[times.length - 1] ?? NaN)} ms`,
    );
  }
}
