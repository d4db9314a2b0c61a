/**
 * An artist's and an album's rows: the port's reads beside the title search, over the port's own
 * round trips (`Reads`, given by typesense-search.ts). Filtered by the artist's key (or, for a key
 * too long to filter on, a typo-free text search narrowed here), paged a few pages a round trip.
 */
import { artistKey } from '../index/credits.js';
import { clampQuery, exactAny } from './filter.js';
import { filterable } from './exact-filters.js';
import { MAX_PER_PAGE } from './plan.js';
import type { AlbumResult, ArtistCoverage, CallOptions, TrackMatch } from './port.js';
import {
  DISPLAY_FIELDS,
  emptyResponse,
  toMatch,
  type TrackHit,
  type TrackSearchParams as Params,
  type TrackSearchResponse as Response,
} from './rank.js';
import { planAlbumQuery, type AlbumQuery } from './album.js';
import { coverageOf } from './coverage.js';
import { datasetCounts } from './counts.js';
import { sendAtOnce } from './round.js';

const ARTIST_SCAN_LIMIT = 5000;

/** What the reads need of the port. */
export interface Reads {
  /** One round trip of several searches, answers in order. */
  multiSearch(searches: readonly Params[], opts: CallOptions): Promise<Response[]>;
  /** The index's dataset ids (none while no index info can be read). */
  datasets(opts: CallOptions): Promise<string[]>;
  /** Rows of one filter per dataset, in one round trip; `only`: that dataset alone, the filter scoped to it already. */
  countPerDataset(filter: string, only: string | undefined, opts: CallOptions): Promise<Record<string, number>>;
  /** No request of the port is in flight: two requests at once would each have a server core (round.ts). */
  idle(): boolean;
}

/** Search parameters selecting an artist's rows; for long keys a text search, to be narrowed with `holdsArtist`. */
function byArtist(artist: string): Params {
  return filterable(artist)
    ? { q: '*', filter_by: exactAny('artists_norm', [artist]) }
    : { q: artist, query_by: 'artists_norm', num_typos: 0, prefix: false, drop_tokens_threshold: 0 };
}

function holdsArtist(doc: TrackHit, artist: string): boolean {
  return (doc.artists_norm ?? []).includes(artist);
}

/** Two requests sent at once (round.ts): either failing stops the other; answers in order, `a`'s then `b`'s. */
function atOnce(r: Reads, a: readonly Params[], b: readonly Params[], opts: CallOptions): Promise<Response[]> {
  const all = [...a, ...b];
  const groups = [a.map((_, j) => j), b.map((_, j) => a.length + j)];
  return sendAtOnce(
    groups,
    (group, signal) =>
      r.multiSearch(
        group.map((at) => all[at] as Params),
        { ...opts, signal },
      ),
    opts.signal,
  );
}

async function search(r: Reads, params: Params, opts: CallOptions): Promise<Response> {
  const [res] = await r.multiSearch([params], opts);
  return res ?? emptyResponse();
}

export async function artistCoverage(r: Reads, name: string, opts: CallOptions): Promise<ArtistCoverage> {
  const artist = artistKey(clampQuery(name));
  const empty: ArtistCoverage = { artist: name, totalRows: 0, rowsByDataset: {}, distinctTitles: 0, topTitles: [], partial: false };
  if (artist === '') return empty;
  if (!filterable(artist)) return longArtistCoverage(r, name, artist, opts);
  const filter = exactAny('artists_norm', [artist]);
  const datasets = await r.datasets(opts);
  // Rows per dataset: one count per dataset in the same round trip (no facet on `dataset`, see schema.ts),
  // beside the first page while the port is idle (each costs the artist's rows).
  const page: Params[] = [{ q: '*', filter_by: filter, per_page: MAX_PER_PAGE, include_fields: 'dataset,title,title_norm,artists_norm' }];
  const countSearches = datasetCounts(filter, datasets);
  const [first = emptyResponse(), ...counts] =
    countSearches.length > 0 && r.idle()
      ? await atOnce(r, page, countSearches, opts)
      : await r.multiSearch([...page, ...countSearches], opts);
  const total = first.found;
  const rowsByDataset: Record<string, number> = {};
  datasets.forEach((d, i) => {
    const found = counts[i]?.found ?? 0;
    if (found > 0) rowsByDataset[d] = found;
  });
  const docs = [...(first.hits ?? []).map((h) => h.document), ...(await restOfArtist(r, artist, total, 'dataset,title,title_norm', opts))];
  if (datasets.length === 0) for (const doc of docs) rowsByDataset[doc.dataset ?? ''] = (rowsByDataset[doc.dataset ?? ''] ?? 0) + 1;
  return coverageOf(name, total, rowsByDataset, docs);
}

/** An artist key too long to filter on: one page of a typo-free text search, compared here. */
async function longArtistCoverage(r: Reads, name: string, artist: string, opts: CallOptions): Promise<ArtistCoverage> {
  const res = await search(
    r,
    { ...byArtist(artist), per_page: MAX_PER_PAGE, include_fields: 'dataset,title,title_norm,artists_norm' },
    opts,
  );
  const docs = (res.hits ?? []).map((h) => h.document).filter((d) => holdsArtist(d, artist));
  const rowsByDataset: Record<string, number> = {};
  for (const doc of docs) rowsByDataset[doc.dataset ?? ''] = (rowsByDataset[doc.dataset ?? ''] ?? 0) + 1;
  const coverage = coverageOf(name, docs.length, rowsByDataset, docs);
  return { ...coverage, partial: res.found > MAX_PER_PAGE };
}

export async function artistTracks(r: Reads, name: string, max: number, opts: CallOptions): Promise<TrackMatch[]> {
  const artist = artistKey(clampQuery(name));
  if (artist === '') return [];
  const first = await search(r, { ...byArtist(artist), per_page: MAX_PER_PAGE, include_fields: DISPLAY_FIELDS }, opts);
  if (!filterable(artist)) {
    const docs = (first.hits ?? []).map((h) => h.document).filter((d) => holdsArtist(d, artist));
    return docs.slice(0, max).map((d) => toMatch(d, 'exact'));
  }
  const rest = await restOfArtist(r, artist, Math.min(first.found, max), DISPLAY_FIELDS, opts);
  return [...(first.hits ?? []).map((h) => h.document), ...rest].slice(0, max).map((d) => toMatch(d, 'exact'));
}

export async function albumTracks(r: Reads, query: AlbumQuery, opts: CallOptions): Promise<AlbumResult> {
  const plan = planAlbumQuery(query);
  if (plan === undefined) return { matches: [], total: 0, datasetTotals: {} };
  const page = (p: number): Params => ({
    q: '*',
    filter_by: plan.filter,
    page: p,
    per_page: MAX_PER_PAGE,
    include_fields: DISPLAY_FIELDS,
  });
  const [first, datasetTotals] = await Promise.all([search(r, page(1), opts), r.countPerDataset(plan.filter, undefined, opts)]);
  const docs = [...(first.hits ?? []).map((h) => h.document)];
  const pages = Math.ceil(Math.min(first.found, plan.max) / MAX_PER_PAGE);
  if (pages > 1) {
    const rest = await r.multiSearch(
      Array.from({ length: pages - 1 }, (_, i) => page(i + 2)),
      opts,
    );
    for (const res of rest) docs.push(...(res.hits ?? []).map((h) => h.document));
  }
  return { matches: docs.slice(0, plan.max).map((d) => toMatch(d, 'exact')), total: first.found, datasetTotals };
}

/**
 * Pages 2.. of an artist's rows, four a request, up to the scan limit. Typesense 0.24.1 runs one
 * request's searches one after the other on one thread, ~11 ms a page of a 2,000-row artist at
 * 1M rows: while the port has nothing else in flight, two requests go at once (round.ts), each
 * with a core of its own; under load, one after the other, as every core is busy already.
 */
async function restOfArtist(r: Reads, artist: string, total: number, fields: string, opts: CallOptions): Promise<TrackHit[]> {
  const pages = Math.ceil(Math.min(total, ARTIST_SCAN_LIMIT) / MAX_PER_PAGE);
  const batches: Params[][] = [];
  for (let page = 2; page <= pages; page += 4) {
    const batch: Params[] = [];
    for (let p = page; p < page + 4 && p <= pages; p++) {
      batch.push({ q: '*', filter_by: exactAny('artists_norm', [artist]), page: p, per_page: MAX_PER_PAGE, include_fields: fields });
    }
    batches.push(batch);
  }
  const out: TrackHit[] = [];
  for (let i = 0; i < batches.length;) {
    const [one = [], two] = [batches[i], batches[i + 1]];
    let answers: Response[];
    if (two !== undefined && r.idle()) {
      answers = await atOnce(r, one, two, opts);
      i += 2;
    } else {
      answers = await r.multiSearch(one, opts);
      i += 1;
    }
    for (const res of answers) out.push(...(res.hits ?? []).map((h) => h.document));
  }
  return out;
}
