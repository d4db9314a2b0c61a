/**
 * Reliability check 28 (`npm run bench -- soak`): the bot under a steady mixed load (title
 * search, id lookup, pasted links, lists) for SOAK_MINUTES (default 10) against a
 * 1M-row index (x BENCH_SCALE) on a 3-node loopback cluster; one node is killed at half
 * time and restarted a minute later (a quarter of the run, if shorter). Prints RSS, event-loop delay, latency and errors per
 * minute, then the RSS slope per hour (least squares over the full minutes after the
 * first), p99 and the error count. The bot runs in its own process (bench/soak-child.ts).
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { extractLinks } from '../src/links/extract.js';
import { startLocalCluster } from '../src/typesense/cluster.js';
import type { BenchContext } from './run.js';
import { mb } from './stats.js';
import { buildSyntheticIndex } from './synthetic-index.js';

interface MinuteLine {
  minute: number;
  t: number;
  rss: number;
  heapUsed: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  requests: number;
  errors: number;
  shed: number;
  errorKinds: Record<string, number>;
  p50: number;
  p99: number;
  inFlight: number;
}
interface DoneLine {
  done: true;
  started: number;
  finished: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return num / den;
}

export default async function soak(ctx: BenchContext): Promise<void> {
  const minutes = Number(process.env.SOAK_MINUTES ?? '10');
  const rate = Number(process.env.SOAK_RATE ?? '20');
  const rows = Math.round(1_000_000 * ctx.scale);
  const binary =
    ctx.typesense.local === undefined
      ? undefined
      : await ctx.typesense.local.pid().then((pid) => (pid === undefined ? undefined : `/proc/${pid}/exe`));
  if (binary === undefined)
    throw new Error('the soak bench starts its own 3-node cluster: run it with a local Typesense (no TYPESENSE_URL)');
  const { readlink } = await import('node:fs/promises');
  const cluster = await startLocalCluster({ binary: await readlink(binary), log: ctx.log });
  const dataDirs = cluster.members.map((m) => m.dataDir);
  try {
    const clusterCtx: BenchContext = {
      ...ctx,
      typesense: { nodes: cluster.nodes, adminKey: cluster.apiKey, searchKey: undefined, local: undefined, stop: async () => undefined },
    };
    let index;
    const building = Date.now();
    // Writes go to the leader; until one is elected the cluster answers 503 (bounded wait).
    for (let attempt = 0; ; attempt++) {
      try {
        index = await buildSyntheticIndex(clusterCtx, rows);
        break;
      } catch (err) {
        if (attempt >= 120) throw err;
        await sleep(500);
      }
    }
    console.log(`3-node cluster, ${rows.toLocaleString('en-US')} rows imported in ${((Date.now() - building) / 1000).toFixed(0)} s`);
    await sleep(5000); // followers catch up before the clock starts
    const setup = {
      urls: cluster.nodes.map((n) => `${n.protocol}://${n.host}:${n.port}`).join(','),
      searchKey: index.searchKey,
      alias: index.alias,
      rate,
      seconds: minutes * 60,
      // Synthetic ids are random base64: a real YouTube id never ends in "_" or "-" (its last character
      // carries 4 bits), and the link reader takes a trailing "_" as punctuation, so such rows are not asked by link.
      samples: index.samples
        .filter((s) => extractLinks(`https://youtu.be/${s.rowKey}`).length === 1)
        .map((s) => ({ title: s.title, artist: s.artists[0] ?? '', id: s.rowKey })),
    };
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('soak-child.ts', import.meta.url).pathname, JSON.stringify(setup)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: MinuteLine[] = [];
    let done: DoneLine | undefined;
    const events: string[] = [];
    const started = Date.now();
    let killedAtS = Infinity;
    let restartedAtS = Infinity;
    const fault = (async () => {
      await sleep((minutes * 60_000) / 2);
      await cluster.members[0]?.kill();
      killedAtS = (Date.now() - started) / 1000;
      events.push(`${((Date.now() - started) / 60_000).toFixed(1)} min: node 1 killed (SIGKILL)`);
      console.log(events.at(-1));
      await sleep(Math.min(60_000, (minutes * 60_000) / 4));
      await cluster.restart(0);
      restartedAtS = (Date.now() - started) / 1000;
      events.push(`${((Date.now() - started) / 60_000).toFixed(1)} min: node 1 restarted and healthy`);
      console.log(events.at(-1));
    })();
    console.log('min   RSS     heap   loop p99/max ms   req   err  p50 ms  p99 ms');
    for await (const text of createInterface({ input: child.stdout })) {
      const parsed = JSON.parse(text) as MinuteLine | DoneLine;
      if ('done' in parsed) {
        done = parsed;
        continue;
      }
      lines.push(parsed);
      const kinds = Object.entries(parsed.errorKinds)
        .map(([k, n]) => `${k}×${n}`)
        .join(', ');
      console.log(
        `${String(parsed.minute).padStart(3)} ${mb(parsed.rss).padStart(6)} ${mb(parsed.heapUsed).padStart(6)} ` +
          `${parsed.loopDelayP99Ms.toFixed(1).padStart(8)}/${parsed.loopDelayMaxMs.toFixed(0).padEnd(6)} ` +
          `${String(parsed.requests).padStart(6)} ${String(parsed.errors).padStart(4)} ${parsed.p50.toFixed(1).padStart(7)} ${parsed.p99.toFixed(1).padStart(7)}` +
          (kinds === '' ? '' : `  (${kinds})`),
      );
    }
    await fault;
    if (done === undefined) throw new Error('the soak child ended without its totals');
    // Full minutes only, after the first (warm-up: JIT, caches and pools fill).
    const steady = lines.filter((l) => l.minute > 1 && l.t >= l.minute * 60 - 1);
    const perHour = slope(steady.map((l) => ({ x: l.t / 3600, y: l.rss })));
    // A failover can step the RSS once (new connections, retries); a leak climbs on both sides of it.
    const mbPerHour = (ls: readonly MinuteLine[]): string =>
      ls.length < 3 ? 'n/a' : `${(slope(ls.map((l) => ({ x: l.t / 3600, y: l.rss }))) / 2 ** 20).toFixed(1)} MB/h`;
    const before = steady.filter((l) => l.t <= killedAtS);
    const after = steady.filter((l) => l.t - 60 >= restartedAtS);
    console.log(events.join('\n'));
    console.log(
      `soak: ${minutes} min at ${rate}/s, ${done.started} requests, ${done.finished} answered or refused, ${done.errors} errors; ` +
        `p50 ${done.p50.toFixed(1)} ms, p99 ${done.p99.toFixed(1)} ms, max ${done.max.toFixed(0)} ms; ` +
        `RSS ${mb(steady[0]?.rss ?? NaN)} → ${mb(steady.at(-1)?.rss ?? NaN)}, slope ${(perHour / 2 ** 20).toFixed(1)} MB per hour ` +
        `(least squares over minutes 2–${steady.at(-1)?.minute ?? '?'}); before the kill ${mbPerHour(before)}, ` +
        `from a minute after the restart ${mbPerHour(after)}`,
    );
  } finally {
    await cluster.stop();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  }
}
