/**
 * One typed query, answered: every reading of it searched at once (readings.ts), the one
 * an exact artist decides chosen, and what the answer may say about each dataset searched.
 * Shared by /trained song, lists and `trained lookup`, so all three read a query alike.
 */
import type { DatasetInfo, IndexInfo } from '../index/schema.js';
import type { TitleResult, TrackMatch } from '../search/port.js';
import type { LookupContext } from './context.js';
import { readingsOf, type Reading } from './readings.js';
import type { QueryStatus } from './types.js';

/** Rows read for a title alone: enough to group by artist and count them in one request. */
export const TITLE_ONLY_ROWS = 250;

export interface SongRequest {
  title: string;
  artist?: string | undefined;
  dataset?: string | undefined;
  page: number;
  perPage: number;
  /** Rows read for a title alone (default TITLE_ONLY_ROWS: enough to group by artist). */
  titleOnlyRows?: number | undefined;
}

export interface SongOutcome {
  /** The reading the answer uses. */
  reading: Reading;
  /** How many readings were tried (1 when the query was read as typed). */
  tried: number;
  result: TitleResult;
  status: QueryStatus;
  /** The datasets this query searched. */
  searched: DatasetInfo[];
  /** Searched datasets holding no row for it at all. */
  notFoundIn: string[];
  /** Searched datasets holding only similar titles: "no exact match", never "not found". */
  candidatesOnlyIn: string[];
}

const isHit = (m: TrackMatch): boolean => m.basis === 'id' || m.basis === 'exact';

export function statusOf(matches: readonly TrackMatch[]): QueryStatus {
  if (matches.some(isHit)) return 'found';
  return matches.length > 0 ? 'candidates' : 'not-found';
}

/** The datasets a query covers: one when scoped, otherwise every indexed dataset. */
export function scopeOf(info: IndexInfo | undefined, dataset: string | undefined): DatasetInfo[] {
  const all = info?.datasets ?? [];
  return dataset === undefined ? all : all.filter((d) => d.id === dataset);
}

/** Which searched datasets hold nothing, and which only candidates, given every row found (`totals`: hits or title rows per dataset). */
export function absences(
  searched: readonly string[],
  matches: readonly TrackMatch[],
  totals: Readonly<Record<string, number>>,
): { notFoundIn: string[]; candidatesOnlyIn: string[] } {
  const held = new Set([...Object.keys(totals), ...matches.filter((m) => m.basis !== 'fuzzy').map((m) => m.dataset)]);
  const similar = new Set(matches.filter((m) => m.basis === 'fuzzy').map((m) => m.dataset));
  return {
    notFoundIn: searched.filter((d) => !held.has(d) && !similar.has(d)),
    candidatesOnlyIn: searched.filter((d) => !held.has(d) && similar.has(d)),
  };
}

/** The reading an exact artist decides; else the whole text as a title; else the first with candidates. */
function choose(readings: readonly Reading[], results: readonly TitleResult[]): number {
  const withArtist = readings.map((r, i) => (r.artist !== undefined && results[i]?.matches.some(isHit) === true ? i : -1));
  const exact = withArtist.find((i) => i >= 0);
  if (exact !== undefined) return exact;
  const titleOnly = readings.findIndex((r, i) => r.order === 'title-only' && (results[i]?.exactTotal ?? 0) > 0);
  if (titleOnly >= 0) return titleOnly;
  const similar = results.findIndex((r) => r.matches.length > 0);
  return similar >= 0 ? similar : 0;
}

export async function findSong(ctx: LookupContext, q: SongRequest, info: IndexInfo | undefined): Promise<SongOutcome> {
  const readings = readingsOf(q.title, q.artist);
  const results = await Promise.all(
    readings.map((r) =>
      ctx.search.searchTracks(
        {
          title: r.title,
          artist: r.artist,
          dataset: q.dataset,
          page: q.page,
          perPage: r.artist === undefined && q.page === 1 ? Math.max(q.perPage, q.titleOnlyRows ?? TITLE_ONLY_ROWS) : q.perPage,
        },
        { signal: ctx.signal },
      ),
    ),
  );
  const i = choose(readings, results);
  const reading = readings[i] ?? { title: q.title, order: 'title-only' };
  const result = results[i] ?? { matches: [], exactTotal: 0, datasetTotals: {}, hasMore: false };
  const searched = scopeOf(info, q.dataset);
  return {
    reading,
    tried: readings.length,
    result,
    status: statusOf(result.matches),
    searched,
    ...absences(
      searched.map((d) => d.id),
      result.matches,
      result.datasetTotals,
    ),
  };
}
