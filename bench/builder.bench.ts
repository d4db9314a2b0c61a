/**
 * Index-builder throughput and memory (issue 3). In one run:
 *  - writes a realistic (bench/realistic.ts) LAION-DISCO-12M-layout parquet of 1,000,000 × BENCH_SCALE rows (and a
 *    quarter-size one),
 *  - runs the real CLI (`bin/trained-index.mjs build`, with the heap flags its launchers set) on
 *    each in a child process, sampling its peak RSS,
 *  - imports the same documents raw as JSONL over plain HTTP (the server's own limit),
 *  - alternates builder and raw runs (ROUNDS of each), so a burst of other work on the
 *    machine hits both sides, and compares the median of each,
 *  - reads the local server's VmRSS after the builder's import,
 *  - prints rows/s, the ratio builder/raw (target ≥ 0.9), builder peak RSS at both sizes
 *    (target: flat), Typesense RSS per million rows (target ≤ 0.3 GB) and the projection
 *    for the full 21.2M rows;
 *  - then the same for Sleeping-DISCO-9M-shaped rows (builder-sleeping.ts), and the whole
 *    index's RAM per million rows from both shapes, each measured on a fresh server (goal ≤ 0.3 GB).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTracksCollection, dropCollection } from '../index-builder/collection.js';
import { laionWriter, type LaionRow } from '../sample-data/laion-parquet.js';
import { toDocument } from '../src/index/document.js';
import type { TrackDocument } from '../src/index/schema.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import {
  benchServer,
  cpuLine,
  headroomLine,
  postWithWork,
  fmt,
  gb,
  kb,
  launcherFlags,
  mb,
  median,
  postBodies,
  ramPerMillion,
  recordsOf,
  runBuilder,
  toBodies,
  type CliRun,
  type ImportCpu,
} from './builder-helpers.js';
import { fieldRam } from './builder-field-ram.js';
import { sleepingBench } from './builder-sleeping.js';
import { headroomRowUs } from './headroom.js';
import type { BenchContext } from './run.js';
import { RealisticGenerator } from './realistic.js';

const FULL_ROWS = 21_200_000;
const ROUNDS = 3;

/** LAION-DISCO-12M rows of the realistic stream, in the publisher's parquet columns. */
async function laionRows(count: number, seed: number): Promise<Generator<LaionRow>> {
  const generator = await RealisticGenerator.create({ seed });
  return recordsOf(generator, 'laion-disco-12m', count) as Generator<LaionRow>;
}

async function writeParquet(path: string, count: number, seed: number): Promise<void> {
  const w = laionWriter(path);
  let chunk: LaionRow[] = [];
  for (const row of await laionRows(count, seed)) {
    chunk.push(row);
    if (chunk.length === 100_000) {
      w.write(chunk);
      chunk = [];
    }
  }
  w.write(chunk);
  w.finish();
}

function laionDocument(row: LaionRow): TrackDocument {
  const id = row.song_id ?? '';
  return toDocument({
    dataset: 'laion-disco-12m',
    rowKey: id,
    title: row.title ?? '',
    artists: (row.artist_names ?? []).filter((a): a is string => a !== null),
    album: row.album_name ?? undefined,
    duration: Number(row.duration),
    url: `https://www.youtube.com/watch?v=${id}`,
    platformIds: [{ platform: 'youtube', id }],
    rowKeyPlatform: 'youtube',
  });
}

/** The same documents the builder makes from the parquet, as raw bodies. */
async function laionBodies(file: string): Promise<string[]> {
  const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
  return toBodies(rows.map((r) => laionDocument(r as LaionRow)));
}

/** A build of this many rows is a part of the dataset: the claimedRows floor is for full builds. */
const laionArgs = (file: string, alias: string): string[] => ['--source', `laion-disco-12m=${file}`, '--alias', alias, '--allow-partial'];

export default async function builderBench(ctx: BenchContext): Promise<void> {
  const big = Math.max(10_000, Math.round(1_000_000 * ctx.scale));
  const small = Math.round(big / 4);
  const dir = await mkdtemp(join(tmpdir(), 'trained-bench-'));
  const admin = createTypesenseClient({ nodes: ctx.typesense.nodes, apiKey: ctx.typesense.adminKey, timeoutMs: 120_000 });
  const server = await benchServer(ctx);
  const serverPid = server.pid;
  const created: string[] = [];
  try {
    const bigFile = join(dir, 'big.parquet');
    const smallFile = join(dir, 'small.parquet');
    const t = Date.now();
    await writeParquet(bigFile, big, 1);
    await writeParquet(smallFile, small, 2);
    console.log(`realistic LAION parquet: ${fmt(big)} + ${fmt(small)} rows written in ${((Date.now() - t) / 1000).toFixed(1)} s`);

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
    const rawRuns: { rows: number; seconds: number; cpu: ImportCpu }[] = [];
    const bodies = await laionBodies(bigFile);
    const perRowUs = headroomRowUs();
    const headroomSeconds: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const run = await runBuilder(server, laionArgs(bigFile, `bench_builder_${Date.now()}`));
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
      const raw = { rows: big, ...(await postBodies(server, rawName, bodies)) };
      await dropCollection(admin, rawName);
      rawRuns.push(raw);
      // The headroom run (headroom.ts): the same bodies with perRowUs of own work a row first.
      if (perRowUs > 0) headroomSeconds.push(await postWithWork(server, admin, rawName, bodies, perRowUs, created));
      console.log(
        `round ${round}: builder ${fmt(run.rows / run.seconds)} rows/s (${run.seconds.toFixed(1)} s), raw ${fmt(raw.rows / raw.seconds)} rows/s (${raw.seconds.toFixed(1)} s)` +
          (perRowUs > 0 ? `, raw with ${perRowUs} µs a row ${fmt(raw.rows / (headroomSeconds[round - 1] ?? NaN))} rows/s` : ''),
      );
    }
    const runSmall = await runBuilder(server, laionArgs(smallFile, `bench_builder_small_${Date.now()}`));
    await dropBuild(runSmall);

    const run = median(builderRuns, (r) => r.seconds);
    const raw = median(rawRuns, (r) => r.seconds);
    const peakBig = Math.max(...builderRuns.map((r) => r.peakRss));
    const builderRate = run.rows / run.seconds;
    const rawRate = raw.rows / raw.seconds;
    const perMillion = ((rssAfter - rssBefore) / big) * 1e6;
    const perMillionAbs = (rssAfter / big) * 1e6;
    console.log(
      `builder (CLI, start-up and import; autocomplete build ${run.suggestSeconds.toFixed(1)} s apart), median of ${ROUNDS}: ${fmt(run.rows)} rows in ${run.seconds.toFixed(1)} s = ${fmt(builderRate)} rows/s`,
    );
    console.log(
      `raw JSONL import over HTTP, median of ${ROUNDS}:              ${fmt(raw.rows)} rows in ${raw.seconds.toFixed(1)} s = ${fmt(rawRate)} rows/s`,
    );
    console.log(
      `ratio builder/raw: ${(builderRate / rawRate).toFixed(2)} (target >= 0.90; per round ${builderRuns.map((r, i) => (r.rows / r.seconds / (big / (rawRuns[i]?.seconds ?? NaN))).toFixed(2)).join(', ')})`,
    );
    if (headroomSeconds.length > 0)
      console.log(
        headroomLine(
          perRowUs,
          rawRuns.map((r) => r.seconds),
          headroomSeconds,
        ),
      );
    console.log(
      cpuLine(
        big,
        builderRuns.map((r) => r.cpu),
        rawRuns.map((r) => r.cpu),
      ),
    );
    console.log(
      `builder peak RSS (node ${await launcherFlags()}): ${mb(runSmall.peakRss)} at ${fmt(small)} rows, ${mb(peakBig)} at ${fmt(big)} rows ` +
        `= ${(peakBig / runSmall.peakRss).toFixed(2)}x for ${(big / small).toFixed(0)}x the rows (target: flat)`,
    );
    if (serverPid !== undefined) {
      console.log(`Typesense RSS: ${mb(rssBefore)} before, ${mb(rssAfter)} after ${fmt(big)} rows`);
      console.log(
        `Typesense RSS per million rows: ${gb(perMillion)} added (${gb(perMillionAbs)} counting the whole process) (target <= 0.30 GB)`,
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

  console.log('\n--- Sleeping-DISCO-9M-shaped rows ---');
  const sleeping = await sleepingBench(ctx, big);
  const laionSource = await laionRows(big, 1);
  const laionDocs = [...laionSource].map(laionDocument);
  const laion = await ramPerMillion(ctx, big, function* () {
    yield* laionDocs;
  });
  // The whole index: Sleeping-DISCO-9M's rows in their shape, every other dataset's (LAION, FMA, Spotify) in LAION's.
  // The slope is the cost of one more row; "added" also spreads the fixed costs over this bench's rows (the cautious figure).
  const sleepingRows = 9_713_413;
  const otherRows = FULL_ROWS - sleepingRows;
  const whole = (l: number, s: number): number => (l * otherRows + s * sleepingRows) / FULL_ROWS;
  console.log(`Typesense RAM, LAION-shaped rows on a fresh server: ${gb(laion.slope)} per million rows (slope; ${gb(laion.added)} added)`);
  console.log(
    `whole index (${fmt(otherRows)} LAION-shaped + ${fmt(sleepingRows)} Sleeping-DISCO-shaped rows): ` +
      `${gb(whole(laion.slope, sleeping.asBuilt.slope))} per million rows by slope, ${gb(whole(laion.added, sleeping.asBuilt.added))} as added ` +
      `(~${gb((whole(laion.added, sleeping.asBuilt.added) * FULL_ROWS) / 1e6)} for ${fmt(FULL_ROWS)}; goal <= 0.3 GB per million); ` +
      `without Genius page tokens ${gb(whole(laion.added, sleeping.youtubeOnly.added))} as added`,
  );
  console.log(
    `Sleeping-DISCO-9M adds ${gb(sleeping.asBuilt.slope - laion.slope)} per million of its rows over a LAION row ` +
      `(its YouTube links ${gb(sleeping.youtubeOnly.slope - sleeping.rowKeyOnly.slope)}, its Genius pages ${gb(sleeping.asBuilt.slope - sleeping.youtubeOnly.slope)})`,
  );

  console.log('\n--- one field at a time ---');
  const laionStream = function* () {
    yield* laionDocs;
  };
  await fieldRam(ctx, 'album_norm', '/trained album:; every row carries an album here, as in LAION-DISCO-12M', big, laionStream);
  await fieldRam(ctx, 'title_keys', 'the exact title filter, one hash token per title key', big, laionStream);
}
