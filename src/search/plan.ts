/**
 * The query plan of a title search, as a pure function: which Typesense searches one
 * `searchTracks` sends in its single multi_search, and what each is for. No I/O here, so
 * the plan is unit-tested on its own and a later plan (a typo-free artist query filtered
 * by exact title, say) replaces this file without touching the port or the ranking.
 */
import type { SearchParams } from 'typesense';
import { queryCredit, type QueryCredit } from '../index/credits.js';
import { correctDecorations, fuzzyTitleQuery, titleOfCommonWords } from '../index/common-words.js';
import { titleKeys } from '../index/normalize.js';
import type { TrackDocument } from '../index/schema.js';
import {
  creditClause,
  hashedDatasets,
  singleCreditKey,
  TEXT_FORM,
  titleFilter,
  titleScope,
  type TitleFilterForm,
} from './exact-filters.js';
import { clampQuery, exactOne } from './filter.js';
import type { TitleQuery } from './port.js';

/** 0.24.1's ceiling for per_page. */
export const MAX_PER_PAGE = 250;
/** Fuzzy candidates read per search: enough to rank, few enough to stay fast. */
export const FUZZY_PER_PAGE = 50;
/** Popular titles a title of common words only is compared with (`similar-titles`). */
export const SIMILAR_TITLES = 10;
/**
 * The words a fuzzy search considers for each word of the query (`max_candidates`): the server's
 * own default on an index of 500,000 documents or more, sent so that a test index, under that size
 * (default 10), asks the question the full index is asked. Fewer is not faster where it matters:
 * at 21.2M rows 2 left the fuzzy title's p99 where 4 had it (274 vs 245 ms of server time), 1 took
 * it to 174 ms and changed 20 of 200 misspelt answers; the tail is the rows holding every word.
 */
export const FUZZY_CANDIDATES = 4;

/** A title query in the index's terms: its keys, the credit it names, where and which page. */
export interface PlannedTitleQuery {
  /** normalizeTitle(title) first, then the title's other forms (titleKeys). */
  titleKeys: string[];
  /** The key the fuzzy searches ask: the title's with misspelt decoration words read as meant (correctDecorations); else titleKeys[0]. */
  fuzzyKey?: string | undefined;
  /** undefined: a title alone, which names no particular song. */
  credit?: QueryCredit | undefined;
  dataset?: string | undefined;
  page: number;
  perPage: number;
  /** false: the exact search alone (no candidates wanted). */
  candidates: boolean;
  /** How the title filter asks for the title's rows: what the index's rows carry (IndexInfo.titleHashes). */
  form: TitleFilterForm;
  /** Words the fuzzy title searches leave out when the title has a rarer one (common-words.ts; none: every word asked). */
  commonWords?: ReadonlySet<string> | undefined;
  /** The autocomplete collection can be read: a title of common words only asks it for similar titles (`similar-titles`). */
  similarTitles?: boolean | undefined;
  /** Rows the whole index's typo search of the title reads (`fuzzy-title`; default FUZZY_PER_PAGE). */
  fuzzyPerPage?: number | undefined;
}

export type SearchRole =
  /** Same title key and (when given) a credited artist: the `exact` / `title` rows. */
  | 'exact'
  /**
   * The same rows asked the other way round: the artist as a typo-free text query over the
   * title's rows. A superset of `exact` (any row holding the artist's words); rank.ts keeps the
   * rows the `exact` filter would have returned, and a result past one window is asked again as `exact`.
   */
  | 'exact-text'
  /** The title's rows, read whole, for a credit too long to filter on: rank.ts keeps the credited ones. */
  | 'title-rows'
  /** The title with typos: candidates. */
  | 'fuzzy-title'
  /**
   * A title of common words only, with typos, asked of the autocomplete collection (`<alias>_suggest`:
   * the most frequent distinct titles): its hits are title keys, not rows. The rows of those titles
   * are then asked as `fuzzy-title` (similarTitleRows) in a second round trip.
   */
  | 'similar-titles'
  /** A misspelt title by the right artist: candidates. */
  | 'fuzzy-title-by-artist'
  /** The right title with a misspelt artist: candidates. */
  | 'fuzzy-artist-by-title'
  /** The exact rows of one dataset, counted (per_page 0): a title alone's rows beyond its page (pageWithCounts). */
  | 'dataset-count';

export interface PlannedSearch {
  role: SearchRole;
  params: SearchParams<TrackDocument>;
  /** The dataset a `dataset-count` counts. */
  dataset?: string | undefined;
}

/**
 * Normalises a title query; undefined when the title has no letters or digits left. `form`:
 * what the index's rows carry (IndexInfo.titleHashes).
 */
export function planTitleQuery(query: TitleQuery, form: TitleFilterForm = TEXT_FORM): PlannedTitleQuery | undefined {
  const title = clampQuery(query.title);
  const keys = titleKeys(title);
  if (keys.key === '') return undefined;
  const corrected = correctDecorations(title);
  const fuzzyKey = corrected === title ? undefined : titleKeys(corrected).key;
  let credit: QueryCredit | undefined;
  if (query.artist !== undefined && query.artist.trim() !== '') credit = queryCredit(clampQuery(query.artist));
  if (credit !== undefined && credit.segments.length === 0) credit = undefined;
  return {
    titleKeys: [keys.key, ...keys.alternates],
    ...(fuzzyKey === undefined || fuzzyKey === '' ? {} : { fuzzyKey }),
    credit,
    dataset: query.dataset,
    page: Math.max(1, query.page ?? 1),
    perPage: Math.min(MAX_PER_PAGE, Math.max(1, query.perPage ?? 25)),
    candidates: query.candidates !== false,
    form,
  };
}

/**
 * A title alone, on rows hashed by dataset, is read a page at a time and counted per dataset in
 * the same round trip (`dataset-count`, a hash filter each: the title's rows in that dataset). A
 * popular title's 250-row window cost the server its documents (7 ms of 9 for "Intro"'s 5,568 rows
 * at 1M) and then needed those counts anyway in a second round trip.
 */
export function pageWithCounts(q: Partial<Pick<PlannedTitleQuery, 'credit' | 'form'>>): boolean {
  return q.credit === undefined && q.form?.by === 'dataset-hash';
}

/**
 * The exact rows are read 250 at a time and the page cut out of them (rank.ts): a popular
 * song's rows (dozens of uploads) are then all read in the one request, so their count per
 * dataset needs no second round trip. A page size that does not divide 250, and a title alone
 * counted beside its page (pageWithCounts), are read as asked.
 */
export function exactWindow(q: Pick<PlannedTitleQuery, 'page' | 'perPage'> & Partial<Pick<PlannedTitleQuery, 'credit' | 'form'>>): {
  page: number;
  per_page: number;
  offset: number;
} {
  if (MAX_PER_PAGE % q.perPage !== 0 || pageWithCounts(q)) return { page: q.page, per_page: q.perPage, offset: 0 };
  const first = (q.page - 1) * q.perPage;
  return { page: Math.floor(first / MAX_PER_PAGE) + 1, per_page: MAX_PER_PAGE, offset: first % MAX_PER_PAGE };
}

/**
 * Highlights are never read: not computing them saves server time on every hit
 * (`highlight_fields: 'none'`, and no v1 `highlights` array). Changes no hit and no order.
 */
export const NO_HIGHLIGHT = { highlight_fields: 'none', enable_highlight_v1: false } as const;

const and = (...clauses: (string | undefined)[]): string => clauses.filter((c): c is string => c !== undefined).join(' && ');

/** A query's title filter and credit clause (exact-filters.ts), built once for every search of its plan. */
interface QueryFilters {
  title: string;
  /** undefined: no credit, or one too long to filter on. */
  credit: string | undefined;
}

function queryFilters(q: PlannedTitleQuery): QueryFilters {
  return { title: titleFilter(q), credit: q.credit === undefined ? undefined : creditClause(q.credit) };
}

/**
 * The exact rows as one filter: title and credit (`exact`), or for a credit too long to filter
 * on, the title's rows read whole and compared in rank.ts (`title-rows`). Every page but the
 * first asks this way, and so does a first page whose `exact-text` result was past one window.
 */
export function exactByFilter(q: PlannedTitleQuery, filters: QueryFilters = queryFilters(q)): PlannedSearch {
  const scope = titleScope(q);
  const { title, credit } = filters;
  if (q.credit !== undefined && credit === undefined) {
    return { role: 'title-rows', params: { q: '*', filter_by: and(title, scope), per_page: MAX_PER_PAGE } };
  }
  const window = exactWindow(q);
  return { role: 'exact', params: { q: '*', filter_by: and(title, credit, scope), page: window.page, per_page: window.per_page } };
}

/** The artist's words as typed, as a text query: no typos, no prefix, no dropped, split or joined words. */
const ARTIST_WORDS = {
  query_by: 'artists_norm',
  num_typos: 0,
  prefix: false,
  drop_tokens_threshold: 0,
  typo_tokens_threshold: 0,
  split_join_tokens: 'off',
} as const;

/**
 * The exact rows of a first page. An exact filter on an artist costs Typesense 0.24.1 time in
 * proportion to the artist's rows (every row id is gathered and checked, ~0.15 µs a row: 30 ms
 * for a 200,000-row artist, measured), whatever the title; the title's rows are few. So a
 * one-artist credit is asked as a typo-free text query on the artist over the title's rows:
 * the filter is the title's, and the artist's words only narrow it (3 ms for the same artist).
 * No typos, no prefix, no dropped words, no split or joined words: every row the filter form
 * matches holds all the artist's words, so it is among these rows; rank.ts keeps exactly those
 * (the index's own keys, as the filter does). Read whole (found ≤ one window) or asked again by filter.
 */
export function exactSearch(q: PlannedTitleQuery, filters: QueryFilters = queryFilters(q)): PlannedSearch {
  const key = q.credit === undefined || q.page !== 1 ? undefined : singleCreditKey(q.credit);
  if (key === undefined) return exactByFilter(q, filters);
  const scope = titleScope(q);
  return {
    role: 'exact-text',
    params: {
      q: key,
      ...ARTIST_WORDS,
      filter_by: and(filters.title, scope),
      per_page: MAX_PER_PAGE,
      ...NO_HIGHLIGHT,
    },
  };
}

/**
 * The exact rows of a title query counted per dataset (per_page 0), each from that dataset's own
 * title hashes: a count costs the title's rows in the dataset. undefined unless the rows hash by
 * dataset: then the counts ask the filter with each dataset's word (counts.ts).
 */
export function titleCountSearches(q: PlannedTitleQuery): { dataset: string; params: SearchParams<TrackDocument> }[] | undefined {
  if (q.form.by !== 'dataset-hash') return undefined;
  return hashedDatasets(q, q.form).map((dataset) => ({
    dataset,
    params: { q: '*', filter_by: exactByFilter({ ...q, dataset }).params.filter_by ?? '', per_page: 0 },
  }));
}

/**
 * A title of common words only by one artist: the artist's rows, read as a typo-free text query on
 * the artist's words (the rows the filter would return, and any other holding those words), ranked
 * by rank.ts against the title. The typo search of such a title by the artist's filter walked the
 * common words' rows whatever the artist (49–113 ms at 21.2M rows); this costs the artist's words'
 * rows. An artist with more than one window of rows is read by its newest 250.
 */
function artistRows(artist: string, scope: string | undefined): PlannedSearch {
  return {
    role: 'fuzzy-title-by-artist',
    params: {
      q: artist,
      ...ARTIST_WORDS,
      ...(scope === undefined ? {} : { filter_by: scope }),
      per_page: MAX_PER_PAGE,
      ...NO_HIGHLIGHT,
    },
  };
}

/**
 * The rows of the titles a `similar-titles` search returned (title keys of the autocomplete
 * collection), in the dataset asked: the candidates of a title of common words only, ranked by
 * rank.ts as the whole index's typo search's would be.
 */
export function similarTitleRows(q: PlannedTitleQuery, keys: readonly string[]): PlannedSearch {
  return {
    role: 'fuzzy-title',
    params: {
      q: '*',
      filter_by: and(titleFilter({ ...q, titleKeys: [...keys] }), titleScope(q)),
      per_page: q.fuzzyPerPage ?? FUZZY_PER_PAGE,
    },
  };
}

/** The whole index's typo search of the title: the `fuzzy-title` of planTitleSearches without similar titles. */
export function fuzzyTitleSearch(q: PlannedTitleQuery): PlannedSearch {
  const search = planTitleSearches({ ...q, similarTitles: false, candidates: true, page: 1 }).find((p) => p.role === 'fuzzy-title');
  if (search === undefined) throw new Error('a page-1 plan always has a fuzzy title search');
  return search;
}

/** An `exact-text` result holds every row its filter form would: all its hits were read. */
export function readWhole(res: { found: number; hits?: readonly unknown[] | undefined }): boolean {
  return res.found <= (res.hits?.length ?? 0);
}

/**
 * The searches of one title query, in the order rank.ts reads them. The exact search
 * pages; the fuzzy ones come on page 1 only, since candidates are not paged, and not at
 * all when none are wanted.
 */
export function planTitleSearches(q: PlannedTitleQuery): PlannedSearch[] {
  const scope = q.dataset === undefined ? undefined : exactOne('dataset', q.dataset);
  const filters = queryFilters(q);
  const { title, credit } = filters;
  const counts: PlannedSearch[] = pageWithCounts(q)
    ? (titleCountSearches(q) ?? []).map((c) => ({ role: 'dataset-count', params: c.params, dataset: c.dataset }))
    : [];
  const searches: PlannedSearch[] = [exactSearch(q, filters)];
  if (q.page !== 1 || !q.candidates) return [...searches, ...counts];
  const primary = q.fuzzyKey ?? q.titleKeys[0] ?? '';
  const fuzzy = {
    // Without the index's commonest words: their posting lists were the tail at 21.2M rows, and
    // every row holding the whole title holds the words asked (rank.ts scores the whole title).
    q: fuzzyTitleQuery(primary, q.commonWords),
    query_by: 'title_norm',
    num_typos: 2,
    prefix: false,
    max_candidates: FUZZY_CANDIDATES,
    per_page: FUZZY_PER_PAGE,
    ...NO_HIGHLIGHT,
  } as const;
  const similar = q.similarTitles === true && titleOfCommonWords(primary, q.commonWords);
  if (similar) {
    // Every word common: on the whole index this typo search scores the rows holding all of them (645,923 for
    // "de de" at 21.2M rows, ~300 ms); the popular titles like it are a few among 200,000 keys, then their rows.
    searches.push({
      role: 'similar-titles',
      params: { ...fuzzy, query_by: 'title', per_page: SIMILAR_TITLES, include_fields: 'title' },
    });
  } else {
    searches.push({
      role: 'fuzzy-title',
      params: { ...fuzzy, per_page: q.fuzzyPerPage ?? FUZZY_PER_PAGE, ...(scope === undefined ? {} : { filter_by: scope }) },
    });
  }
  if (q.credit !== undefined) {
    const artist = similar ? singleCreditKey(q.credit) : undefined;
    if (artist !== undefined) searches.push(artistRows(artist, scope));
    else if (credit !== undefined) searches.push({ role: 'fuzzy-title-by-artist', params: { ...fuzzy, filter_by: and(credit, scope) } });
    searches.push({
      role: 'fuzzy-artist-by-title',
      params: {
        ...fuzzy,
        q: q.credit.key === '' ? (q.credit.segments[0]?.solid[0] ?? '') : q.credit.key,
        query_by: 'artists_norm',
        filter_by: and(title, titleScope(q)),
      },
    });
  }
  return [...searches, ...counts];
}
