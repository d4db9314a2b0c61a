/**
 * Issue 17, the full-scale rehearsal: one realistic index (bench/realistic.ts, all four
 * datasets' shapes) grown to 1M, 5M, 10M and 21.2M rows on a Typesense server of its own.
 * At each size: import rate, Typesense RAM per million rows, the autocomplete collection's
 * build, then p50/p99 per query kind through the search port beside the same requests sent
 * directly (alternating), the answer identity of the exact search's plan (artist words over
 * the title's rows) against the filter form it replaced, and the growth exponent of p99.
 *
 * `npm run bench -- scale`; SCALE_SIZES=1000000,5000000 picks sizes; SCALE_QUERIES (default
 * 200) queries per kind; SCALE_TOP_ARTIST (default 0.004) the top artist's share of rows.
 */
import { join } from 'node:path';
import type { MultiSearchRequestsWithoutUnionSchema, SearchResponse } from 'typesense';
import { createSearchKey, createTracksCollection, importBatch, pointAlias, writeIndexInfo } from '../index-builder/collection.js';
import { buildSuggestions, swapSuggestions } from '../index-builder/suggestions.js';
import { toDocument } from '../src/index/document.js';
import { exactByFilter, planTitleQuery, planTitleSearches } from '../src/search/plan.js';
import { rankCandidates, type TrackHit } from '../src/search/rank.js';
import { TypesenseSearch } from '../src/search/typesense-search.js';
import { locateTypesenseBinary } from '../src/typesense/binary.js';
import { createTypesenseClient, type TypesenseClient } from '../src/typesense/client.js';
import { startLocalTypesense } from '../src/typesense/local-server.js';
import { kindsOf, SIDE_HEADER, sideBySide, sideLine, spread, type Endpoint, type Timed } from './queries.js';
import { FULL_ROWS, RealisticGenerator, type Sample } from './realistic.js';
import type { BenchContext } from './run.js';
import { gb, percentile, rssOf } from './stats.js';
import { benchDatasets } from './synthetic-index.js';

const GOALS =
  'goals at 21.2M: title p50 <= 10 ms, p99 <= 60 ms; autocomplete p99 <= 50 ms; id p99 <= 5 ms; at 1M title p99 <= 20 ms; ' +
  'bot/direct <= 1.10; RAM <= 0.30 GB per million rows';

export default async function scale(ctx: BenchContext): Promise<void> {
  const sizes = (process.env.SCALE_SIZES ?? `1000000,5000000,10000000,${FULL_ROWS}`).split(',').map(Number);
  const queries = Number(process.env.SCALE_QUERIES ?? '200');
  const topArtistShare = Number(process.env.SCALE_TOP_ARTIST ?? '0.004');
  const binary = await locateTypesenseBinary({ cacheDir: join(process.cwd(), '.cache'), log: ctx.log, pathVar: process.env.PATH });
  // A server of its own: RSS per row means nothing on a server that holds other benches' indexes.
  const server = await startLocalTypesense({ binary, log: ctx.log });
  try {
    const pid = await server.pid();
    if (pid === undefined) throw new Error('the bench server has no pid');
    const nodes = [{ host: server.host, port: server.port, protocol: 'http' as const }];
    const admin = createTypesenseClient({ nodes, apiKey: server.apiKey, timeoutMs: 600_000 });
    const alias = 'bench_scale';
    const collection = `${alias}_${Date.now()}`;
    await createTracksCollection(admin, collection);
    await pointAlias(admin, alias, collection);
    const e: Endpoint = { nodes, base: `http://${server.host}:${server.port}`, searchKey: await createSearchKey(admin, [alias]), alias };
    const generator = await RealisticGenerator.create({ seed: 17, topArtistShare });
    const empty = await rssOf(pid);
    console.log(`${GOALS}\ntop artist share ${topArtistShare}; ${queries} queries per kind; Typesense ${gb(empty)} empty`);
    const p99s: { rows: number; kind: string; p99: number }[] = [];
    for (const size of sizes) {
      const importStarted = Date.now();
      const before = generator.rowsEmitted;
      await grow(admin, collection, generator, size);
      const importSeconds = (Date.now() - importStarted) / 1000;
      await writeIndexInfo(admin, collection, { builtAt: new Date().toISOString(), sample: false, datasets: benchDatasets(size) });
      await new Promise((r) => setTimeout(r, 3000));
      const rss = await rssOf(pid);
      const built = await buildSuggestions({ client: admin, collection, alias, log: ctx.log });
      await swapSuggestions(admin, alias, built.collection);
      console.log(
        `\n=== ${size.toLocaleString('en-US')} rows: imported ${(size - before).toLocaleString('en-US')} in ${importSeconds.toFixed(0)} s ` +
          `(${Math.round((size - before) / importSeconds)} rows/s); Typesense ${gb(rss)}, ${gb((rss - empty) / (size / 1e6))} per million rows; ` +
          `autocomplete: ${built.titles} titles, ${built.artists} artists in ${built.seconds.toFixed(0)} s; ` +
          `top artist ${generator.topArtistRows[0] ?? 0} rows`,
      );
      const port = new TypesenseSearch({
        client: createTypesenseClient({ nodes, apiKey: e.searchKey, timeoutMs: 30_000 }),
        collection: alias,
      });
      const samples = spread(generator.samples, queries);
      console.log(SIDE_HEADER);
      const names = Object.keys(kindsOf(samples[0] as Sample));
      for (const name of names) {
        const t: Timed = await sideBySide(
          e,
          port,
          samples.map((s) => kindsOf(s)[name] ?? (() => Promise.resolve())),
        );
        console.log(sideLine(name, t));
        p99s.push({ rows: size, kind: name, p99: percentile(t.bot, 99) });
      }
      await identity(admin, alias, samples);
    }
    growth(p99s, sizes);
  } finally {
    await server.stop();
  }
}

/** Imports the generator's next rows up to `size`, one batch in flight while the next is made. */
async function grow(admin: TypesenseClient, collection: string, generator: RealisticGenerator, size: number): Promise<void> {
  let pending: Promise<unknown> = Promise.resolve();
  let batch: object[] = [];
  for (const { row } of generator.take(size - generator.rowsEmitted)) {
    batch.push(toDocument(row));
    if (batch.length === 10_000) {
      await pending;
      pending = importBatch(admin, collection, batch);
      batch = [];
    }
  }
  await pending;
  await importBatch(admin, collection, batch);
}

/**
 * The plan change's answer identity: the exact and misspelt queries ranked from the searches the
 * port plans (artist words over the title's rows) and from the same searches with the filter on
 * the artist first, compared query by query.
 */
async function identity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  let same = 0;
  let asked = 0;
  const ranked = async (q: NonNullable<ReturnType<typeof planTitleQuery>>, byFilter: boolean) => {
    const plan = planTitleSearches(q);
    if (byFilter) plan[0] = exactByFilter(q);
    const body: MultiSearchRequestsWithoutUnionSchema<TrackHit, string> = {
      searches: plan.map((p) => ({ collection: alias, query_by: 'title_norm', ...p.params })),
    };
    const res = await admin.multiSearch.perform<TrackHit[]>(body, {});
    const out = rankCandidates(
      q,
      plan.map((p, i) => ({ role: p.role, response: res.results[i] as SearchResponse<TrackHit> })),
    );
    return JSON.stringify([out.matches.map((m) => `${m.dataset}:${m.rowKey}:${m.basis}`), out.exactTotal, out.hasMore]);
  };
  for (const s of samples) {
    const q = planTitleQuery({ title: s.title, artist: s.artists[0] ?? '', perPage: 25 });
    if (q === undefined || planTitleSearches(q)[0]?.role !== 'exact-text') continue;
    asked++;
    if ((await ranked(q, false)) === (await ranked(q, true))) same++;
  }
  console.log(`answer identity, exact search as artist words over the title's rows vs the artist filter: same on ${same} of ${asked}`);
}

/** p99 ∝ rows^k between the first and last size: k per kind (1 = linear in the index). */
function growth(p99s: readonly { rows: number; kind: string; p99: number }[], sizes: readonly number[]): void {
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (first === undefined || last === undefined || first === last) return;
  console.log(`\ngrowth exponent of p99 from ${first.toLocaleString('en-US')} to ${last.toLocaleString('en-US')} rows (1 = linear):`);
  for (const kind of new Set(p99s.map((p) => p.kind))) {
    const a = p99s.find((p) => p.kind === kind && p.rows === first)?.p99 ?? NaN;
    const b = p99s.find((p) => p.kind === kind && p.rows === last)?.p99 ?? NaN;
    console.log(`  ${kind.padEnd(18)} ${(Math.log(b / a) / Math.log(last / first)).toFixed(2)}  (${a.toFixed(1)} -> ${b.toFixed(1)} ms)`);
  }
}
