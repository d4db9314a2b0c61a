/**
 * Issue 12: the RAM the new matching fields cost. Synthetic rows (500,000 x BENCH_SCALE),
 * every one given a title in another script in brackets and two artists joined by "&" in
 * one cell, are imported twice, each time into a server of its own: as toDocument makes
 * them now (`title_alt` with the title's two other forms, the joined names' pieces in
 * `artist_parts`), and as before this issue (no `title_alt`, the pieces in `artists_norm`).
 * The difference is what a row carrying such forms costs; rows without them pay nothing,
 * since both fields are optional and left out when empty.
 * `npm run bench -- match-keys`
 */
import { join } from 'node:path';
import { createTracksCollection, importBatch } from '../index-builder/collection.js';
import { toDocument, type TrackRow } from '../src/index/document.js';
import type { TrackDocument } from '../src/index/schema.js';
import { locateTypesenseBinary } from '../src/typesense/binary.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import { startLocalTypesense } from '../src/typesense/local-server.js';
import type { BenchContext } from './run.js';
import { gb, rssOf } from './stats.js';
import { rng } from './random.js';
import { RealisticGenerator } from './realistic.js';

const FULL_ROWS = 21_200_000;
const HANGUL = ['사랑', '봄날', '노래', '하늘', '바다', '별빛', '꿈', '밤', '눈물', '기억'];

/** The same row with a bracketed title in another script and two artists joined in one cell. */
function withForms(row: TrackRow, rand: () => number, generator: RealisticGenerator): TrackRow {
  const alt = `${HANGUL[Math.floor(rand() * HANGUL.length)] ?? ''}${HANGUL[Math.floor(rand() * HANGUL.length)] ?? ''}`;
  const second = generator.artistName(1 + Math.floor(rand() * 50_000));
  return { ...row, title: `${row.title} (${alt})`, artists: [`${row.artists[0] ?? ''} & ${second}`] };
}

/** The document as the index held it before issue 12: no title forms, the pieces of joined names among the artist keys. */
function asBefore(doc: TrackDocument): TrackDocument {
  const { title_alt: _alt, artist_parts: parts = [], ...rest } = doc;
  return { ...rest, artists_norm: [...rest.artists_norm, ...parts] };
}

async function ramPerRow(ctx: BenchContext, rows: number, now: boolean): Promise<{ perRow: number; docBytes: number }> {
  const binary = await locateTypesenseBinary({ cacheDir: join(process.cwd(), '.cache'), log: ctx.log, pathVar: process.env.PATH });
  const server = await startLocalTypesense({ binary, log: ctx.log });
  try {
    const pid = await server.pid();
    if (pid === undefined) throw new Error('the bench server has no pid');
    const admin = createTypesenseClient({
      nodes: [{ host: server.host, port: server.port, protocol: 'http' }],
      apiKey: server.apiKey,
      timeoutMs: 120_000,
    });
    const name = `bench_keys_${now ? 'now' : 'before'}`;
    await createTracksCollection(admin, name);
    await new Promise((r) => setTimeout(r, 2000));
    const before = await rssOf(pid);
    const rand = rng(12);
    let batch: object[] = [];
    let docBytes = 0;
    const generator = await RealisticGenerator.create({ seed: 12 });
    for (const { row } of generator.take(rows)) {
      const made = toDocument(withForms(row, rand, generator));
      const doc = now ? made : asBefore(made);
      docBytes += JSON.stringify(doc).length;
      batch.push(doc);
      if (batch.length === 10_000) {
        await importBatch(admin, name, batch);
        batch = [];
      }
    }
    await importBatch(admin, name, batch);
    await new Promise((r) => setTimeout(r, 3000));
    return { perRow: ((await rssOf(pid)) - before) / rows, docBytes: docBytes / rows };
  } finally {
    await server.stop();
  }
}

export default async function matchKeys(ctx: BenchContext): Promise<void> {
  const rows = Math.round(500_000 * ctx.scale);
  const before = await ramPerRow(ctx, rows, false);
  const now = await ramPerRow(ctx, rows, true);
  const extra = now.perRow - before.perRow;
  console.log(
    `rows per variant               ${rows.toLocaleString('en-US')}, each with a bracketed other-script title and a joined credit`,
  );
  console.log(
    `Typesense RAM per 1M such rows ${gb(before.perRow * 1e6)} as before, ${gb(now.perRow * 1e6)} with title_alt and artist_parts`,
  );
  console.log(`document JSON per row          ${before.docBytes.toFixed(0)} B as before, ${now.docBytes.toFixed(0)} B now`);
  console.log(`extra RAM per such row         ${extra.toFixed(0)} B`);
  for (const share of [0.05, 0.2, 1]) {
    console.log(`  if ${String(share * 100).padStart(3)}% of 21.2M rows carry them: +${gb(extra * share * FULL_ROWS)}`);
  }
}
