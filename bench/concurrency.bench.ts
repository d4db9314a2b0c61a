/**
 * Issue 8: lookups through the core at 1, 8 and 32 concurrent requests against a 1M-row
 * index (x BENCH_SCALE): throughput and p50/p99, beside the same Typesense queries sent
 * straight over HTTP (the bodies the bot sent, replayed) in interleaved blocks of the same run.
 */
import type { CommandInvocation } from '../src/core/types.js';
import { recordingPort, replay, type Endpoint } from './queries.js';
import type { BenchContext } from './run.js';
import { cpuSeconds, percentile } from './stats.js';
import { benchBot, syntheticIndex } from './synthetic-index.js';

/**
 * Lookups each side runs, 8 in flight, before any is measured. The bot's CPU per lookup settles
 * only after several thousand (JIT and heap growth; a fresh process on the 1M index, blocks of
 * 1,000 title lookups: 3.1, 2.0, 1.6, 1.6, 1.5, 1.4, then 1.1–1.4 ms), the direct requests'
 * after about 2,000 (2.5, 1.5, then 1.0–1.2 ms). A running bot has long passed both.
 */
const WARM_UP = 6000;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  latencies: number[];
  seconds: number;
  /** CPU seconds of this process (the side's client: the bot, or the direct requests) and of the server. */
  clientCpu: number;
  serverCpu: number;
}

/** Blocks of one side, as one run: requests over summed time, percentiles over all latencies. */
function merge(blocks: readonly Figures[]): Figures {
  const latencies = blocks.flatMap((b) => b.latencies).sort((a, b) => a - b);
  const sum = (f: (b: Figures) => number): number => blocks.reduce((n, b) => n + f(b), 0);
  const seconds = sum((b) => b.seconds);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
    seconds,
    clientCpu: sum((b) => b.clientCpu),
    serverCpu: sum((b) => b.serverCpu),
  };
}

async function drive(concurrency: number, total: number, one: (i: number) => Promise<void>, serverPid?: number): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const serverFrom = await cpuSeconds(serverPid);
  const own = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await one(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(own);
  const serverCpu = (await cpuSeconds(serverPid)) - serverFrom;
  latencies.sort((a, b) => a - b);
  return {
    rps: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
    seconds,
    clientCpu: (used.user + used.system) / 1e6,
    serverCpu,
  };
}

/**
 * CPU per lookup of each side: the bot's own process against the direct requests' (same process,
 * their blocks apart), the server's in both. With the two cores the limit, throughput is cores /
 * (client + server CPU per lookup), so the cores alone predict the rps ratio printed beside it.
 */
function cpuLine(core: Figures, direct: Figures): string {
  const per = (f: Figures, cpu: number): number => (cpu / f.latencies.length) * 1e3;
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  const c = { client: per(core, core.clientCpu), server: per(core, core.serverCpu) };
  const d = { client: per(direct, direct.clientCpu), server: per(direct, direct.serverCpu) };
  const server = Number.isFinite(c.server) && Number.isFinite(d.server);
  return (
    `${''.padStart(19)}CPU a lookup: bot ${ms(c.client)}${server ? ` + server ${ms(c.server)}` : ''}, ` +
    `direct ${ms(d.client)}${server ? ` + server ${ms(d.server)}; the cores alone predict rps ratio ${((d.client + d.server) / (c.client + c.server)).toFixed(2)}` : ''}`
  );
}

export default async function concurrency(ctx: BenchContext): Promise<void> {
  const rows = Math.round(1_000_000 * ctx.scale);
  const index = await syntheticIndex(ctx, rows);
  const { bot, base } = benchBot(ctx, index);
  const serverPid = await ctx.typesense.local?.pid();
  const samples = index.samples.filter((s) => s.youtubeId !== undefined);
  const sample = (i: number) => samples[i % samples.length] ?? samples[0];
  // Each request from its own user and channel: limits are measured by the bot's tests, not here.
  const invocation = (i: number, command: string, options: CommandInvocation['options']): CommandInvocation => ({
    command,
    options,
    user: { id: `u${i}` },
    place: { platform: 'console', channelId: `c${i}` },
    platform: 'console',
    surface: 'command',
  });
  const invocations = {
    'title search': (i: number) => invocation(i, 'song', { title: sample(i)?.title ?? '', artist: sample(i)?.artists[0] ?? '' }),
    'id lookup': (i: number) => invocation(i, 'link', { url: `https://youtu.be/${sample(i)?.youtubeId ?? ''}` }),
  };
  // The direct side sends the very bodies the bot sent for the same invocation (per_page 25 and all), recorded once.
  const e: Endpoint = { nodes: ctx.typesense.nodes, base, searchKey: index.searchKey, alias: index.alias };
  const recording = recordingPort(e);
  const recorder = benchBot(ctx, index, { search: recording.target }).bot;
  const distinct = Math.min(samples.length, 1000);
  console.log(`index: ${rows} realistic rows (built in ${index.importSeconds.toFixed(0)} s)`);
  console.log(
    `targets: throughput at 8 in flight >= 0.95x direct; bot and direct alternate in blocks of 250, each warmed by ${WARM_UP} lookups per kind`,
  );
  console.log('kind          conc   core rps   p50 ms   p99 ms | direct rps   p50 ms   p99 ms | p50 ratio  rps ratio');
  for (const [name, inv] of Object.entries(invocations)) {
    const bodies: object[][] = [];
    for (let i = 0; i < distinct; i++) {
      await recorder.handleCommand(inv(i));
      bodies.push(recording.take().filter((b) => !JSON.stringify(b).includes('__index_info')));
    }
    const kind = {
      core: async (i: number) => {
        await bot.handleCommand(inv(i % distinct));
      },
      direct: (i: number) => replay(e, bodies[i % distinct] ?? []),
    };
    await drive(8, WARM_UP, kind.direct);
    await drive(8, WARM_UP, kind.core);
    for (const conc of [1, 8, 32]) {
      const total = conc === 1 ? 500 : 2000;
      await drive(conc, 100, kind.direct); // warm both paths
      await drive(conc, 100, kind.core);
      // Interleaved blocks, alternating which goes first, so a burst of other load falls on both sides.
      const times = { core: [] as Figures[], direct: [] as Figures[] };
      for (let block = 0; block < total / 250; block++) {
        for (const side of block % 2 === 0 ? (['direct', 'core'] as const) : (['core', 'direct'] as const)) {
          times[side].push(await drive(conc, 250, (i) => kind[side](block * 250 + i), serverPid));
        }
      }
      const c = merge(times.core);
      const d = merge(times.direct);
      console.log(
        `${name.padEnd(13)} ${String(conc).padStart(4)} ${c.rps.toFixed(0).padStart(10)} ${c.p50.toFixed(2).padStart(8)} ${c.p99.toFixed(2).padStart(8)} |` +
          ` ${d.rps.toFixed(0).padStart(10)} ${d.p50.toFixed(2).padStart(8)} ${d.p99.toFixed(2).padStart(8)} | ${(c.p50 / d.p50).toFixed(2).padStart(9)}  ${(c.rps / d.rps).toFixed(2).padStart(9)}`,
      );
      if (conc > 1) console.log(cpuLine(c, d));
    }
  }
  await recorder.close();
  await bot.close();
}
