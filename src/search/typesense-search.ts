/**
 * The search port over typesense-js: every method is one multi_search round trip (or a few),
 * typed with typesense-js's own request and response types, honouring the caller's signal,
 * with Typesense's errors mapped by class to SearchUnavailableError (typesense-fault.ts). What to ask (plan.ts)
 * and what the answers mean (rank.ts) are pure functions beside it; what a title round asks after its first
 * request is title-round.ts, over this port's round trips.
 */
import type { MultiSearchRequestsWithoutUnionSchema } from 'typesense';
import { commonWordSet, COMMON_WORD_ROWS } from '../index/common-words.js';
import { documentId, INDEX_INFO_ID, TRACKS_ALIAS, type IndexInfo, type Platform } from '../index/schema.js';
import type { TypesenseClient } from '../typesense/client.js';
import { exactAny } from './filter.js';
import {
  exactByFilter,
  planTitleQuery,
  planTitleSearches,
  titleCountSearches,
  type PlannedSearch,
  type PlannedTitleQuery,
} from './plan.js';
import { titleFilterForm } from './exact-filters.js';
import {
  SearchUnavailableError,
  type AlbumResult,
  type ArtistCoverage,
  type CallOptions,
  type SearchPort,
  type SuggestField,
  type TitleQuery,
  type TitleResult,
  type TrackMatch,
} from './port.js';
import {
  DISPLAY_FIELDS,
  emptyResponse,
  rankCandidates,
  toMatch,
  type TrackHit,
  type TrackSearchParams as Params,
  type TrackSearchResponse as Response,
} from './rank.js';
import type { AlbumQuery } from './album.js';
import { albumTracks, artistCoverage, artistTracks, type Reads } from './artist-reads.js';
import { Completions } from './suggest.js';
import { datasetCounts, plannedCounts } from './counts.js';
import { fault } from './typesense-fault.js';
import { sendAtOnce, splitRound } from './round.js';
import { sameSongRows, titleRound, type RoundTrips } from './title-round.js';

export interface TypesenseSearchOptions {
  client: TypesenseClient;
  collection?: string;
  /** How long index info is reused before it is read again (a missing one is never reused). */
  infoTtlMs?: number;
  now?: () => number;
  /** Title words on this many rows or more are left out of fuzzy title queries (default COMMON_WORD_ROWS). */
  commonWordRows?: number;
  /** false: a title round is always one request, and an artist's pages one request at a time (round.ts; default true: two at once when the port is otherwise idle). */
  splitRounds?: boolean;
  /** Rows the whole index's typo search of a title reads (plan.ts FUZZY_PER_PAGE by default). */
  fuzzyPerPage?: number;
}

/**
 * The ranked matches with the same song's other rows after the hits (rankCandidates puts every hit
 * before its candidates): a row first ranked as a candidate that is the song after all moves up among them.
 */
function withSameSong(ranked: readonly TrackMatch[], rows: readonly TrackMatch[]): TrackMatch[] {
  const added = new Set(rows.map((m) => `${m.dataset}:${m.rowKey}`));
  return [
    ...ranked.filter((m) => m.basis !== 'fuzzy'),
    ...rows,
    ...ranked.filter((m) => m.basis === 'fuzzy' && !added.has(`${m.dataset}:${m.rowKey}`)),
  ];
}

export class TypesenseSearch implements SearchPort {
  private readonly client: TypesenseClient;
  private readonly collection: string;
  private readonly infoTtlMs: number;
  private readonly now: () => number;
  private info: { value: IndexInfo; at: number; commonWords: ReadonlySet<string> } | undefined;
  private readonly commonWordRows: number;
  private readonly completions: Completions;
  /** The artist's and album's reads (artist-reads.ts), over this port's round trips. */
  private readonly reads: Reads;
  /** The title round's further searches (title-round.ts), over this port's round trips. */
  private readonly rounds: RoundTrips;
  private readonly splitRounds: boolean;
  private readonly fuzzyPerPage: number | undefined;
  /** This port's requests in flight: a title round is split only when it is alone (round.ts). */
  private inFlight = 0;

  constructor(opts: TypesenseSearchOptions) {
    this.client = opts.client;
    this.collection = opts.collection ?? TRACKS_ALIAS;
    this.infoTtlMs = opts.infoTtlMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    this.commonWordRows = opts.commonWordRows ?? COMMON_WORD_ROWS;
    this.splitRounds = opts.splitRounds ?? true;
    this.fuzzyPerPage = opts.fuzzyPerPage;
    this.completions = new Completions(
      this.collection,
      (searches, o) => this.multiSearch(searches, o),
      // Unknown when the info cannot be read (a key for the autocomplete collection alone): every complete word asked.
      async (o) => this.commonWordsOf(await this.indexInfo(o).catch(() => undefined)),
    );
    this.reads = {
      multiSearch: (searches, o) => this.multiSearch(searches, o),
      datasets: (o) => this.datasetIds(o),
      countPerDataset: (filter, only, o) => this.countPerDataset(filter, only, o),
      idle: () => this.splitRounds && this.inFlight === 0,
    };
    this.rounds = {
      collection: this.collection,
      completions: this.completions,
      inGroups: (plan, run, o) => this.inGroups(plan, run, o),
      multiSearchSettled: (searches, o) => this.multiSearchSettled(searches, o),
      multiSearch: (searches, o) => this.multiSearch(searches, o),
    };
  }

  async lookupByPlatformId(platform: Platform, id: string, opts: CallOptions = {}): Promise<TrackMatch[]> {
    // Datasets keyed by this platform's id hold it as the document id; others list it in platform_ids.
    const info = await this.indexInfo(opts);
    const candidates = (info?.datasets ?? []).filter((d) => d.rowKeyPlatform === platform).map((d) => documentId(d.id, id));
    const token = `${platform}:${id}`;
    const searches: Params[] = [
      { q: '*', filter_by: exactAny('platform_ids', [token]), per_page: 50, include_fields: `${DISPLAY_FIELDS},platform_ids` },
    ];
    if (candidates.length > 0) searches.push({ q: '*', filter_by: exactAny('id', candidates), per_page: candidates.length });
    const seen = new Set<string>();
    const matches: TrackMatch[] = [];
    for (const [i, res] of (await this.multiSearch(searches, opts)).entries()) {
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

  async searchTracks(query: TitleQuery, opts: CallOptions = {}): Promise<TitleResult> {
    const planned = planTitleQuery(query);
    if (planned === undefined) return { matches: [], exactTotal: 0, datasetTotals: {}, hasMore: false };
    // Whether the rows carry title hashes decides the title filter's form, their common words the fuzzy
    // queries (the info is read at most every infoTtlMs).
    const info = await this.indexInfo(opts);
    const commonWords = this.commonWordsOf(info);
    const q: PlannedTitleQuery = {
      ...planned,
      form: titleFilterForm(info),
      commonWords,
      similarTitles: this.completions.readable,
      fuzzyPerPage: this.fuzzyPerPage,
    };
    const plan = planTitleSearches(q);
    const responses = await titleRound(this.rounds, q, plan, opts);
    const ranked = rankCandidates(
      q,
      plan.map((p, i) => ({ role: p.role, response: responses[i] ?? emptyResponse() })),
    );
    const same = q.page === 1 ? await sameSongRows(this.rounds, q, ranked, opts) : { rows: [], complete: true };
    const matches = same.rows.length === 0 ? ranked.matches : withSameSong(ranked.matches, same.rows);
    const exactTotal = ranked.exactTotal + same.rows.length;
    // Rows compared here (a credit too long to filter on) are counted as read: the filter alone would count other artists too.
    const counted = (ranked.exactComplete && same.complete) || plan[0]?.role === 'title-rows';
    const countedBeside = plannedCounts(plan, responses);
    const datasetTotals: Record<string, number> =
      countedBeside !== undefined
        ? countedBeside
        : counted
          ? { ...ranked.datasetTotals }
          : exactTotal > 0
            ? await this.titleCounts(q, opts)
            : {};
    for (const m of same.rows) datasetTotals[m.dataset] = (datasetTotals[m.dataset] ?? 0) + 1;
    return { matches, exactTotal, datasetTotals, hasMore: ranked.hasMore };
  }

  /**
   * The exact rows of a title query per dataset. Hashed by dataset, each dataset's count asks
   * that dataset's hashes: it costs the title's rows there, not the dataset's (title-hash.ts).
   */
  private async titleCounts(q: PlannedTitleQuery, opts: CallOptions): Promise<Record<string, number>> {
    const own = titleCountSearches(q);
    if (own === undefined) return this.countPerDataset(exactByFilter(q).params.filter_by ?? '', q.dataset, opts);
    return this.counted(
      own.map((c) => c.dataset),
      own.map((c) => c.params),
      opts,
    );
  }

  /** The index's dataset ids (none while no index info can be read). */
  private async datasetIds(opts: CallOptions): Promise<string[]> {
    return ((await this.indexInfo(opts))?.datasets ?? []).map((d) => d.id);
  }

  /** Rows of one filter per dataset, in one round trip (no facet on `dataset`, see schema.ts). */
  private async countPerDataset(filter: string, only: string | undefined, opts: CallOptions): Promise<Record<string, number>> {
    const datasets = only !== undefined ? [only] : await this.datasetIds(opts);
    // With `only`, the filter is scoped to that dataset already.
    return this.counted(
      datasets,
      only !== undefined ? [{ q: '*', filter_by: filter, per_page: 0 }] : datasetCounts(filter, datasets),
      opts,
    );
  }

  /** The found counts of one counting search per dataset, sent in one round trip; datasets with none left out. */
  private async counted(datasets: readonly string[], searches: readonly Params[], opts: CallOptions): Promise<Record<string, number>> {
    if (datasets.length === 0) return {};
    const counts = await this.multiSearch(searches, opts);
    const out: Record<string, number> = {};
    datasets.forEach((d, i) => {
      const found = counts[i]?.found ?? 0;
      if (found > 0) out[d] = found;
    });
    return out;
  }

  async suggest(prefix: string, field: SuggestField, limit = 25, opts: CallOptions = {}): Promise<string[]> {
    return this.completions.suggest(prefix, field, limit, opts);
  }

  async artistCoverage(name: string, opts: CallOptions = {}): Promise<ArtistCoverage> {
    return artistCoverage(this.reads, name, opts);
  }

  async artistTracks(name: string, max = 10_000, opts: CallOptions = {}): Promise<TrackMatch[]> {
    return artistTracks(this.reads, name, max, opts);
  }

  async albumTracks(query: AlbumQuery, opts: CallOptions = {}): Promise<AlbumResult> {
    return albumTracks(this.reads, query, opts);
  }

  /** The common title words of `info` (read by indexInfo, which keeps them beside it). */
  private commonWordsOf(info: IndexInfo | undefined): ReadonlySet<string> | undefined {
    return info !== undefined && this.info?.value === info ? this.info.commonWords : undefined;
  }

  /**
   * The build's description, read through a search so the caller's signal can stop it. A
   * missing one (no index yet, or an index being filled) is not remembered: the next call
   * asks again, so the bot sees a finished build at once instead of answering from nothing.
   */
  async indexInfo(opts: CallOptions = {}): Promise<IndexInfo | undefined> {
    const now = this.now();
    if (this.info !== undefined && now - this.info.at < this.infoTtlMs) return this.info.value;
    let res: Response;
    try {
      res = await this.search({ q: '*', filter_by: exactAny('id', [INDEX_INFO_ID]), per_page: 1, include_fields: 'info' }, opts);
    } catch (err) {
      if (err instanceof SearchUnavailableError && err.reason === 'no-index') return undefined;
      throw err;
    }
    const stored = res.hits?.[0]?.document.info;
    if (stored === undefined) return undefined;
    const value = JSON.parse(stored) as IndexInfo;
    this.info = { value, at: now, commonWords: commonWordSet(value.titleWords, this.commonWordRows) };
    return value;
  }

  private async search(params: Params, opts: CallOptions): Promise<Response> {
    const [res] = await this.multiSearch([params], opts);
    return res ?? emptyResponse();
  }

  /** One HTTP round trip for several searches; a failed search inside it is a fault too. */
  private async multiSearch(searches: readonly Params[], opts: CallOptions): Promise<Response[]> {
    return (await this.multiSearchSettled(searches, opts)).map((res) => {
      if (res instanceof SearchUnavailableError) throw res;
      return res;
    });
  }

  /** A title round's groups: all in one, or split in two run at once when no other request of this port is in flight (round.ts). */
  private async inGroups<T>(
    plan: readonly PlannedSearch[],
    run: (group: readonly number[], opts: CallOptions) => Promise<T[]>,
    opts: CallOptions,
  ): Promise<T[]> {
    const groups = this.splitRounds && this.inFlight === 0 ? splitRound(plan) : [];
    if (groups.length < 2)
      return run(
        plan.map((_, i) => i),
        opts,
      );
    return sendAtOnce(groups, (group, signal) => run(group, { ...opts, signal }), opts.signal);
  }

  /** One HTTP round trip for several searches, each search's own failure in its place (the request's still thrown). */
  private async multiSearchSettled(searches: readonly Params[], opts: CallOptions): Promise<(Response | SearchUnavailableError)[]> {
    this.inFlight++;
    try {
      return await this.sendSettled(searches, opts);
    } finally {
      this.inFlight--;
    }
  }

  private async sendSettled(searches: readonly Params[], opts: CallOptions): Promise<(Response | SearchUnavailableError)[]> {
    const body: MultiSearchRequestsWithoutUnionSchema<TrackHit, string> = {
      searches: searches.map((s) => ({ collection: this.collection, query_by: 'title_norm', include_fields: DISPLAY_FIELDS, ...s })),
    };
    let results: Response[];
    try {
      const response = await this.client.multiSearch.perform<TrackHit[]>(body, {}, { abortSignal: opts.signal ?? null });
      results = [...response.results] as Response[];
    } catch (err) {
      throw fault(err, opts.signal);
    }
    return results.map((res) => {
      if (res.error === undefined) return res;
      const reason = res.code === 404 ? 'no-index' : res.code === 401 || res.code === 403 ? 'unauthorized' : 'unreachable';
      return new SearchUnavailableError(`search failed: ${res.error}`, reason);
    });
  }
}
