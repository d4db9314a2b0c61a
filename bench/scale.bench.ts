/**
 * Issue 17, the full-scale rehearsal: one realistic index (bench/realistic.ts, all four
 * datasets' shapes) grown to 1M, 5M, 10M and 21.2M rows on a Typesense server of its own.
 * At each size: import rate, Typesense RAM per million rows, the autocomplete collection's
 * build, then p50/p99 per query kind through the search port beside the same requests sent
 * directly (alternating), the answer identity of the exact search's plan (artist words over
 * the title's rows) against the filter form it replaced, and the growth exponent of p99.
 *
 * `npm run bench -- scale`; SCALE_SIZES=1000000,5000000 picks sizes; SCALE_QUERIES (default
 * 200) queries per kind; SCALE_TOP_ARTIST (default 0.004) the top artist's share of rows;
 * SCALE_ROUNDS (default 2) times the whole query set is asked at each size, so every figure of
 * the closing summary (scale-summary.ts) is a min and a median over rounds. Under each kind's
 * line of the last round, its slowest queries' searches are sent again alone with the server's own times.
 * Each round ends with whole bot commands at 8 in flight beside the same bodies sent directly
 * (throughputAt8; SCALE_THROUGHPUT=0 skips them, SCALE_PIN=1 repeats them with the server on a
 * core of its own), for the throughput goal.
 * Each round waits for a quiet machine (quietMachine); SCALE_KEEP keeps the server for attach runs (keepServer);
 * SCALE_IDENTITY picks the answer-identity checks and SCALE_KINDS the query kinds (measureSize); SCALE_COMMON_ROWS sets the port's
 * common-word threshold (default COMMON_WORD_ROWS) for both the rounds and the common-words check.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aliasTarget,
  createSearchKey,
  createTracksCollection,
  importBatch,
  pointAlias,
  writeIndexInfo,
} from '../index-builder/collection.js';
import { existingInfo } from '../index-builder/publish.js';
import { buildSuggestions, swapSuggestions } from '../index-builder/suggestions.js';
import { COMMON_WORD_ROWS, type TitleWord } from '../src/index/common-words.js';
import { toDocument } from '../src/index/document.js';
import type { TrackDocument } from '../src/index/schema.js';
import type { Logger } from '../src/log.js';
import { TypesenseSearch } from '../src/search/typesense-search.js';
import { locateTypesenseBinary } from '../src/typesense/binary.js';
import { createTypesenseClient, type TypesenseClient } from '../src/typesense/client.js';
import { startLocalTypesense } from '../src/typesense/local-server.js';
import { candidatesIdentity, countsIdentity, hashIdentity, identity } from './plan-identity.js';
import { commonWordsIdentity, fuzzyPageIdentity, splitIdentity } from './port-identity.js';
import {
  direct,
  kindsOf,
  recordingPort,
  SIDE_HEADER,
  sideBySide,
  sideLine,
  slowest,
  spread,
  type Endpoint,
  type Timed,
} from './queries.js';
import { RealisticGenerator, type Sample } from './realistic.js';
import { FULL_ROWS } from './realistic-layouts.js';
import type { BenchContext } from './run.js';
import { GOALS, growth, summary, type Figure, type Rate } from './scale-summary.js';
import { gb, percentile, rssOf } from './stats.js';
import { benchDatasets, botOn } from './synthetic-index.js';
import { pinApart } from './pin.js';
import { headroomUs } from './headroom.js';
import { measureThroughput, THROUGHPUT_HEADER, type ThroughputLine } from './throughput.js';

export default async function scale(ctx: BenchContext): Promise<void> {
  const attach = process.env.SCALE_ATTACH;
  if (attach !== undefined) return attached(attach, process.env.SCALE_ATTACH_KEY ?? '', ctx.log);
  const sizes = (process.env.SCALE_SIZES ?? `1000000,5000000,10000000,${FULL_ROWS}`).split(',').map(Number);
  const queries = Number(process.env.SCALE_QUERIES ?? '200');
  const topArtistShare = Number(process.env.SCALE_TOP_ARTIST ?? '0.004');
  const rounds = Math.max(1, Number(process.env.SCALE_ROUNDS ?? '2'));
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
    console.log(
      `${GOALS}\ntop artist share ${topArtistShare}; ${queries} queries per kind, ${rounds} rounds; Typesense ${gb(empty)} empty`,
    );
    const figures: Figure[] = [];
    const rates: Rate[] = [];
    let samples: readonly Sample[] = [];
    for (const size of sizes) {
      const importStarted = Date.now();
      const before = generator.rowsEmitted;
      await grow(admin, collection, generator, size);
      const importSeconds = (Date.now() - importStarted) / 1000;
      await new Promise((r) => setTimeout(r, 3000));
      const rss = await rssOf(pid);
      const built = await buildSuggestions({ client: admin, collection, alias, log: ctx.log });
      await swapSuggestions(admin, alias, built.collection);
      await writeIndexInfo(admin, collection, {
        builtAt: new Date().toISOString(),
        sample: false,
        datasets: benchDatasets(size),
        titleHashes: 'dataset',
        titleWords: built.titleWords,
      });
      console.log(
        `\n=== ${size.toLocaleString('en-US')} rows: imported ${(size - before).toLocaleString('en-US')} in ${importSeconds.toFixed(0)} s ` +
          `(${Math.round((size - before) / importSeconds)} rows/s); Typesense ${gb(rss)}, ${gb((rss - empty) / (size / 1e6))} per million rows; ` +
          `autocomplete: ${built.titles} titles, ${built.artists} artists in ${built.seconds.toFixed(0)} s; ` +
          `${commonLine(built.titleWords)}; ` +
          `top artist ${generator.topArtistRows[0] ?? 0} rows`,
      );
      samples = spread(generator.samples, queries);
      await measureSize({ admin, e, rows: size, samples, rounds, figures, rates, serverPid: pid });
    }
    growth(figures, sizes);
    summary(figures, sizes, rounds, rates);
    await keepServer(e.base, server.apiKey, samples, pid);
  } finally {
    await server.stop();
  }
}

/**
 * Waits (at most SCALE_QUIET_WAIT minutes, default 15) for the 1-minute load average to fall
 * below 0.6: a round measured while the import, the autocomplete build or another job still
 * holds a core measures that job. Returns the load it starts at (printed with the round).
 */
async function quietMachine(): Promise<number> {
  const until = Date.now() + Number(process.env.SCALE_QUIET_WAIT ?? '15') * 60_000;
  while ((loadavg()[0] ?? 0) >= 0.6 && Date.now() < until) await new Promise((r) => setTimeout(r, 5000));
  return loadavg()[0] ?? NaN;
}

/**
 * SCALE_KEEP=<minutes>: the server stays up that long after the summary (or until the file
 * below is deleted), so `SCALE_ATTACH` can ask the rounds again of the same rows with other
 * code. Its URL and admin key go to a file only its owner reads, never to the log; the last
 * size's samples (drawn over the whole stream) go beside it, for SCALE_SAMPLES.
 */
async function keepServer(base: string, apiKey: string, samples: readonly Sample[], pid: number): Promise<void> {
  const minutes = Number(process.env.SCALE_KEEP ?? '0');
  if (!(minutes > 0)) return;
  const file = join(tmpdir(), 'trained-scale-attach.env');
  const sampleFile = join(tmpdir(), 'trained-scale-samples.json');
  await writeFile(sampleFile, JSON.stringify(samples));
  await writeFile(file, `SCALE_ATTACH=${base}\nSCALE_ATTACH_KEY=${apiKey}\nSCALE_SAMPLES=${sampleFile}\nSCALE_ATTACH_PID=${pid}\n`, {
    mode: 0o600,
  });
  console.log(
    `server kept for ${minutes} min: ${file} holds SCALE_ATTACH, SCALE_ATTACH_KEY, SCALE_SAMPLES and SCALE_ATTACH_PID; delete it to stop sooner`,
  );
  const until = Date.now() + minutes * 60_000;
  while (Date.now() < until && existsSync(file)) await new Promise((r) => setTimeout(r, 5000));
  await rm(file, { force: true });
}

interface Measured {
  admin: TypesenseClient;
  e: Endpoint;
  rows: number;
  samples: readonly Sample[];
  rounds: number;
  figures: Figure[];
  rates: Rate[];
  /** The server's process, for the CPU a lookup of each side (unknown when attached without SCALE_ATTACH_PID). */
  serverPid: number | undefined;
}

/** One size's query rounds, each kind through the port beside the same bodies sent directly, then the plans' answer identity. */
async function measureSize({ admin, e, rows, samples, rounds, figures, rates, serverPid }: Measured): Promise<void> {
  const port = new TypesenseSearch({
    client: createTypesenseClient({ nodes: e.nodes, apiKey: e.searchKey, timeoutMs: 30_000 }),
    collection: e.alias,
    commonWordRows: commonWordRows(),
  });
  // SCALE_KINDS=<names, comma-separated>: those kinds alone (an attach run after a change to one of them).
  const only = process.env.SCALE_KINDS?.split(',');
  const names = Object.keys(kindsOf(samples[0] as Sample)).filter((n) => only === undefined || only.includes(n));
  for (let round = 1; round <= rounds; round++) {
    const load = await quietMachine();
    console.log(`round ${round} of ${rounds} (load average ${load.toFixed(2)} at its start)\n${SIDE_HEADER}`);
    for (const name of names) {
      const t: Timed = await sideBySide(
        e,
        port,
        samples.map((s) => kindsOf(s)[name] ?? (() => Promise.resolve())),
        recordingPort(e, { commonWordRows: commonWordRows() }),
      );
      console.log(sideLine(name, t));
      if (round === rounds && !name.includes('prefix')) for (const line of await slowest(e, t)) console.log(line);
      figures.push({
        rows,
        kind: name,
        p50: percentile(t.bot, 50),
        p99: percentile(t.bot, 99),
        ratio50: percentile(t.bot, 50) / percentile(t.direct, 50),
      });
    }
    console.log(await floorLine(e, samples.length));
    // SCALE_THROUGHPUT=0 skips the commands at 8 in flight (about a minute a round at 21.2M rows).
    if (process.env.SCALE_THROUGHPUT !== '0') {
      for (const line of await throughputAt8(e, samples, serverPid)) {
        const h = line.headroom;
        const headroom = h === undefined ? {} : { headroom: { us: h.us, ratio: h.figures.rps / line.direct.rps } };
        rates.push({ rows, kind: line.kind, ratio: line.core.rps / line.direct.rps, ...headroom });
      }
    }
  }
  // SCALE_IDENTITY=0 skips the identity checks (the filter forms they compare with take minutes at 21.2M rows);
  // a list of their names (exact-text,hashes,counts,candidates,common-words,split,fuzzy-page) runs those alone.
  const wanted = (process.env.SCALE_IDENTITY ?? Object.keys(IDENTITY_CHECKS).join(',')).split(',');
  for (const [name, check] of Object.entries(IDENTITY_CHECKS)) if (wanted.includes(name)) await check(admin, e.alias, samples);
}

/**
 * Whole bot commands (a title with its artist; a YouTube link) at 8 in flight beside the bodies
 * they sent replayed directly (throughput.ts), every command a query never asked.
 */
async function throughputAt8(e: Endpoint, samples: readonly Sample[], serverPid: number | undefined): Promise<ThroughputLine[]> {
  const on = { nodes: e.nodes, alias: e.alias, searchKey: e.searchKey };
  const port = { commonWordRows: commonWordRows() };
  const { bot } = botOn(on, {}, port);
  const recording = recordingPort(e, port);
  const recorder = botOn(on, { search: recording.target }).bot;
  const run = (): Promise<ThroughputLine[]> =>
    measureThroughput({
      bot,
      recorder: { target: recorder, take: recording.take },
      e,
      samples,
      ...(serverPid === undefined ? {} : { serverPid }),
      concurrencies: [8],
      total: () => 2000,
      warmUp: 4000,
      fresh: true,
      headroomUs: headroomUs(),
    });
  console.log(`whole commands at 8 in flight beside the same bodies sent directly:\n${THROUGHPUT_HEADER}`);
  try {
    const shared = await run();
    // SCALE_PIN=1: again with the server on the first core and this process (bot and direct alike) on
    // the others, as on a host where the bot has a core of its own (pin.ts); printed, not part of the summary.
    const pinned = process.env.SCALE_PIN === '1' && serverPid !== undefined ? pinApart(serverPid) : undefined;
    if (pinned !== undefined) {
      try {
        console.log(`the same, ${pinned.line}:`);
        await run();
      } finally {
        pinned.undo();
      }
    }
    return shared;
  } finally {
    await recorder.close();
    await bot.close();
  }
}

/**
 * The floor beside the id lookups, as many requests as a kind has queries, one at a time over the
 * direct side's keep-alive pool (undici, as the bot's transport): one the server answers without
 * searching (GET /health), and a multi_search by an id no row has (the id lookup's path, finding
 * nothing). Their p99 is what loopback, this Node process and the scheduler add to any request
 * here: on 2 cores shared with the server, V8's helper threads delay ~1% of requests by 2–6 ms (a
 * Python client's GET /health: p99 0.45 ms on the same server).
 */
async function floorLine(e: Endpoint, n: number): Promise<string> {
  const asks = {
    'GET /health': () => direct(e.base, '/health'),
    'an id no row has': () =>
      direct(e.base, '/multi_search', {
        method: 'POST',
        headers: { 'X-TYPESENSE-API-KEY': e.searchKey, 'content-type': 'application/json', 'accept-encoding': 'identity' },
        body: JSON.stringify({ searches: [{ collection: e.alias, q: '*', filter_by: 'id:=[no-such-row]', per_page: 1 }] }),
      }),
  };
  const times: Record<string, number[]> = {};
  for (let i = 0; i < n; i++) {
    for (const [name, ask] of Object.entries(asks)) {
      const t = performance.now();
      await ask();
      (times[name] ??= []).push(performance.now() - t);
    }
  }
  const parts = Object.entries(times).map(([name, t]) => {
    t.sort((a, b) => a - b);
    return `${name} p50 ${percentile(t, 50).toFixed(2)} ms, p99 ${percentile(t, 99).toFixed(2)} ms`;
  });
  return `floor, ${n} requests one at a time: ${parts.join('; ')}`;
}

/** Each plan change's answer identity (plan-identity.ts, port-identity.ts), by the name SCALE_IDENTITY lists it with. */
const IDENTITY_CHECKS = {
  'exact-text': identity,
  hashes: hashIdentity,
  counts: countsIdentity,
  candidates: candidatesIdentity,
  'common-words': commonWordsIdentity,
  split: splitIdentity,
  'fuzzy-page': fuzzyPageIdentity,
};

/**
 * SCALE_ATTACH=<url of a server holding `bench_scale` from a run of this bench> with
 * SCALE_ATTACH_KEY=<its admin key>: the query rounds alone, this checkout's code against an index
 * built earlier (a 21.2M-row build takes most of an hour). The samples are the build run's
 * (SCALE_SAMPLES, written by keepServer), else SCALE_QUERIES rows read from the index itself (its
 * newest rows, 250 a page: an easier sample than the whole stream's). SCALE_SUGGESTIONS=1
 * first builds this checkout's autocomplete collection and title words over those rows.
 */
async function attached(url: string, apiKey: string, log: Logger): Promise<void> {
  const queries = Number(process.env.SCALE_QUERIES ?? '200');
  const rounds = Math.max(1, Number(process.env.SCALE_ROUNDS ?? '2'));
  const u = new URL(url);
  const nodes = [{ host: u.hostname, port: Number(u.port), protocol: 'http' as const }];
  const admin = createTypesenseClient({ nodes, apiKey, timeoutMs: 600_000 });
  const alias = 'bench_scale';
  const e: Endpoint = { nodes, base: u.origin, searchKey: await createSearchKey(admin, [alias]), alias };
  // SCALE_SAMPLES=<file keepServer wrote>: the build run's own samples, spread over the whole stream.
  const sampleFile = process.env.SCALE_SAMPLES;
  const samples: Sample[] = sampleFile === undefined ? [] : (JSON.parse(await readFile(sampleFile, 'utf8')) as Sample[]).slice(0, queries);
  for (let page = 1; samples.length < queries; page++) {
    const res = await admin
      .collections<TrackDocument>(alias)
      .documents()
      .search({ q: '*', per_page: 250, page, include_fields: 'dataset,row_key,title,artists,platform_ids' });
    const docs = (res.hits ?? []).map((h) => h.document).filter((d) => (d.title ?? '') !== '' && (d.artists ?? []).length > 0);
    if ((res.hits ?? []).length === 0) break;
    for (const d of docs.slice(0, queries - samples.length)) {
      const youtube = (d.platform_ids ?? []).find((p) => p.startsWith('youtube:'))?.slice('youtube:'.length);
      samples.push({
        dataset: d.dataset,
        rowKey: d.row_key,
        title: d.title,
        artists: d.artists,
        youtubeId: youtube ?? (d.dataset === 'laion-disco-12m' ? d.row_key : undefined),
        artistRank: -1,
      });
    }
  }
  if (process.env.SCALE_SUGGESTIONS === '1') {
    // This checkout's suggestions and title words over the attached rows (an index built by older code).
    const built = await buildSuggestions({ client: admin, collection: alias, alias, log });
    await swapSuggestions(admin, alias, built.collection);
    const info = await existingInfo(admin, alias);
    if (info === undefined) throw new Error(`${alias} holds no index info`);
    await writeIndexInfo(admin, (await aliasTarget(admin, alias)) ?? alias, { ...info, titleWords: built.titleWords });
    console.log(
      `autocomplete rebuilt: ${built.titles} titles, ${built.artists} artists in ${built.seconds.toFixed(0)} s; ${commonLine(built.titleWords)}`,
    );
  }
  const { found: rows } = await admin.collections<TrackDocument>(alias).documents().search({ q: '*', per_page: 0 });
  console.log(
    `${GOALS}\nattached to ${u.origin}: ${rows.toLocaleString('en-US')} rows; ${samples.length} queries per kind (${sampleFile === undefined ? "the index's newest rows" : `the build run's samples, ${sampleFile}`}), ${rounds} rounds`,
  );
  const figures: Figure[] = [];
  const rates: Rate[] = [];
  // SCALE_ATTACH_PID (keepServer writes it): the server's process, for the CPU a lookup of each side.
  const pid = Number(process.env.SCALE_ATTACH_PID ?? NaN);
  const serverPid = Number.isInteger(pid) ? pid : undefined;
  await measureSize({ admin, e, rows: rows, samples, rounds, figures, rates, serverPid });
  summary(figures, [rows], rounds, rates);
}

/** The port's common-word threshold: SCALE_COMMON_ROWS, else the port's own default. */
function commonWordRows(): number {
  return Number(process.env.SCALE_COMMON_ROWS ?? COMMON_WORD_ROWS);
}

/** The title words the fuzzy searches leave out at this size (COMMON_WORD_ROWS), for the size's line. */
function commonLine(words: readonly TitleWord[]): string {
  const left = words.filter((w) => w.rows >= commonWordRows());
  return `${words.length} title words listed, ${left.length} on ${commonWordRows().toLocaleString('en-US')}+ rows (${left
    .slice(0, 8)
    .map((w) => w.word)
    .join(', ')}${left.length > 8 ? ', …' : ''})`;
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
