/**
 * The builder on Sleeping-DISCO-9M-shaped rows (bench/realistic.ts, with lyrics: one JSON Lines
 * file per letter, lyrics and annotations included, 0..2 YouTube links per row):
 *  - the real CLI against the same documents posted raw, alternating, median of each;
 *  - Typesense RAM per million rows on fresh servers, for the rows as built and for two
 *    cheaper alternatives: without the Genius page tokens (Genius links then answered by
 *    resolution and title search), and without any id beyond the row key (YouTube links in
 *    youtube_links then not findable by id at all).
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTracksCollection, dropCollection } from '../index-builder/collection.js';
import { descriptorFor } from '../index-builder/datasets/index.js';
import { compileMapping } from '../index-builder/mapping.js';
import { toDocument, type TrackRow } from '../src/index/document.js';
import type { TrackDocument } from '../src/index/schema.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import {
  benchServer,
  cpuLine,
  fmt,
  gb,
  headroomLine,
  postWithWork,
  mb,
  median,
  postBodies,
  ramPerMillion,
  recordsOf,
  runBuilder,
  toBodies,
  type CliRun,
  type ImportCpu,
  type RamReading,
} from './builder-helpers.js';
import { headroomRowUs } from './headroom.js';
import type { BenchContext } from './run.js';
import { RealisticGenerator } from './realistic.js';

const ROUNDS = 3;
const SEED = 7;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface SleepingFigures {
  rows: number;
  builderRate: number;
  rawRate: number;
  peakRss: number;
  /** As built: YouTube ids and the Genius page path as tokens. */
  asBuilt: RamReading;
  youtubeOnly: RamReading;
  rowKeyOnly: RamReading;
  bytesPerRow: number;
}

async function writeFiles(dir: string, rows: number): Promise<number> {
  const files: WriteStream[] = [...LETTERS].map((l) => createWriteStream(join(dir, `${l}.jsonl`)));
  let bytes = 0;
  let i = 0;
  const generator = await RealisticGenerator.create({ seed: SEED, fullSleepingRecords: true });
  for (const record of recordsOf(generator, 'sleeping-disco-9m', rows)) {
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    const file = files[i++ % files.length] as WriteStream;
    if (!file.write(line)) await once(file, 'drain');
  }
  await Promise.all(files.map((f) => new Promise<void>((r) => f.end(() => r()))));
  return bytes;
}

/** The documents the builder makes from these rows, optionally with fewer ids. */
async function documents(rows: number, keep: (row: TrackRow) => TrackRow): Promise<() => Generator<TrackDocument>> {
  const descriptor = await descriptorFor('sleeping-disco-9m');
  if (descriptor === undefined) throw new Error('no sleeping-disco-9m descriptor');
  const generator = await RealisticGenerator.create({ seed: SEED });
  const first = recordsOf(generator, 'sleeping-disco-9m', 1).next().value;
  const mapping = compileMapping(descriptor, 'bench', Object.keys(first ?? {}));
  return function* () {
    for (const record of recordsOf(generator, 'sleeping-disco-9m', rows)) {
      const m = mapping.map(record);
      if (m.ok) yield toDocument(keep(m.row));
    }
  };
}

const onlyIds =
  (keep: (p: { platform: string; id: string }, row: TrackRow) => boolean) =>
  (row: TrackRow): TrackRow => ({ ...row, platformIds: (row.platformIds ?? []).filter((p) => keep(p, row)) });

export async function sleepingBench(ctx: BenchContext, rows: number): Promise<SleepingFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'trained-bench-sleeping-'));
  const server = await benchServer(ctx);
  const admin = createTypesenseClient({ nodes: ctx.typesense.nodes, apiKey: ctx.typesense.adminKey, timeoutMs: 120_000 });
  const created: string[] = [];
  try {
    const t = Date.now();
    const bytes = await writeFiles(dir, rows);
    console.log(
      `synthetic Sleeping-DISCO JSONL: ${fmt(rows)} rows in ${LETTERS.length} files, ${mb(bytes)} (${fmt(bytes / rows)} bytes a row), ` +
        `written in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    const asBuilt = await documents(rows, (r) => r);
    const bodies = toBodies(asBuilt());
    const builderRuns: CliRun[] = [];
    const rawSeconds: number[] = [];
    const rawCpu: ImportCpu[] = [];
    const headroomSeconds: number[] = [];
    const perRowUs = headroomRowUs();
    for (let round = 1; round <= ROUNDS; round++) {
      const alias = `bench_sleeping_${Date.now()}`;
      const run = await runBuilder(server, ['--source', `sleeping-disco-9m=${dir}`, '--alias', alias, '--allow-partial']);
      created.push(run.report.collection);
      await admin
        .aliases(alias)
        .delete()
        .catch(() => undefined);
      await dropCollection(admin, run.report.collection);
      builderRuns.push(run);
      const rawName = `bench_sleeping_raw_${Date.now()}`;
      await createTracksCollection(admin, rawName);
      created.push(rawName);
      const raw = await postBodies(server, rawName, bodies);
      rawSeconds.push(raw.seconds);
      rawCpu.push(raw.cpu);
      await dropCollection(admin, rawName);
      if (perRowUs > 0) headroomSeconds.push(await postWithWork(server, admin, rawName, bodies, perRowUs, created));
      console.log(
        `round ${round}: builder ${fmt(run.rows / run.seconds)} rows/s (${run.seconds.toFixed(1)} s), raw ${fmt(rows / (rawSeconds[round - 1] ?? 1))} rows/s` +
          (perRowUs > 0 ? `, raw with ${perRowUs} µs a row ${fmt(rows / (headroomSeconds[round - 1] ?? 1))} rows/s` : ''),
      );
    }
    const best = median(builderRuns, (r) => r.seconds);
    const builderRate = best.rows / best.seconds;
    const rawRate = rows / median(rawSeconds, (s) => s);
    const peakRss = Math.max(...builderRuns.map((r) => r.peakRss));

    const youtubeOnly = onlyIds((p, r) => p.platform !== 'genius' || p.id === r.rowKey);
    const rowKeyOnly = onlyIds((p, r) => p.id === r.rowKey);
    const figures: SleepingFigures = {
      rows,
      builderRate,
      rawRate,
      peakRss,
      asBuilt: await ramPerMillion(ctx, rows, asBuilt),
      youtubeOnly: await ramPerMillion(ctx, rows, await documents(rows, youtubeOnly)),
      rowKeyOnly: await ramPerMillion(ctx, rows, await documents(rows, rowKeyOnly)),
      bytesPerRow: bytes / rows,
    };
    const line = (label: string, r: RamReading): string =>
      `  ${label.padEnd(52)} ${gb(r.slope)} per million rows (slope; ${gb(r.added)} counting fixed costs)`;
    console.log(`builder (CLI), median of ${ROUNDS}: ${fmt(best.rows)} rows in ${best.seconds.toFixed(1)} s = ${fmt(builderRate)} rows/s`);
    console.log(`raw JSONL import over HTTP, median of ${ROUNDS}: ${fmt(rawRate)} rows/s`);
    console.log(`ratio builder/raw: ${(builderRate / rawRate).toFixed(2)} (target >= 0.90); builder peak RSS ${mb(peakRss)}`);
    if (headroomSeconds.length > 0) console.log(headroomLine(perRowUs, rawSeconds, headroomSeconds));
    console.log(
      cpuLine(
        rows,
        builderRuns.map((r) => r.cpu),
        rawCpu,
      ),
    );
    console.log('Typesense RAM, Sleeping-DISCO-shaped rows, each on a fresh server:');
    console.log(line('as built (YouTube ids + Genius page as tokens)', figures.asBuilt));
    console.log(line('alternative: no Genius page tokens', figures.youtubeOnly));
    console.log(line('alternative: no ids beyond the row key', figures.rowKeyOnly));
    return figures;
  } finally {
    for (const c of created) await dropCollection(admin, c).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
