/**
 * What a title query asks beyond its plan's first request, over the port's round trips
 * (`RoundTrips`, given by typesense-search.ts): the searches the first answers call for (the
 * similar titles' rows, the exact rows by filter) and the same song written another way. They
 * decide what to ask from the plan's and the ranking's answers, not how a request is sent, so
 * they live apart from the port's connection, index info and counts.
 */
import { suggestAlias } from '../index/schema.js';
import {
  exactByFilter,
  exactSearch,
  fuzzyTitleSearch,
  readWhole,
  similarTitleRows,
  type PlannedSearch,
  type PlannedTitleQuery,
} from './plan.js';
import { planSameSong } from './same-song.js';
import { SearchUnavailableError, type CallOptions, type TrackMatch } from './port.js';
import {
  emptyResponse,
  indexedSameSong,
  sameSong,
  toMatch,
  type Ranked,
  type TrackSearchParams as Params,
  type TrackSearchResponse as Response,
} from './rank.js';
import type { Completions } from './suggest.js';

/** What the title round needs of the port. */
export interface RoundTrips {
  /** The port's collection: the similar titles are asked of its autocomplete alias. */
  collection: string;
  /** The autocomplete collection's reader: whether a failure means that collection cannot be read. */
  completions: Completions;
  /**
   * Runs a round's searches by group (round.ts): all in one, or split in two run at once while no
   * other request of the port is in flight, either failing stopping the other; answers in plan order.
   */
  inGroups<T>(
    plan: readonly PlannedSearch[],
    run: (group: readonly number[], opts: CallOptions) => Promise<T[]>,
    opts: CallOptions,
  ): Promise<T[]>;
  /** One round trip of several searches, each search's own failure in its place (the request's still thrown). */
  multiSearchSettled(searches: readonly Params[], opts: CallOptions): Promise<(Response | SearchUnavailableError)[]>;
  /** One round trip of several searches, answers in order. */
  multiSearch(searches: readonly Params[], opts: CallOptions): Promise<Response[]>;
}

/**
 * The plan's searches in one round trip (or two at once), and, when needed, one more for what they
 * could not answer: the exact rows by filter when more rows hold the artist's words than one window
 * (`exact-text`), and the rows of the similar titles the autocomplete collection returned
 * (`similar-titles`), or the whole index's typo search when that collection cannot be read.
 * `plan` is updated in place to the searches whose responses are returned.
 */
export async function titleRound(r: RoundTrips, q: PlannedTitleQuery, plan: PlannedSearch[], opts: CallOptions): Promise<Response[]> {
  const asked = [...plan];
  const round = (): Promise<Response[]> => r.inGroups(plan, (group, o) => groupRound(r, q, plan, group, o), opts);
  const similar = plan.findIndex((p) => p.role === 'similar-titles');
  try {
    return await round();
  } catch (err) {
    // A key that may not read the autocomplete collection fails the whole request: asked again without it.
    if (similar < 0 || !r.completions.unreadable(err)) throw err;
    plan.splice(0, plan.length, ...asked);
    plan[similar] = fuzzyTitleSearch(q);
    return round();
  }
}

/**
 * One group of a round's searches in one request, then what its answers call for in one more. The
 * further searches follow their own group's answer, not the round's: split in two, the similar
 * titles' rows (7 ms at 1M rows) are asked on the core the autocomplete search left while the other
 * half still reads an artist's 250 rows (27 ms), instead of after it.
 */
async function groupRound(
  r: RoundTrips,
  q: PlannedTitleQuery,
  plan: PlannedSearch[],
  group: readonly number[],
  opts: CallOptions,
): Promise<Response[]> {
  const settled = await r.multiSearchSettled(
    group.map((at) => {
      const p = plan[at] as PlannedSearch;
      return p.role === 'similar-titles' ? ({ ...p.params, collection: suggestAlias(r.collection) } as Params) : p.params;
    }),
    opts,
  );
  const responses: Response[] = [];
  const again: { i: number; at: number; search: PlannedSearch }[] = [];
  for (const [i, res] of settled.entries()) {
    const at = group[i] as number;
    const role = plan[at]?.role;
    if (role === 'similar-titles') {
      if (res instanceof SearchUnavailableError && !r.completions.unreadable(res)) throw res;
      // A title alone has every row of its own title among the exact rows already (a popular one: 114,514 rows
      // of "intro" at 21.2M, 15 ms to filter again): only the other titles' rows are asked.
      const keys =
        res instanceof SearchUnavailableError
          ? undefined
          : (res.hits ?? []).map((h) => h.document.title ?? '').filter((k) => q.credit !== undefined || !q.titleKeys.includes(k));
      if (keys === undefined) again.push({ i, at, search: fuzzyTitleSearch(q) });
      else if (keys.length > 0) again.push({ i, at, search: similarTitleRows(q, keys) });
      else plan[at] = { role: 'fuzzy-title', params: {} };
      responses.push(emptyResponse());
      continue;
    }
    if (res instanceof SearchUnavailableError) throw res;
    responses.push(res);
    // More rows hold the artist's words than one window: the exact rows are asked by filter instead.
    if (role === 'exact-text' && !readWhole(res)) again.push({ i, at, search: exactByFilter(q) });
  }
  if (again.length === 0) return responses;
  const more = await r.multiSearch(
    again.map((a) => a.search.params),
    opts,
  );
  for (const [k, { i, at, search }] of again.entries()) {
    plan[at] = search;
    responses[i] = more[k] ?? emptyResponse();
  }
  return responses;
}

/**
 * One more exact search with the found rows' other title forms and credits (planSameSong),
 * so a song written "봄날" in one dataset and "봄날 (Spring Day)" in another is one answer.
 * Only when the rows add a key the query lacked: most queries never pay for it. Returns
 * only rows the query itself does not reach (the others are counted already).
 */
export async function sameSongRows(
  r: RoundTrips,
  q: PlannedTitleQuery,
  ranked: Ranked,
  opts: CallOptions,
): Promise<{ rows: TrackMatch[]; complete: boolean }> {
  const exact = ranked.matches.filter((m) => m.basis === 'exact');
  const wider = planSameSong(q, exact);
  if (wider === undefined) return { rows: [], complete: true };
  let search: PlannedSearch = exactSearch(wider);
  let [response = emptyResponse()] = await r.multiSearch([search.params], opts);
  if (search.role === 'exact-text' && !readWhole(response)) {
    search = exactByFilter(wider);
    [response = emptyResponse()] = await r.multiSearch([search.params], opts);
  }
  // As the filter form would: only rows whose index keys hold the wider title and credit are the song's.
  const hits = (response.hits ?? []).map((h) => h.document);
  const docs = search.role === 'exact-text' ? hits.filter((doc) => indexedSameSong(wider, doc)) : hits;
  const rows = docs.filter((doc) => sameSong(wider, doc) && !sameSong(q, doc)).map((doc) => toMatch(doc, 'exact', exact[0]?.songKey));
  return { rows, complete: search.role === 'exact-text' || response.found <= hits.length };
}
