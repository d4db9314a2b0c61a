/**
 * Turns the responses of a planned title search into matches, as a pure function: which
 * rows are the song asked for (`exact`), which merely carry its title (`title`, when no
 * artist was given) and which are candidates (`fuzzy`), in what order. Every `exact` row
 * is checked here against the query's keys, whatever the index returned: an index built
 * by an older builder, or a filter that matched more than it should, cannot turn another
 * artist's song into a claim.
 */
import type { SearchParams, SearchResponse } from 'typesense';
import { artistKey, creditMatches, rowCreditKeys, type CreditKeys } from '../index/credits.js';
import { titleKeys, titleParts } from '../index/normalize.js';
import type { TrackDocument } from '../index/schema.js';
import { clampQuery } from './filter.js';
import { exactWindow, type PlannedTitleQuery, type SearchRole } from './plan.js';
import type { Basis, TrackMatch } from './port.js';
import { remembered } from './remembered.js';
import { similarityTo, titleScorer, type Scorer } from './similarity.js';

/** A document as a search returns it: only the fields asked for (`info` only on the index-info document). */
export type TrackHit = Partial<TrackDocument> & { id: string; info?: string };
/** A search over the tracks collection and its answer, as the port and its readers send and read them. */
export type TrackSearchParams = SearchParams<TrackDocument>;
export type TrackSearchResponse = SearchResponse<TrackHit>;

/** What a match shows (toMatch), and the index's own keys that rank a candidate without normalising it again. */
export const DISPLAY_FIELDS =
  'id,dataset,row_key,title,artists,album,url,duration,clip_start,clip_end,title_norm,title_alt,artists_norm,artist_parts';

/** The answer of a search that was not sent, or said nothing. */
export function emptyResponse(): SearchResponse<TrackHit> {
  return { found: 0, out_of: 0, page: 1, request_params: {}, search_time_ms: 0, hits: [] };
}

export interface RoleResponse {
  role: SearchRole;
  response: SearchResponse<TrackHit>;
}

/** A row title's keys (read only: shared between calls). */
const rowTitleKeys = remembered((title: string) => titleKeys(clampQuery(title)));
/** A row title's song title and version (read only). */
const rowTitleParts = remembered(titleParts);
const rowArtistKey = remembered(artistKey);

/** Below this title similarity a fuzzy row is noise, not a candidate. */
export const MIN_TITLE_SIMILARITY = 0.55;
/** By a credited (or nearly credited) artist, a looser title still makes a candidate. */
export const MIN_TITLE_SIMILARITY_SAME_ARTIST = 0.4;
/** Artist keys at least this similar count as a misspelling of the same artist. */
export const ARTIST_CLOSE = 0.75;
/** Ranking bonuses: a credited artist outranks a near one, which outranks any other. */
const SAME_ARTIST_BONUS = 1;
const CLOSE_ARTIST_BONUS = 0.5;

export interface Ranked {
  matches: TrackMatch[];
  /** Rows with the same title (and artist) in the index. */
  exactTotal: number;
  /** Those rows per dataset, over every row read (the page and the rest of its window of 250). */
  datasetTotals: Record<string, number>;
  /** Every row of the result was read: `datasetTotals` are complete. */
  exactComplete: boolean;
  hasMore: boolean;
}

/** The same title (any form) and, when the query names one, a credited artist: recomputed from the row's own title and artists. */
export function sameSong(q: PlannedTitleQuery, doc: TrackHit): boolean {
  // The row's indexed key counts as one of its forms: a title alone needs no other.
  const indexed = doc.title_norm !== undefined && q.titleKeys.includes(doc.title_norm);
  if (indexed && q.credit === undefined) return true;
  const keys = rowTitleKeys(doc.title ?? '');
  if (!indexed && !q.titleKeys.includes(keys.key) && !keys.alternates.some((k) => q.titleKeys.includes(k))) return false;
  if (q.credit === undefined) return true;
  const credits = rowCreditKeys(
    (doc.artists ?? []).map((a) => clampQuery(a)),
    keys.featured,
  );
  return creditMatches(q.credit, credits);
}

/** The index's own credit keys of a row (cheap: no normalisation); enough to rank a candidate, never to claim. */
function indexedCredits(doc: TrackHit): CreditKeys {
  return { solid: doc.artists_norm ?? [], parts: doc.artist_parts ?? [] };
}

/** sameSong by the index's own keys: only to keep a row of the exact search's next page out of the candidates. */
export function indexedSameSong(q: PlannedTitleQuery, doc: TrackHit): boolean {
  const titled = q.titleKeys.includes(doc.title_norm ?? '') || (doc.title_alt ?? []).some((k) => q.titleKeys.includes(k));
  return titled && (q.credit === undefined || creditMatches(q.credit, indexedCredits(doc)));
}

export function toMatch(doc: TrackHit, basis: Basis, songKey?: string): TrackMatch {
  const title = doc.title ?? '';
  const artists = doc.artists ?? [];
  const { base, version } = rowTitleParts(title);
  // Built field by field (in the order the spreads of optional fields gave): one object a row, not one per field.
  const m = { dataset: doc.dataset ?? '', rowKey: doc.row_key ?? doc.id.slice(doc.id.indexOf(':') + 1), title, artists } as TrackMatch;
  if (doc.album !== undefined && doc.album !== '') m.album = doc.album;
  if (doc.url !== undefined && doc.url !== '') m.url = doc.url;
  if (doc.duration !== undefined) m.duration = doc.duration;
  if (doc.clip_start !== undefined && doc.clip_end !== undefined) m.clip = { start: doc.clip_start, end: doc.clip_end };
  m.basis = basis;
  if (version !== undefined) m.version = version;
  // A row without a title is no song to group with others: it stands alone.
  m.songKey = songKey ?? (title.trim() === '' ? `\u0002${doc.id}` : `${base}\u0000${rowArtistKey(artists[0] ?? '')}`);
  return m;
}

/** How alike a row's title and artists are to the query's: made once a query, for every row it ranks. */
interface Scorers {
  title: Scorer;
  /** Likeness to the query's credit key. */
  artist: Scorer;
}

function scorersOf(q: PlannedTitleQuery): Scorers {
  return { title: titleScorer(q.titleKeys), artist: similarityTo(q.credit?.key ?? '') };
}

function candidateScore(q: PlannedTitleQuery, scorers: Scorers, doc: TrackHit): number | undefined {
  const title = scorers.title(doc.title_norm ?? rowTitleKeys(doc.title ?? '').key);
  // Too far for any artist to save: no need to compare artists.
  if (title < MIN_TITLE_SIMILARITY_SAME_ARTIST) return undefined;
  let bonus = 0;
  if (q.credit !== undefined) {
    const credits = indexedCredits(doc);
    if (creditMatches(q.credit, credits)) bonus = SAME_ARTIST_BONUS;
    else if (credits.solid.some((a) => scorers.artist(a) >= ARTIST_CLOSE)) bonus = CLOSE_ARTIST_BONUS;
  }
  if (title < (bonus > 0 ? MIN_TITLE_SIMILARITY_SAME_ARTIST : MIN_TITLE_SIMILARITY)) return undefined;
  return title + bonus;
}

/**
 * The rows of the first search that its filter form says are the song: all of them for a filter,
 * for `exact-text` (the artist's words over the title's rows) only those whose index keys hold
 * the title and the credit, which are the very rows the `exact` filter returns, in the same order
 * (equal text scores, newest first). A hit that only shares the artist's words was never an
 * exact row: it is neither counted nor seen, so another search may still offer it as a candidate.
 */
function exactRows(q: PlannedTitleQuery, first: RoleResponse | undefined): { read: SearchHit[]; found: number } {
  const hits = first?.response.hits ?? [];
  if (first?.role !== 'exact-text') return { read: hits, found: first?.response.found ?? 0 };
  const read = hits.filter((h) => indexedSameSong(q, h.document));
  return { read, found: read.length };
}

type SearchHit = NonNullable<SearchResponse<TrackHit>['hits']>[number];

export function rankCandidates(q: PlannedTitleQuery, results: readonly RoleResponse[]): Ranked {
  const first = results.find((r) => r.role === 'exact' || r.role === 'title-rows' || r.role === 'exact-text');
  const { read, found } = exactRows(q, first);
  // The whole title was read because the credit was too long to filter on: only the rows compared here count.
  const comparedHere = first?.role === 'title-rows';
  const window = comparedHere ? { page: 1, offset: 0 } : exactWindow(q);
  const shown = comparedHere ? read : read.slice(window.offset, window.offset + q.perPage);
  const seen = new Set<string>();
  const matches: TrackMatch[] = [];
  const candidates: { match: TrackMatch; score: number }[] = [];
  const songKey = q.credit === undefined ? undefined : `\u0001${q.titleKeys[0] ?? ''}\u0000${q.credit.key}`;
  const datasetTotals: Record<string, number> = {};
  const scorers = scorersOf(q);
  let rejected = 0;
  // Rows of the window but not of this page: the filter's word is enough to count them, nothing is claimed.
  for (const { document: doc } of read) {
    seen.add(doc.id);
    if (!comparedHere) datasetTotals[doc.dataset ?? ''] = (datasetTotals[doc.dataset ?? ''] ?? 0) + 1;
  }
  for (const { document: doc } of shown) {
    if (sameSong(q, doc)) {
      matches.push(toMatch(doc, q.credit === undefined ? 'title' : 'exact', songKey));
      if (comparedHere) datasetTotals[doc.dataset ?? ''] = (datasetTotals[doc.dataset ?? ''] ?? 0) + 1;
      continue;
    }
    rejected++;
    if (!comparedHere) datasetTotals[doc.dataset ?? ''] = (datasetTotals[doc.dataset ?? ''] ?? 1) - 1;
    const score = candidateScore(q, scorers, doc);
    if (score !== undefined) candidates.push({ match: toMatch(doc, 'fuzzy'), score });
  }
  for (const r of results) {
    if (r === first) continue;
    for (const { document: doc } of r.response.hits ?? []) {
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      // The song itself, on another page of the exact search: counted there, never shown as "similar".
      if (!comparedHere && indexedSameSong(q, doc)) continue;
      const score = candidateScore(q, scorers, doc);
      if (score !== undefined) candidates.push({ match: toMatch(doc, 'fuzzy'), score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  matches.push(...candidates.map((c) => c.match));
  for (const [d, n] of Object.entries(datasetTotals)) if (n <= 0) delete datasetTotals[d];
  // Every row of the result was in this window: the counts per dataset are complete.
  const exactComplete = window.page === 1 && found <= read.length;
  if (comparedHere) {
    const hits = matches.filter((m) => m.basis === 'exact').length;
    return { matches, exactTotal: hits, datasetTotals, exactComplete, hasMore: false };
  }
  return { matches, exactTotal: Math.max(0, found - rejected), datasetTotals, exactComplete, hasMore: q.page * q.perPage < found };
}
