/**
 * Autocomplete for the search port: the most frequent completions from the suggestion
 * collection (`<alias>_suggest`, built by index-builder/suggestions.ts), the track index for
 * what it does not hold, and a fall back to the track index alone while that collection cannot
 * be read (missing, or a key that may not read it).
 */
import { artistKey } from '../index/credits.js';
import { normalizeTitle } from '../index/normalize.js';
import { suggestAlias } from '../index/schema.js';
import { clampQuery } from './filter.js';
import { MAX_PER_PAGE, NO_HIGHLIGHT } from './plan.js';
import { SearchUnavailableError, type CallOptions, type SuggestField } from './port.js';
import type { TrackSearchParams as Params, TrackSearchResponse as Response } from './rank.js';

/** The port's one round trip for several searches (the track collection unless a search names another). */
type MultiSearch = (searches: readonly Params[], opts: CallOptions) => Promise<Response[]>;

/** Prefixes this short (in characters) are completed from the suggestion collection alone: on the track index they expand to words held by millions of rows. */
const SHORT_PREFIX = 4;
/** Words a prefix expands to, the most frequent first (sent: the server's default depends on the collection's size). */
const SUGGEST_CANDIDATES = 10;
/**
 * The same on the track index: the server's own default there from 500,000 documents on (4),
 * sent so that a test index, under it, expands a prefix as the full index does.
 */
const TRACK_CANDIDATES = 4;
const SUGGEST_RETRY_MS = 60_000;

/**
 * A prefix the track index would complete by walking the commonest words' rows: several words,
 * and the last of one letter (it expands to the four commonest words starting so: "the", "to",
 * "that", "this") or a complete word common in titles ("the ka", "que ex"). At 21.2M rows these
 * were the slow 6-character prefixes (45–73 ms of server time). The popular completions answer
 * them; the track index is asked again once the last word has two letters and the words before
 * it are rarer.
 */
export async function walksCommonRows(
  q: string,
  field: SuggestField,
  common: () => Promise<ReadonlySet<string> | undefined>,
): Promise<boolean> {
  const words = q.split(' ');
  if (words.length < 2) return false;
  if ([...(words[words.length - 1] ?? '')].length === 1) return true;
  if (field !== 'title') return false;
  const set = await common();
  return set !== undefined && words.slice(0, -1).some((w) => set.has(w));
}

export class Completions {
  /** 'unavailable': the suggestion collection could not be read lately (missing, or the key may not read it). */
  private state: 'unknown' | 'unavailable' = 'unknown';

  constructor(
    private readonly collection: string,
    private readonly multiSearch: MultiSearch,
    /** The index's common title words (IndexInfo.titleWords over the port's threshold), when known; never throws. */
    private readonly commonWords: (opts: CallOptions) => Promise<ReadonlySet<string> | undefined> = () => Promise.resolve(undefined),
  ) {}

  /**
   * Completions of a prefix. A short one (≤ SHORT_PREFIX characters) comes from the suggestion
   * collection alone, and so does one the track index would complete from the commonest words'
   * rows (walksCommonRows). A longer one too when that collection has `limit` completions of it: a
   * longer prefix of popular words ("you th") still expands to words held by millions of rows
   * (110 ms p99 at 10M rows, measured), while the popular completions are the ones to offer.
   * With fewer, the track index adds the rest, which holds every title (a musician's own
   * little-known song included).
   */
  async suggest(prefix: string, field: SuggestField, limit = 25, opts: CallOptions = {}): Promise<string[]> {
    const q = field === 'title' ? normalizeTitle(clampQuery(prefix, 100)) : artistKey(clampQuery(prefix, 100));
    if (q === '') return [];
    const popular = this.state === 'unavailable' ? undefined : await this.popularSuggestions(q, field, limit, opts);
    if (
      popular !== undefined &&
      ([...q].length <= SHORT_PREFIX || popular.length >= limit || (await walksCommonRows(q, field, () => this.commonWords(opts))))
    ) {
      return popular.map((p) => p.display);
    }
    const [res] = await this.multiSearch(
      [
        {
          q,
          query_by: field === 'title' ? 'title_norm' : 'artists_norm',
          prefix: true,
          num_typos: 1,
          max_candidates: TRACK_CANDIDATES,
          per_page: 50,
          include_fields: 'title,artists,title_norm,artists_norm',
          ...NO_HIGHLIGHT,
        },
      ],
      opts,
    );
    const out = new Map<string, string>((popular ?? []).map((p) => [p.key, p.display]));
    for (const { document: doc } of res?.hits ?? []) {
      if (field === 'title') {
        const key = doc.title_norm ?? '';
        if (key !== '' && !out.has(key)) out.set(key, doc.title ?? key);
      } else {
        for (const name of doc.artists ?? []) {
          const key = artistKey(name);
          if (key.startsWith(q.split(' ')[0] ?? '') && !out.has(key)) out.set(key, name);
        }
      }
      if (out.size >= limit) break;
    }
    return [...out.values()].slice(0, limit);
  }

  /**
   * A short prefix from the suggestion collection (distinct keys with their row counts, most
   * frequent first), or undefined when there is none to ask: an index built before it existed,
   * or a search key not allowed to read it (then the track index answers, as before, slower).
   */
  private async popularSuggestions(
    q: string,
    field: SuggestField,
    limit: number,
    opts: CallOptions,
  ): Promise<{ key: string; display: string }[] | undefined> {
    try {
      const [res] = await this.multiSearch(
        [
          {
            collection: suggestAlias(this.collection),
            q,
            query_by: field,
            prefix: true,
            num_typos: 0,
            max_candidates: SUGGEST_CANDIDATES,
            sort_by: '_text_match:desc,rows:desc',
            per_page: Math.min(limit, MAX_PER_PAGE),
            include_fields: `display,${field}`,
            ...NO_HIGHLIGHT,
          } as Params,
        ],
        opts,
      );
      return (res?.hits ?? [])
        .map((h) => h.document as { display?: string; title?: string; artist?: string })
        .map((d) => ({ key: d[field] ?? '', display: d.display ?? '' }))
        .filter((d) => d.display !== '');
    } catch (err) {
      if (!this.unreadable(err)) throw err;
      return undefined;
    }
  }

  /** The suggestion collection may be read (not found missing or forbidden lately): title searches ask it for similar titles. */
  get readable(): boolean {
    return this.state !== 'unavailable';
  }

  /**
   * True when `err` says the suggestion collection cannot be read (missing, or a key that may not
   * read it); it is then not asked for a while (a rebuild may add it, an operator may widen the key).
   */
  unreadable(err: unknown): boolean {
    if (!(err instanceof SearchUnavailableError) || (err.reason !== 'no-index' && err.reason !== 'unauthorized')) return false;
    if (this.state !== 'unavailable') {
      this.state = 'unavailable';
      setTimeout(() => (this.state = 'unknown'), SUGGEST_RETRY_MS).unref();
    }
    return true;
  }
}
