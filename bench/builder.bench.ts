/**
 * Index-builder throughput and memory (issue 3). In one run:
 *  - writes a synthetic LAION-DISCO-12M-layout parquet of 1,000,000 × BENCH_SCALE rows (and a
 *    quarter-size one),
 *  - runs the real CLI (`bin/trained-index.mjs build`, with the heap flags its launchers set) on
 *    each in a child process, sampling its peak RSS,
 *  - imports the same documents raw as JSONL over plain HTTP (the server's own limit),
 *  - alternates builder and raw runs (ROUNDS of each), so a burst of other work on the
 *    machine hits both sides, and compares the best of each,
 *  - reads the local server's VmRSS after the builder's import,
 *  - prints rows/s, the ratio builder/raw (target ≥ 0.85), builder peak RSS at both sizes
 *    (target: flat), Typesense RSS per million rows (target ≤ 0.35 GB) and the projection
 *    for the full 21.2M rows.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTracksCollection, dropCollection } from '../index-builder/collection.js';
import { laionWriter, type LaionRow } from '../sample-data/laion-parquet.js';
import { toDocument } from '../src/index/document.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import type { BenchContext } from './run.js';
import { rng, word, youtubeId, zipf } from './synthetic.js';

const FULL_ROWS = 21_200_000;
const BATCH = 5000;
const CONCURRENCY = 2;
const ROUNDS = 2;
const root = fileURLToPath(new URL('..', import.meta.url));

function* laionRows(count: number, seed: number): Generator<LaionRow> {
  const r = rng(seed);
  const vocabulary = 200_000;
  const artists = Math.max(1000, Math.floor(count / 50));
  for (let i = 0; i < count; i++) {
    const id = youtubeId(r);
    const words = 1 + Math.floor(r() * 5);
    const title: string[] = [];
    for (let w = 0; w < words; w++) title.push(word(zipf(r, vocabulary)));
    const a = zipf(r, artists);
    const names = r() < 0.15 ? [`${word(a)} ${word(a * 31 + 5)}`, `${word(a + 1)} ${word(a * 17)}`] : [`${word(a)} ${word(a * 31 + 5)}`];
    yield {
      song_id: id,
      title: title.join(' '),
      artist_names: names,
      artist_ids: names.map((_, k) => `UC${id}${k}abcdefghij`),
      album_name: `${word(zipf(r, vocabulary))} ${word(zipf(r, vocabulary))}`,
      album_id: `MPREb_${id}`,
      isExplicit: r() < 0.1,
      views: `${Math.floor(r() * 999)}K plays`,
      duration: 60 + Math.floor(r() * 400),
    };
  }
}

function writeParquet(path: string, count: number, seed: number): void {
  const w = laionWriter(path);
  let chunk: LaionRow[] = [];
  for (const row of laionRows(count, seed)) {
    chunk.push(row);
    if (chunk.length === 100_000) {
      w.write(chunk);
      chunk = [];
    }
  }
  w.write(chunk);
  w.finish();
}

async function kb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
}

interface CliRun {
  rows: number;
  seconds: number;
  peakRss: number;
  report: { collection: string; imported: number; rejected: number };
}

const bin = join(root, 'bin', 'trained-index.mjs');

/** The node flags `bin/trained-index.mjs` runs with (its shebang line): what users get. */
async function launcherFlags(): Promise<string> {
  const first = (await readFile(bin, 'utf8')).split('\n')[0] ?? '';
  return first.replace(/^#!\/usr\/bin\/env -S node ?/, '');
}

/** The real CLI, run as users run it, in its own process, so its RSS is its own. */
async function runBuilder(ctx: BenchContext, file: string, alias: string): Promise<CliRun> {
  const node = ctx.typesense.nodes[0];
  if (node === undefined) throw new Error('no Typesense node');
  const started = Date.now();
  const child = spawn(bin, ['build', '--source', `laion-disco-12m=${file}`, '--alias', alias, '--json', '--no-progress'], {
    cwd: root,
    env: {
      ...process.env,
      TYPESENSE_URL: `${node.protocol}://${node.host}:${node.port}`,
      TYPESENSE_ADMIN_KEY: ctx.typesense.adminKey,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) void kb(child.pid, 'VmHWM').then((v) => (peak = Number.isFinite(v) ? Math.max(peak, v) : peak));
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`trained-index exited with ${code}`);
  const report = JSON.parse(out) as { collection: string; imported: number; rejected: number; read: number };
  return { rows: report.read, seconds: (Date.now() - started) / 1000, peakRss: peak, report };
}

/** The same documents as JSONL bodies posted straight to the import endpoint: the server's own pace. */
async function rawImport(ctx: BenchContext, file: string, collection: string): Promise<{ rows: number; seconds: number }> {
  const node = ctx.typesense.nodes[0];
  if (node === undefined) throw new Error('no Typesense node');
  const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
  const buffer = await asyncBufferFromFile(file);
  const rows = await parquetReadObjects({ file: buffer });
  const bodies: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    bodies.push(
      rows
        .slice(i, i + BATCH)
        .map((r) => {
          const row = r as LaionRow;
          const id = row.song_id ?? '';
          return JSON.stringify(
            toDocument({
              dataset: 'laion-disco-12m',
              rowKey: id,
              title: row.title ?? '',
              artists: (row.artist_names ?? []).filter((a): a is string => a !== null),
              album: row.album_name ?? undefined,
              duration: Number(row.duration),
              url: `https://www.youtube.com/watch?v=${id}`,
              platformIds: [{ platform: 'youtube', id }],
              rowKeyPlatform: 'youtube',
            }),
          );
        })
        .join('\n'),
    );
  }
  const url = `${node.protocol}://${node.host}:${node.port}/collections/${collection}/documents/import?action=upsert`;
  const started = Date.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++] ?? '';
      for (;;) {
        const res = await fetch(url, { method: 'POST', body, headers: { 'X-TYPESENSE-API-KEY': ctx.typesense.adminKey } });
        const text = await res.text();
        if (res.status === 503) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (!res.ok || text.includes('"success":false')) throw new Error(`raw import failed: ${res.status} ${text.slice(0, 200)}`);
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rows: rows.length, seconds: (Date.now() - started) / 1000 };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const gb = (b: number): string => `${(b / 1024 ** 3).toFixed(3)} GB`;
const mb = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MB`;

export default async function builderBench(ctx: BenchContext): Promise<void> {
  const big = Math.max(10_000, Math.round(1_000_000 * ctx.scale));
  const small = Math.round(big / 4);
  const dir = await mkdtemp(join(tmpdir(), 'trained-bench-'));
  const admin = createTypesenseClient({ nodes: ctx.typesense.nodes, apiKey: ctx.typesense.adminKey, timeoutMs: 120_000 });
  const serverPid = await ctx.typesense.local?.pid();
  const created: string[] = [];
  try {
    const bigFile = join(dir, 'big.parquet');
    const smallFile = join(dir, 'small.parquet');
    const t = Date.now();
    writeParquet(bigFile, big, 1);
    writeParquet(smallFile, small, 2);
    console.log(`synthetic LAION parquet: ${fmt(big)} + ${fmt(small)} rows written in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const dropBuild = async (run: CliRun): Promise<void> => {
      await admin
        .aliases(run.report.collection.split('__build_')[0] ?? '')
        .delete()
        .catch(() => undefined);
      await dropCollection(admin, run.report.collection);
    };
    const rssBefore = serverPid === undefined ? NaN : await kb(serverPid, 'VmRSS');
    let rssAfter = NaN;
    const builderRuns: CliRun[] = [];
    const rawRuns: { rows: number; seconds: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const run = await runBuilder(ctx, bigFile, `bench_builder_${Date.now()}`);
      created.push(run.report.collection);
      if (round === 1) {
        await new Promise((r) => setTimeout(r, 3000)); // let the server settle before reading its RSS
        rssAfter = serverPid === undefined ? NaN : await kb(serverPid, 'VmRSS');
      }
      await dropBuild(run);
      builderRuns.push(run);
      const rawName = `bench_raw_${Date.now()}`;
      await createTracksCollection(admin, rawName);
      created.push(rawName);
      const raw = await rawImport(ctx, bigFile, rawName);
      await dropCollection(admin, rawName);
      rawRuns.push(raw);
      console.log(
        `round ${round}: builder ${fmt(run.rows / run.seconds)} rows/s (${run.seconds.toFixed(1)} s), raw ${fmt(raw.rows / raw.seconds)} rows/s (${raw.seconds.toFixed(1)} s)`,
      );
    }
    const runSmall = await runBuilder(ctx, smallFile, `bench_builder_small_${Date.now()}`);
    await dropBuild(runSmall);

    const run = builderRuns.reduce((best, r) => (r.seconds < best.seconds ? r : best));
    const raw = rawRuns.reduce((best, r) => (r.seconds < best.seconds ? r : best));
    const peakBig = Math.max(...builderRuns.map((r) => r.peakRss));
    const builderRate = run.rows / run.seconds;
    const rawRate = raw.rows / raw.seconds;
    const perMillion = ((rssAfter - rssBefore) / big) * 1e6;
    const perMillionAbs = (rssAfter / big) * 1e6;
    console.log(
      `builder (CLI, whole run incl. start-up), best of ${ROUNDS}: ${fmt(run.rows)} rows in ${run.seconds.toFixed(1)} s = ${fmt(builderRate)} rows/s`,
    );
    console.log(
      `raw JSONL import over HTTP, best of ${ROUNDS}:              ${fmt(raw.rows)} rows in ${raw.seconds.toFixed(1)} s = ${fmt(rawRate)} rows/s`,
    );
    console.log(`ratio builder/raw: ${(builderRate / rawRate).toFixed(2)} (target >= 0.85)`);
    console.log(
      `builder peak RSS (node ${await launcherFlags()}): ${mb(runSmall.peakRss)} at ${fmt(small)} rows, ${mb(peakBig)} at ${fmt(big)} rows ` +
        `= ${(peakBig / runSmall.peakRss).toFixed(2)}x for ${(big / small).toFixed(0)}x the rows (target: flat)`,
    );
    if (serverPid !== undefined) {
      console.log(`Typesense RSS: ${mb(rssBefore)} before, ${mb(rssAfter)} after ${fmt(big)} rows`);
      console.log(
        `Typesense RSS per million rows: ${gb(perMillion)} added (${gb(perMillionAbs)} counting the whole process) (target <= 0.35 GB)`,
      );
      console.log(
        `projection for ${fmt(FULL_ROWS)} rows: ${(FULL_ROWS / builderRate / 60).toFixed(0)} min at this rate on this machine, ` +
          `Typesense ~${gb(rssBefore + (perMillion * FULL_ROWS) / 1e6)} RAM`,
      );
    } else {
      console.log(
        `projection for ${fmt(FULL_ROWS)} rows: ${(FULL_ROWS / builderRate / 60).toFixed(0)} min (server RSS not measured: TYPESENSE_URL is set)`,
      );
    }
  } finally {
    for (const c of created) await dropCollection(admin, c).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
