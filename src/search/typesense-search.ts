import { baseTitle, normalizeArtist, normalizeTitle, versionOf } from '../index/normalize.js';
import { documentId, INDEX_INFO_ID, TRACKS_ALIAS, type IndexInfo, type Platform, type TrackDocument } from '../index/schema.js';
import type { TypesenseClient } from '../typesense/client.js';
import { clampQuery, exactAny, exactOne } from './filter.js';
import {
  SearchUnavailableError,
  type ArtistCoverage,
  type Basis,
  type SearchPort,
  type SuggestField,
  type TitleQuery,
  type TitleResult,
  type TrackMatch,
} from './port.js';
import { similarity } from './similarity.js';

const DISPLAY_FIELDS = 'id,dataset,row_key,title,artists,album,url,duration,title_norm,artists_norm';
/** 0.24.1's ceiling for per_page. */
const MAX_PER_PAGE = 250;
/** Fuzzy candidates below this title similarity are noise, not candidates. */
const MIN_SIMILARITY = 0.55;
const MIN_SIMILARITY_SAME_ARTIST = 0.4;
const ARTIST_SCAN_LIMIT = 5000;
/**
 * Typesense 0.24.1 stalls (a server thread held for tens of seconds, measured) on an exact
 * filter over a string[] field whose value has more than ~32 tokens when a document holds
 * that value; 30 tokens take 2 ms. Longer artist keys are never put in such a filter: their
 * rows come from a typo-free text search and are compared here. (Plain string fields and
 * `q` searches of 200 tokens are unaffected.)
 */
export const MAX_ARRAY_FILTER_TOKENS = 24;

function filterableArtist(artist: string): boolean {
  return artist.split(' ').length <= MAX_ARRAY_FILTER_TOKENS;
}

/** Search parameters selecting an artist's rows; for long keys a text search, to be narrowed with `holdsArtist`. */
function byArtist(artist: string): Record<string, unknown> {
  return filterableArtist(artist)
    ? { q: '*', filter_by: exactAny('artists_norm', [artist]) }
    : { q: artist, query_by: 'artists_norm', num_typos: 0, prefix: false, drop_tokens_threshold: 0 };
}

function holdsArtist(doc: Hit, artist: string): boolean {
  return (doc.artists_norm ?? []).includes(artist);
}

type Hit = Partial<TrackDocument> & { id: string };
interface SearchResponseLike {
  found?: number;
  hits?: { document: Hit }[];
  error?: string;
  code?: number;
}

export interface TypesenseSearchOptions {
  client: TypesenseClient;
  collection?: string;
  /** How long index info is reused before it is read again. */
  infoTtlMs?: number;
  now?: () => number;
}

export class TypesenseSearch implements SearchPort {
  private readonly client: TypesenseClient;
  private readonly collection: string;
  private readonly infoTtlMs: number;
  private readonly now: () => number;
  private info: { value: IndexInfo | undefined; at: number } | undefined;

  constructor(opts: TypesenseSearchOptions) {
    this.client = opts.client;
    this.collection = opts.collection ?? TRACKS_ALIAS;
    this.infoTtlMs = opts.infoTtlMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  async lookupByPlatformId(platform: Platform, id: string): Promise<TrackMatch[]> {
    // Datasets keyed by this platform's id hold it as the document id; others list it in platform_ids.
    const info = await this.indexInfo();
    const candidates = (info?.datasets ?? []).filter((d) => d.rowKeyPlatform === platform).map((d) => documentId(d.id, id));
    const token = `${platform}:${id}`;
    const searches: Record<string, unknown>[] = [
      { q: '*', filter_by: exactAny('platform_ids', [token]), per_page: 50, include_fields: `${DISPLAY_FIELDS},platform_ids` },
    ];
    if (candidates.length > 0) searches.push({ q: '*', filter_by: exactAny('id', candidates), per_page: candidates.length });
    const seen = new Set<string>();
    const matches: TrackMatch[] = [];
    for (const [i, res] of (await this.multiSearch(searches)).entries()) {
      for (const { document } of res.hits ?? []) {
        // Typesense folds case and drops `-` and `_` inside a token, so YouTube ids differing only there meet in
        // one filter: a hit counts only when it holds this very id.
        if (i === 0 && !(document.platform_ids ?? []).includes(token)) continue;
        if (seen.has(document.id)) continue;
        seen.add(document.id);
        matches.push(toMatch(document, 'id'));
      }
    }
    return matches;
  }

  async searchTracks(query: TitleQuery): Promise<TitleResult> {
    const title = normalizeTitle(clampQuery(query.title));
    if (title === '') return { matches: [], exactTotal: 0, hasMore: false };
    const artist = query.artist === undefined ? '' : normalizeArtist(clampQuery(query.artist));
    const page = Math.max(1, query.page ?? 1);
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, query.perPage ?? 25));
    const scope = query.dataset === undefined ? [] : [exactOne('dataset', query.dataset)];
    // A long artist key cannot be filtered on (see MAX_ARRAY_FILTER_TOKENS): the title's rows are read and compared here.
    const artistInFilter = artist !== '' && filterableArtist(artist);
    const exactFilter = [exactOne('title_norm', title), ...(artistInFilter ? [exactAny('artists_norm', [artist])] : []), ...scope];
    const comparedHere = artist !== '' && !artistInFilter;
    const searches: Record<string, unknown>[] = [
      comparedHere
        ? { q: '*', filter_by: exactFilter.join(' && '), per_page: MAX_PER_PAGE }
        : { q: '*', filter_by: exactFilter.join(' && '), page, per_page: perPage },
    ];
    if (page === 1) {
      const fuzzy = { q: title, query_by: 'title_norm', num_typos: 2, prefix: false, per_page: 50 };
      searches.push({ ...fuzzy, ...(scope.length > 0 ? { filter_by: scope.join(' && ') } : {}) });
      if (artist !== '') {
        // A misspelt title by the right artist, and the right title with a misspelt artist.
        if (artistInFilter) searches.push({ ...fuzzy, filter_by: [exactAny('artists_norm', [artist]), ...scope].join(' && ') });
        searches.push({ ...fuzzy, q: artist, query_by: 'artists_norm', filter_by: [exactOne('title_norm', title), ...scope].join(' && ') });
      }
    }
    const results = await this.multiSearch(searches);
    const exact = results[0] ?? {};
    const seen = new Set<string>();
    const matches: TrackMatch[] = [];
    const exactHits = (exact.hits ?? []).filter((h) => !comparedHere || holdsArtist(h.document, artist));
    for (const hit of exactHits) {
      seen.add(hit.document.id);
      matches.push(toMatch(hit.document, 'exact'));
    }
    const candidates: { match: TrackMatch; score: number }[] = [];
    for (const res of results.slice(1)) {
      for (const hit of res.hits ?? []) {
        const doc = hit.document;
        if (seen.has(doc.id)) continue;
        seen.add(doc.id);
        const sameArtist = artist !== '' && (doc.artists_norm ?? []).includes(artist);
        const artistClose = artist !== '' && (doc.artists_norm ?? []).some((a) => similarity(a, artist) >= 0.75);
        const score = similarity(doc.title_norm ?? '', title);
        if (score < (sameArtist || artistClose ? MIN_SIMILARITY_SAME_ARTIST : MIN_SIMILARITY)) continue;
        candidates.push({ match: toMatch(doc, 'fuzzy'), score: score + (sameArtist ? 1 : artistClose ? 0.5 : 0) });
      }
    }
    candidates.sort((a, b) => b.score - a.score);
    matches.push(...candidates.map((c) => c.match));
    if (comparedHere) return { matches, exactTotal: exactHits.length, hasMore: false };
    const exactTotal = exact.found ?? 0;
    return { matches, exactTotal, hasMore: page * perPage < exactTotal };
  }

  async suggest(prefix: string, field: SuggestField, limit = 25): Promise<string[]> {
    const q = field === 'title' ? normalizeTitle(clampQuery(prefix, 100)) : normalizeArtist(clampQuery(prefix, 100));
    if (q === '') return [];
    const res = await this.search({
      q,
      query_by: field === 'title' ? 'title_norm' : 'artists_norm',
      prefix: true,
      num_typos: 1,
      per_page: 50,
      include_fields: 'title,artists,title_norm,artists_norm',
    });
    const out = new Map<string, string>();
    for (const { document: doc } of res.hits ?? []) {
      if (field === 'title') {
        const key = doc.title_norm ?? '';
        if (key !== '' && !out.has(key)) out.set(key, doc.title ?? key);
      } else {
        for (const name of doc.artists ?? []) {
          const key = normalizeArtist(name);
          if (key.startsWith(q.split(' ')[0] ?? '') && !out.has(key)) out.set(key, name);
        }
      }
      if (out.size >= limit) break;
    }
    return [...out.values()].slice(0, limit);
  }

  async artistCoverage(name: string): Promise<ArtistCoverage> {
    const artist = normalizeArtist(clampQuery(name));
    const empty: ArtistCoverage = { artist: name, totalRows: 0, rowsByDataset: {}, distinctTitles: 0, topTitles: [], partial: false };
    if (artist === '') return empty;
    if (!filterableArtist(artist)) return this.longArtistCoverage(name, artist);
    const filter = exactAny('artists_norm', [artist]);
    const datasets = ((await this.indexInfo())?.datasets ?? []).map((d) => d.id);
    // Rows per dataset: one count per dataset in the same round trip (no facet on `dataset`, see schema.ts).
    const [first = {}, ...counts] = await this.multiSearch([
      { q: '*', filter_by: filter, per_page: MAX_PER_PAGE, include_fields: 'dataset,title,title_norm,artists_norm' },
      ...datasets.map((d) => ({ q: '*', filter_by: `${filter} && ${exactOne('dataset', d)}`, per_page: 0 })),
    ]);
    const total = first.found ?? 0;
    const rowsByDataset: Record<string, number> = {};
    datasets.forEach((d, i) => {
      const found = counts[i]?.found ?? 0;
      if (found > 0) rowsByDataset[d] = found;
    });
    const docs = [...(first.hits ?? []).map((h) => h.document), ...(await this.restOfArtist(artist, total, 'dataset,title,title_norm'))];
    if (datasets.length === 0) for (const doc of docs) rowsByDataset[doc.dataset ?? ''] = (rowsByDataset[doc.dataset ?? ''] ?? 0) + 1;
    return coverageOf(name, total, rowsByDataset, docs);
  }

  /** An artist key too long to filter on: one page of a typo-free text search, compared here. */
  private async longArtistCoverage(name: string, artist: string): Promise<ArtistCoverage> {
    const res = await this.search({ ...byArtist(artist), per_page: MAX_PER_PAGE, include_fields: 'dataset,title,title_norm,artists_norm' });
    const docs = (res.hits ?? []).map((h) => h.document).filter((d) => holdsArtist(d, artist));
    const rowsByDataset: Record<string, number> = {};
    for (const doc of docs) rowsByDataset[doc.dataset ?? ''] = (rowsByDataset[doc.dataset ?? ''] ?? 0) + 1;
    const coverage = coverageOf(name, docs.length, rowsByDataset, docs);
    return { ...coverage, partial: (res.found ?? 0) > MAX_PER_PAGE };
  }
  async artistTracks(name: string, max = 10_000): Promise<TrackMatch[]> {
    const artist = normalizeArtist(clampQuery(name));
    if (artist === '') return [];
    const first = await this.search({ ...byArtist(artist), per_page: MAX_PER_PAGE, include_fields: DISPLAY_FIELDS });
    if (!filterableArtist(artist)) {
      const docs = (first.hits ?? []).map((h) => h.document).filter((d) => holdsArtist(d, artist));
      return docs.slice(0, max).map((d) => toMatch(d, 'exact'));
    }
    const rest = await this.restOfArtist(artist, Math.min(first.found ?? 0, max), DISPLAY_FIELDS);
    return [...(first.hits ?? []).map((h) => h.document), ...rest].slice(0, max).map((d) => toMatch(d, 'exact'));
  }

  async indexInfo(): Promise<IndexInfo | undefined> {
    const now = this.now();
    if (this.info !== undefined && now - this.info.at < this.infoTtlMs) return this.info.value;
    let value: IndexInfo | undefined;
    try {
      const doc = (await this.client.collections(this.collection).documents(INDEX_INFO_ID).retrieve()) as { info?: string };
      value = doc.info === undefined ? undefined : (JSON.parse(doc.info) as IndexInfo);
    } catch (err) {
      if (httpStatus(err) !== 404) throw fault(err);
      value = undefined;
    }
    this.info = { value, at: now };
    return value;
  }

  /** Pages 2.. of an artist's rows, a few at a time, up to the scan limit. */
  private async restOfArtist(artist: string, total: number, fields: string): Promise<Hit[]> {
    const pages = Math.ceil(Math.min(total, ARTIST_SCAN_LIMIT) / MAX_PER_PAGE);
    const out: Hit[] = [];
    for (let page = 2; page <= pages; page += 4) {
      const batch = [];
      for (let p = page; p < page + 4 && p <= pages; p++) {
        batch.push({ q: '*', filter_by: exactAny('artists_norm', [artist]), page: p, per_page: MAX_PER_PAGE, include_fields: fields });
      }
      for (const res of await this.multiSearch(batch)) out.push(...(res.hits ?? []).map((h) => h.document));
    }
    return out;
  }

  private async search(params: Record<string, unknown>): Promise<SearchResponseLike> {
    const [res] = await this.multiSearch([params]);
    return res ?? {};
  }

  /** One HTTP round trip for several searches; a failed search inside it is a fault too. */
  private async multiSearch(searches: Record<string, unknown>[]): Promise<SearchResponseLike[]> {
    let response: { results: SearchResponseLike[] };
    try {
      response = (await this.client.multiSearch.perform(
        { searches: searches.map((s) => ({ collection: this.collection, query_by: 'title_norm', include_fields: DISPLAY_FIELDS, ...s })) },
        {},
      )) as unknown as { results: SearchResponseLike[] };
    } catch (err) {
      throw fault(err);
    }
    for (const res of response.results) {
      if (res.error !== undefined) {
        const reason = res.code === 404 ? 'no-index' : 'unreachable';
        throw new SearchUnavailableError(`search failed: ${res.error}`, reason);
      }
    }
    return response.results;
  }
}

function coverageOf(name: string, total: number, rowsByDataset: Record<string, number>, docs: readonly Hit[]): ArtistCoverage {
  const titles = new Map<string, { title: string; rows: number; datasets: Set<string> }>();
  for (const doc of docs) {
    const key = baseTitle(doc.title ?? doc.title_norm ?? '');
    const entry = titles.get(key) ?? { title: doc.title ?? key, rows: 0, datasets: new Set<string>() };
    entry.rows++;
    entry.datasets.add(doc.dataset ?? '');
    titles.set(key, entry);
  }
  const topTitles = [...titles.values()]
    .sort((a, b) => b.rows - a.rows || a.title.localeCompare(b.title))
    .slice(0, 10)
    .map((t) => ({ title: t.title, rows: t.rows, datasets: [...t.datasets].sort() }));
  return { artist: name, totalRows: total, rowsByDataset, distinctTitles: titles.size, topTitles, partial: docs.length < total };
}

function toMatch(doc: Hit, basis: Basis): TrackMatch {
  const title = doc.title ?? '';
  const artists = doc.artists ?? [];
  const version = versionOf(title);
  return {
    dataset: doc.dataset ?? '',
    rowKey: doc.row_key ?? doc.id.slice(doc.id.indexOf(':') + 1),
    title,
    artists,
    ...(doc.album !== undefined && doc.album !== '' ? { album: doc.album } : {}),
    ...(doc.url !== undefined && doc.url !== '' ? { url: doc.url } : {}),
    ...(doc.duration !== undefined ? { duration: doc.duration } : {}),
    basis,
    ...(version !== undefined ? { version } : {}),
    songKey: `${baseTitle(title)}\u0000${normalizeArtist(artists[0] ?? '')}`,
  };
}

function httpStatus(err: unknown): number | undefined {
  const status = (err as { httpStatus?: unknown }).httpStatus;
  return typeof status === 'number' ? status : undefined;
}

function fault(err: unknown): SearchUnavailableError {
  if (err instanceof SearchUnavailableError) return err;
  const status = httpStatus(err);
  const message = err instanceof Error ? err.message : String(err);
  if (status === 401 || status === 403) return new SearchUnavailableError('the search key was refused', 'unauthorized', { cause: err });
  if (status === 404) return new SearchUnavailableError('the track index does not exist yet', 'no-index', { cause: err });
  const timeout = /timeout/i.test(message) || (err as { code?: string }).code === 'ECONNABORTED';
  return new SearchUnavailableError(`search is unreachable: ${message}`, timeout ? 'timeout' : 'unreachable', { cause: err });
}
