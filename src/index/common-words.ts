/**
 * The index's commonest title words, and the fuzzy title query without them.
 *
 * A typo search walks the posting list of every word of the query and of each word it may be
 * misspelt from: at 21.2M rows "knows you die" cost 218 ms of server time for the one row it found,
 * nearly all of it the 2.3M rows holding "you" (bench `scale`). Those words decide nothing about
 * which rows are candidates when the query has a rarer word: every row holding the whole title
 * holds its rarer words too, and rank.ts scores each candidate against the whole title anyway.
 * So the builder counts the title words (`CommonWordCounter`, bounded memory at any size), the
 * index info lists the commonest with their rows (IndexInfo.titleWords), and the fuzzy title
 * searches leave out of the query the words on COMMON_WORD_ROWS rows or more (`fuzzyTitleQuery`).
 * The threshold is rows, not a share: it is a posting list's length that costs, so a small index
 * asks every word as before. A title of common words only is asked whole.
 */
/** A word on this many rows or more is left out of a fuzzy title query that has a rarer one (~5 ms of posting list). */
export const COMMON_WORD_ROWS = 50_000;
/** The builder lists the words on at least this share of rows (at 1M realistic rows, 349 words reach 0.1%). */
export const LISTED_SHARE = 0.001;
/** Words listed in the index info at most. */
export const MAX_LISTED_WORDS = 1000;
/** Counters kept while counting: a word's count is low by at most (words seen) / COUNTERS. */
const COUNTERS = 20_000;
/** Typesense's default `min_len_1typo`: a shorter query word is matched as typed, so only a longer one can stand for a common word. */
const MIN_LEN_1TYPO = 4;

/** A title word and the rows holding it. */
export interface TitleWord {
  word: string;
  rows: number;
}

/** The words of an index's list held by `minRows` rows or more. */
export function commonWordSet(words: readonly TitleWord[] | undefined, minRows = COMMON_WORD_ROWS): Set<string> {
  return new Set((words ?? []).filter((w) => w.rows >= minRows).map((w) => w.word));
}

/**
 * Counts title words over a stream of rows in bounded memory (Misra–Gries): each word of a row
 * counted once; a word on more than (words seen) / COUNTERS rows is never lost, and its count is
 * low by at most that much (at 21.2M rows of ~3 words, 0.016% of rows against a 0.2% threshold).
 */
export class CommonWordCounter {
  private readonly counts = new Map<string, number>();
  private rowsSeen = 0;

  constructor(private readonly counters = COUNTERS) {}

  /** One row's title key (normalised: words separated by single spaces). */
  addTitle(key: string): void {
    this.rowsSeen++;
    if (key === '') return;
    const words = key.split(' ');
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (w === '' || words.indexOf(w) < i) continue;
      const n = this.counts.get(w);
      if (n !== undefined) this.counts.set(w, n + 1);
      else if (this.counts.size < this.counters) this.counts.set(w, 1);
      else this.decrementAll();
    }
  }

  get rows(): number {
    return this.rowsSeen;
  }

  /** Every counted word on at least `share` of the rows with its count (a lower bound), the commonest first (at most `max`). */
  common(share = LISTED_SHARE, max = MAX_LISTED_WORDS): TitleWord[] {
    const min = Math.max(1, share * this.rowsSeen);
    return [...this.counts]
      .filter(([, n]) => n >= min)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, max)
      .map(([word, rows]) => ({ word, rows }));
  }

  private decrementAll(): void {
    for (const [w, n] of this.counts) {
      if (n <= 1) this.counts.delete(w);
      else this.counts.set(w, n - 1);
    }
  }
}

/** True when `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The words of a title key a fuzzy search should ask for: the key without its common words, and
 * without a word one typo from a common one (that typo search walks the common word's rows), when
 * at least one word is left; else the key whole. Only words are left out, so every row the whole
 * key matches this matches too; which 50 of them the server ranks first may differ (measured by the
 * bench's `common-words` identity check).
 */
export function fuzzyTitleQuery(key: string, common: ReadonlySet<string> | undefined): string {
  if (common === undefined || common.size === 0) return key;
  const words = key.split(' ');
  const rare = words.filter((w) => !isCommon(w, common));
  return rare.length === 0 || rare.length === words.length ? key : rare.join(' ');
}

/**
 * The long words (8+ letters) of normalize.ts's VERSION_WORDS and NOISE: a typo in one
 * ("(Nistrumental)", " - Rmeastered") defeats those rules, and a fuzzy search then expands it with
 * two typos over the whole vocabulary for no row (10–30 ms at 1M rows: the slowest misspelt
 * titles, bench `scale`). A test holds each one a decoration to normalize.ts.
 */
export const LONG_DECORATION_WORDS = [
  'instrumental',
  'acoustic',
  'unplugged',
  'nightcore',
  'extended',
  'orchestral',
  'acapella',
  'remaster',
  'remastered',
  'official',
  'visualizer',
  'visualiser',
  'explicit',
  'legendado',
] as const;

/** A word one typo from a long decoration word is 7+ letters long. */
const LONG_WORD = /\p{L}{7,}/gu;
/** Where a title's decorations may start: its first bracket, or its first spaced dash (normalize.ts reads them there). */
const DECORATIONS_START = /[([{【「]|\s[-–—|]\s/;

/**
 * The title as the user meant it where a typo hid a decoration word: in its bracketed or dashed
 * parts, each word one typo from a long version or noise word ("Nani Nani (Nistrumental)", "Mêle
 * De - Rmeastered") becomes that word, so the title normalises as its correct spelling does ("nani
 * nani instrumental", "mele de"). For the fuzzy searches only: the same rows as the typo search of
 * the misspelt title found (measured at 1M rows), without expanding a word no row holds. A title
 * typed right, and words outside those parts ("Acoustics"), are left as they are.
 */
export function correctDecorations(title: string): string {
  const start = title.search(DECORATIONS_START);
  if (start < 0) return title;
  const tail = title.slice(start).replace(LONG_WORD, (word) => {
    const lower = word.toLowerCase();
    return LONG_DECORATION_WORDS.find((d) => oneEditApart(lower, d)) ?? word;
  });
  return title.slice(0, start) + tail;
}

/**
 * True when every word of a title key is common or one typo from a common word ("love you",
 * "lvoe you"): no rarer word to ask instead, and the rows holding them all are the most in the
 * index ("de de": 645,923 of 21.2M rows). Such a title is compared with the autocomplete
 * collection's popular titles instead (plan.ts `similar-titles`).
 */
export function titleOfCommonWords(key: string, common: ReadonlySet<string> | undefined): boolean {
  if (common === undefined || common.size === 0 || key === '') return false;
  return key.split(' ').every((w) => isCommon(w, common));
}

function isCommon(word: string, common: ReadonlySet<string>): boolean {
  if (common.has(word)) return true;
  if ([...word].length < MIN_LEN_1TYPO) return false;
  for (const c of common) if (oneEditApart(word, c)) return true;
  return false;
}
