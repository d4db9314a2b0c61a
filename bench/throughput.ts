/**
 * Throughput of whole bot commands at several requests in flight, beside the very Typesense
 * bodies the bot sent replayed straight over HTTP, in interleaved blocks of one run (issue 8's
 * concurrency bench, and the scale bench at each size since issue 17: the goal, >= 0.95x direct
 * at 8 in flight, is the 21.2M index's, where the server's share of a lookup is largest).
 *
 * With the bot and the server on the same cores, throughput is cores / (client + server CPU per
 * lookup), so each line at more than one in flight comes with the CPU a lookup of both sides.
 */
import { forgetRemembered } from '../src/search/remembered.js';
import type { CommandInvocation } from '../src/core/types.js';
import type { RunningBot } from '../src/core/bot.js';
import { replay, type Endpoint, type Recorder } from './queries.js';
import type { Sample } from './realistic.js';
import { replayWithWork, work } from './headroom.js';
import { pinnedApart } from './pin.js';
import { cpuSeconds, percentile } from './stats.js';

export interface Figures {
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

/** `total` calls of `one`, `concurrency` at a time, with this process's and the server's CPU. */
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
  // Pinned apart (pin.ts), the sides do not share cores: the sum predicts nothing.
  const predict = server && !pinnedApart();
  return (
    `${''.padStart(19)}CPU a lookup: bot ${ms(c.client)}${server ? ` + server ${ms(c.server)}` : ''}, ` +
    `direct ${ms(d.client)}${server ? ` + server ${ms(d.server)}` : ''}` +
    (predict ? `; the cores alone predict rps ratio ${((d.client + d.server) / (c.client + c.server)).toFixed(2)}` : '')
  );
}

/** The headroom side beside the direct one: its rate ratio and the CPU its own work cost a lookup there. */
function headroomLine(us: number, h: Figures, d: Figures): string {
  const per = (f: Figures): number => (f.clientCpu / f.latencies.length) * 1e6;
  return (
    `${''.padStart(19)}the same requests with ${us} µs of plain arithmetic a command (on an idle core; ` +
    `${(per(h) - per(d)).toFixed(0)} µs of CPU here): rps ratio ${(h.rps / d.rps).toFixed(2)}`
  );
}

/** The commands a throughput run sends of a sample with a YouTube id: its title with its artist, and its link. */
function commandKinds(withId: readonly Sample[]): Record<string, (i: number) => CommandInvocation> {
  const sample = (i: number): Sample | undefined => withId[i % withId.length];
  // Each request from its own user and channel: limits are measured by the bot's tests, not here.
  const invocation = (i: number, command: string, options: CommandInvocation['options']): CommandInvocation => ({
    command,
    options,
    user: { id: `u${i}` },
    place: { platform: 'console', channelId: `c${i}` },
    platform: 'console',
    surface: 'command',
  });
  return {
    'title search': (i) => invocation(i, 'song', { title: sample(i)?.title ?? '', artist: sample(i)?.artists[0] ?? '' }),
    'id lookup': (i) => invocation(i, 'link', { url: `https://youtu.be/${sample(i)?.youtubeId ?? ''}` }),
  };
}

export interface ThroughputRun {
  /** The bot measured, and one over a recording port (bench/queries.ts recordingPort) whose bodies the direct side replays. */
  bot: RunningBot;
  recorder: Recorder<RunningBot>;
  e: Endpoint;
  samples: readonly Sample[];
  serverPid?: number;
  concurrencies: readonly number[];
  /** Lookups each side runs at a concurrency (in blocks of 250), after `warmUp` lookups each of a kind. */
  total: (concurrency: number) => number;
  warmUp: number;
  /**
   * Every bot command a query never asked (what the port remembers of titles forgotten first, as the
   * scale bench's one-at-a-time rounds do); otherwise the distinct commands cycle with warm memories.
   */
  fresh: boolean;
  /**
   * µs of plain arithmetic a command of a third side adds to the direct replay (headroom.ts), at more
   * than one in flight: what the goal leaves a client of its own work. 0 or unset: no such side.
   */
  headroomUs?: number;
}

export interface ThroughputLine {
  kind: string;
  concurrency: number;
  core: Figures;
  direct: Figures;
  /** The direct replay with `us` of own work a command, when measured. */
  headroom?: { us: number; figures: Figures };
}

export const THROUGHPUT_HEADER = 'kind          conc   core rps   p50 ms   p99 ms | direct rps   p50 ms   p99 ms | p50 ratio  rps ratio';

/** Each command kind at each concurrency, bot and direct in interleaved blocks of 250; prints a line each and returns them. */
export async function measureThroughput(run: ThroughputRun): Promise<ThroughputLine[]> {
  const withId = run.samples.filter((s) => s.youtubeId !== undefined);
  const kinds = commandKinds(withId);
  const distinct = Math.min(withId.length, 1000);
  const out: ThroughputLine[] = [];
  const headroomUs = run.headroomUs ?? 0;
  const withWork = replayWithWork(headroomUs);
  // Calibrated here (once a process), not inside the first timed block.
  if (headroomUs > 0) work(headroomUs);
  for (const [name, inv] of Object.entries(kinds)) {
    const bodies: object[][] = [];
    for (let i = 0; i < distinct; i++) {
      await run.recorder.target.handleCommand(inv(i));
      // The index-info read is cached by the measured bot: not part of a lookup.
      bodies.push(run.recorder.take().filter((b) => !JSON.stringify(b).includes('__index_info')));
    }
    const side = {
      core: async (i: number) => {
        if (run.fresh) forgetRemembered();
        await run.bot.handleCommand(inv(i % distinct));
      },
      direct: (i: number) => replay(run.e, bodies[i % distinct] ?? []),
      headroom: (i: number) => withWork(run.e, bodies[i % distinct] ?? []),
    };
    await drive(8, run.warmUp, side.direct);
    await drive(8, run.warmUp, side.core);
    for (const conc of run.concurrencies) {
      const total = run.total(conc);
      await drive(conc, 100, side.direct); // warm both paths
      await drive(conc, 100, side.core);
      // Interleaved blocks, alternating which goes first, so a burst of other load falls on both sides.
      const sides: (keyof typeof side)[] = headroomUs > 0 && conc > 1 ? ['direct', 'core', 'headroom'] : ['direct', 'core'];
      const times = { core: [] as Figures[], direct: [] as Figures[], headroom: [] as Figures[] };
      for (let block = 0; block < total / 250; block++) {
        for (const s of block % 2 === 0 ? sides : [...sides].reverse()) {
          times[s].push(await drive(conc, 250, (i) => side[s](block * 250 + i), run.serverPid));
        }
      }
      const c = merge(times.core);
      const d = merge(times.direct);
      const h = times.headroom.length > 0 ? merge(times.headroom) : undefined;
      console.log(
        `${name.padEnd(13)} ${String(conc).padStart(4)} ${c.rps.toFixed(0).padStart(10)} ${c.p50.toFixed(2).padStart(8)} ${c.p99.toFixed(2).padStart(8)} |` +
          ` ${d.rps.toFixed(0).padStart(10)} ${d.p50.toFixed(2).padStart(8)} ${d.p99.toFixed(2).padStart(8)} | ${(c.p50 / d.p50).toFixed(2).padStart(9)}  ${(c.rps / d.rps).toFixed(2).padStart(9)}`,
      );
      if (conc > 1) console.log(cpuLine(c, d));
      if (h !== undefined) console.log(headroomLine(headroomUs, h, d));
      out.push({
        kind: name,
        concurrency: conc,
        core: c,
        direct: d,
        ...(h === undefined ? {} : { headroom: { us: headroomUs, figures: h } }),
      });
    }
  }
  return out;
}
