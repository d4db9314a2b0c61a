/**
 * What the builder benches share: one dataset's generated rows in its publisher's layout (the
 * files they build from), the real CLI run as users run it (its own process, its peak RSS
 * sampled), the same documents posted raw over HTTP (the server's own pace), and Typesense RAM
 * per million rows measured on a fresh server of its own.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTracksCollection, dropCollection, importBatch } from '../index-builder/collection.js';
import type { TrackDocument } from '../src/index/schema.js';
import { locateTypesenseBinary } from '../src/typesense/binary.js';
import { createTypesenseClient, type TypesenseClient } from '../src/typesense/client.js';
import { startLocalTypesense } from '../src/typesense/local-server.js';
import { work } from './headroom.js';
import { pinnedApart } from './pin.js';
import type { RealisticGenerator } from './realistic.js';
import type { BenchContext } from './run.js';
import { cpuSeconds } from './stats.js';

export const BATCH = 5000;
export const CONCURRENCY = 2;
export const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'trained-index.mjs');

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const gb = (b: number): string => `${(b / 1024 ** 3).toFixed(3)} GB`;
export const mb = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MB`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function kb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
}

/** The node flags `bin/trained-index.mjs` runs with (its shebang line): what users get. */
export async function launcherFlags(): Promise<string> {
  const first = (await readFile(bin, 'utf8')).split('\n')[0] ?? '';
  return first.replace(/^#!\/usr\/bin\/env -S node ?/, '');
}

/**
 * CPU seconds spent on an import by the side that makes and sends the documents (`client`: the
 * builder's process, or this bench's for the raw bodies) and by the Typesense server. With both on
 * the same cores and the cores the limit, the import's rate is set by their sum per row.
 */
export interface ImportCpu {
  client: number;
  server: number;
}

export interface CliRun {
  rows: number;
  /** The run up to its import's end: the autocomplete build after it is timed apart (`suggestSeconds`). */
  seconds: number;
  suggestSeconds: number;
  peakRss: number;
  /** CPU up to the import's end (sampled every 100 ms; NaN when /proc cannot be read). */
  cpu: ImportCpu;
  report: { collection: string; imported: number; rejected: number; read: number; suggestions?: { seconds: number } };
}

/** The median run by time (rounds are odd): one burst of other load on the shared machine moves it less than a mean. */
export function median<T>(runs: readonly T[], seconds: (r: T) => number): T {
  const sorted = [...runs].sort((a, b) => seconds(a) - seconds(b));
  const mid = sorted[Math.floor(sorted.length / 2)];
  if (mid === undefined) throw new Error('no runs');
  return mid;
}

export interface Server {
  url: string;
  adminKey: string;
  /** The local server's process, for its CPU time; undefined on a server given by TYPESENSE_URL. */
  pid: number | undefined;
}

export async function benchServer(ctx: BenchContext): Promise<Server> {
  const node = ctx.typesense.nodes[0];
  if (node === undefined) throw new Error('no Typesense node');
  return { url: `${node.protocol}://${node.host}:${node.port}`, adminKey: ctx.typesense.adminKey, pid: await ctx.typesense.local?.pid() };
}

/** The real CLI (`build --json --no-progress` plus `args`), in its own process, so its RSS is its own. */
export async function runBuilder(server: Server, args: string[]): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(bin, ['build', ...args, '--json', '--no-progress'], {
    cwd: root,
    env: { ...process.env, TYPESENSE_URL: server.url, TYPESENSE_ADMIN_KEY: server.adminKey, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  let peak = 0;
  // CPU of both processes as the run goes: the import's share is read at its end, known only once the report says how long the autocomplete build took.
  const serverFrom = await cpuSeconds(server.pid);
  const samples: { at: number; client: number; server: number }[] = [];
  const sampler = setInterval(() => {
    if (child.pid === undefined) return;
    void kb(child.pid, 'VmHWM').then((v) => (peak = Number.isFinite(v) ? Math.max(peak, v) : peak));
    const at = (Date.now() - started) / 1000;
    void Promise.all([cpuSeconds(child.pid), cpuSeconds(server.pid)]).then(([c, s]) => {
      if (Number.isFinite(c)) samples.push({ at, client: c, server: s - serverFrom });
    });
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`trained-index exited with ${code}`);
  const report = JSON.parse(out) as CliRun['report'];
  const suggestSeconds = report.suggestions?.seconds ?? 0;
  const seconds = (Date.now() - started) / 1000 - suggestSeconds;
  // The readings settle in any order (two /proc reads each): the last one taken before the import's end.
  const atEnd = samples
    .filter((s) => s.at <= seconds)
    .sort((a, b) => a.at - b.at)
    .at(-1);
  const cpu = { client: atEnd?.client ?? NaN, server: atEnd?.server ?? NaN };
  return { rows: report.read, seconds, suggestSeconds, peakRss: peak, report, cpu };
}

/** `count` rows of one dataset only, in its publisher's layout (the stream's other rows skipped), from a fresh copy of `generator`. */
export function* recordsOf(generator: RealisticGenerator, dataset: string, count: number): Generator<Record<string, unknown>> {
  const fresh = generator.fresh();
  let n = 0;
  while (n < count) {
    for (const g of fresh.take(10_000)) {
      if (g.dataset !== dataset) continue;
      yield g.record;
      if (++n === count) return;
    }
  }
}

/** Bodies of BATCH documents each, one JSON document per line. */
export function toBodies(docs: Iterable<TrackDocument>): string[] {
  const bodies: string[] = [];
  let lines: string[] = [];
  for (const d of docs) {
    lines.push(JSON.stringify(d));
    if (lines.length === BATCH) {
      bodies.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}

/**
 * The bodies posted straight to the import endpoint, CONCURRENCY at a time: the server's own pace; with
 * `perRowUs`, that much plain arithmetic a row on this side first (the headroom run: what a builder doing
 * only that much of its own work a row would reach).
 */
export async function postBodies(
  server: Server,
  collection: string,
  bodies: readonly string[],
  perRowUs = 0,
): Promise<{ seconds: number; cpu: ImportCpu }> {
  const url = `${server.url}/collections/${collection}/documents/import?action=upsert`;
  // The headroom run (headroom.ts): plain arithmetic a row before each body goes, as a builder doing only that would.
  const works = perRowUs > 0 ? bodies.map((b) => work(perRowUs * b.split('\n').length)) : [];
  const started = Date.now();
  const own = process.cpuUsage();
  const serverFrom = await cpuSeconds(server.pid);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const at = next++;
      const body = bodies[at] ?? '';
      works[at]?.();
      for (;;) {
        const res = await fetch(url, { method: 'POST', body, headers: { 'X-TYPESENSE-API-KEY': server.adminKey } });
        const text = await res.text();
        if (res.status === 503) {
          await sleep(100);
          continue;
        }
        if (!res.ok || text.includes('"success":false')) throw new Error(`raw import failed: ${res.status} ${text.slice(0, 200)}`);
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  const used = process.cpuUsage(own);
  return { seconds, cpu: { client: (used.user + used.system) / 1e6, server: (await cpuSeconds(server.pid)) - serverFrom } };
}

/** The bodies again into a fresh collection named after `like`, with `perRowUs` of own work a row (postBodies): its seconds. */
export async function postWithWork(
  server: Server,
  admin: TypesenseClient,
  like: string,
  bodies: readonly string[],
  perRowUs: number,
  created: string[],
): Promise<number> {
  const name = `${like}_headroom`;
  await createTracksCollection(admin, name);
  created.push(name);
  const { seconds } = await postBodies(server, name, bodies, perRowUs);
  await dropCollection(admin, name);
  return seconds;
}

/** The import's headroom run beside the raw one, round by round: the rate ratio a builder doing only `us` a row would reach. */
export function headroomLine(us: number, rawSeconds: readonly number[], headroomSeconds: readonly number[]): string {
  const ratios = headroomSeconds.map((h, i) => (rawSeconds[i] ?? NaN) / h);
  return (
    `raw bodies with ${us} µs of plain arithmetic a row first (a builder doing only that much of its own work): ` +
    `ratio to raw ${median(ratios, (r) => r).toFixed(2)} (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`
  );
}

/**
 * The CPU per row of the builder's runs and the raw imports (medians), and the ratio builder/raw the
 * cores alone would allow: with the server and the documents' maker sharing them and the cores the
 * limit, each import runs at cores / (CPU per row), so builder/raw = raw CPU a row / builder CPU a row.
 */
export function cpuLine(rows: number, builder: readonly ImportCpu[], raw: readonly ImportCpu[]): string {
  const us = (seconds: number): string => `${((seconds / rows) * 1e6).toFixed(0)} µs`;
  const mid = (runs: readonly ImportCpu[], side: keyof ImportCpu): number => median(runs, (r) => r[side])[side];
  const b = { client: mid(builder, 'client'), server: mid(builder, 'server') };
  const r = { client: mid(raw, 'client'), server: mid(raw, 'server') };
  if (![b.client, b.server, r.client, r.server].every(Number.isFinite))
    return 'CPU per row: not measured (no local server process to read)';
  return (
    `CPU per row, median of the rounds: builder ${us(b.client)} + server ${us(b.server)}, raw bodies ${us(r.client)} + server ${us(r.server)}` +
    // Pinned apart (pin.ts), the sides do not share cores: the sum predicts nothing.
    (pinnedApart()
      ? ''
      : `; with the cores the limit, that makes builder/raw ${((r.client + r.server) / (b.client + b.server)).toFixed(2)}`)
  );
}

export interface RamReading {
  rows: number;
  /** RSS added per million rows, from the slope between a fifth of the rows and all of them (fixed costs excluded). */
  slope: number;
  /** RSS added per million rows, start to end. */
  added: number;
}

/**
 * Imports `count` documents into a fresh server of its own (a shared one reuses memory freed
 * by earlier imports, which makes a per-row figure meaningless) and reads its RSS.
 */
export async function ramPerMillion(ctx: BenchContext, count: number, docs: () => Iterable<TrackDocument>): Promise<RamReading> {
  const binary = await locateTypesenseBinary({ cacheDir: join(root, '.cache'), log: ctx.log, pathVar: process.env.PATH });
  const server = await startLocalTypesense({ binary, log: ctx.log });
  try {
    const pid = await server.pid();
    if (pid === undefined) throw new Error('the bench server has no pid');
    const admin = createTypesenseClient({
      nodes: [{ host: server.host, port: server.port, protocol: 'http' }],
      apiKey: server.apiKey,
      timeoutMs: 120_000,
    });
    await createTracksCollection(admin, 'ram');
    const before = await kb(pid, 'VmRSS');
    const fifth = Math.floor(count / 5 / 10_000) * 10_000;
    let atFifth = NaN;
    let done = 0;
    let batch: TrackDocument[] = [];
    const flush = async (): Promise<void> => {
      await importBatch(admin, 'ram', batch);
      done += batch.length;
      batch = [];
      if (done === fifth) {
        await sleep(3000); // read once the import's own buffers are released, as the final reading is
        atFifth = await kb(pid, 'VmRSS');
      }
    };
    for (const d of docs()) {
      batch.push(d);
      if (batch.length === 10_000) await flush();
    }
    await flush();
    await sleep(3000);
    const after = await kb(pid, 'VmRSS');
    const slope = Number.isFinite(atFifth) ? (after - atFifth) / ((done - fifth) / 1e6) : NaN;
    return { rows: done, slope, added: (after - before) / (done / 1e6) };
  } finally {
    await server.stop();
  }
}
