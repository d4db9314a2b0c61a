import { remembered } from './remembered.js';

/** A key's likeness to a fixed key or keys, 0..1 (similarityTo, titleScorer). */
export type Scorer = (key: string) => number;

/** Sørensen–Dice coefficient over character bigrams of two normalised keys (0..1). */
export function similarity(a: string, b: string): number {
  return a === b ? 1 : dice(bigramsOf(a), bigramsOf(b));
}

/** The Sørensen–Dice coefficient of two keys' sorted bigrams (bigrams): the first `na` of `pa`, all of `pb`. */
function dice(pa: Float64Array, pb: Float64Array, na = pa.length): number {
  const nb = pb.length;
  if (na === 0 || nb === 0) return 0;
  // Both sorted: the bigrams they share, each as often as the rarer side holds it, in one merge.
  let shared = 0;
  for (let i = 0, j = 0; i < na && j < nb;) {
    const x = pa[i] as number;
    const y = pb[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (na + nb);
}

/** similarity(a, key) for many keys `a` against one `key`: its bigrams counted once, each `a` scored once. */
export function similarityTo(key: string): Scorer {
  const grams = bigramsOf(key);
  const known = new Map<string, number>();
  return (a) => {
    let score = known.get(a);
    if (score === undefined) {
      if (a === key) score = 1;
      else {
        // Counted before `scratch` is read: a key longer than any before moves it to a new buffer.
        const n = scratchBigrams(a);
        score = dice(scratch, grams, n);
      }
      known.set(a, score);
    }
    return score;
  };
}

/**
 * How alike two title keys are: their bigram similarity, or, when they differ only by two
 * neighbouring letters swapped (the typo Typesense counts as one), one minus one letter in the
 * key's length. Bigrams alone are harsh on that typo in a short title: "palce" shares one bigram
 * of four with "place", so the row the typo search found by the right artist was dropped as noise.
 * Other typos leave most bigrams whole and are left to them ("lose" stays unlike "love").
 */
export function titleSimilarity(a: string, b: string): number {
  return a === b ? 1 : swapAware(a, b, dice(bigramsOf(a), bigramsOf(b)));
}

/** `score` (the keys' dice), or one minus one letter when the keys are one swap apart. */
function swapAware(a: string, b: string, score: number): number {
  // One swap apart, the keys hold the same characters: a different length never is.
  if (a.length !== b.length) return score;
  const x = [...a];
  const y = [...b];
  return oneSwapApart(x, y) ? Math.max(score, 1 - 1 / x.length) : score;
}

/**
 * The best titleSimilarity of a key to any of a query's keys, for the many rows one query ranks:
 * the query keys' bigrams are counted once, and each row key's once a query, in a scratch buffer
 * (scratchBigrams) rather than the shared cache, which the rows of one query at 21.2M rows overrun
 * (the same figures as titleSimilarity).
 */
export function titleScorer(queryKeys: readonly string[]): Scorer {
  const grams = queryKeys.map(bigramsOf);
  const known = new Map<string, number>();
  return (key) => {
    const seen = known.get(key);
    if (seen !== undefined) return seen;
    const n = scratchBigrams(key);
    let best = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < queryKeys.length; i++) {
      const k = queryKeys[i] as string;
      const score = key === k ? 1 : swapAware(key, k, dice(scratch, grams[i] as Float64Array, n));
      if (score > best) best = score;
    }
    known.set(key, best);
    return best;
  };
}

function oneSwapApart(x: readonly string[], y: readonly string[]): boolean {
  if (x.length !== y.length) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  if (i + 1 >= x.length || x[i] !== y[i + 1] || x[i + 1] !== y[i] || x[i] === x[i + 1]) return false;
  for (let j = i + 2; j < x.length; j++) if (x[j] !== y[j]) return false;
  return true;
}

/** One code point past the last: a bigram is the pair's two code points in one number, below 2^42. */
const CODE_POINTS = 0x110000;

/**
 * A key's character bigrams, spaces left out, as sorted numbers (a key of one character: that
 * character, negative so no bigram equals it), written into the start of `out`; returns how many.
 * The keys compared repeat, the query's against every row and a popular title's on many rows, so
 * each key's are counted once (bigramsOf, scratchBigrams). `out` holds at least one number a
 * UTF-16 unit of the key, and one for an empty key.
 */
function fillBigrams(text: string, out: Float64Array): number {
  let n = 0;
  let points = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i);
    // A surrogate pair is one code point (as `for…of` reads a string); a lone surrogate stands for itself.
    if (point >= 0xd800 && point <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        point = (point - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (point === 32) continue;
    if (points > 0) {
      // Insertion sort as they come: a title's few dozen bigrams sort faster so than by TypedArray#sort.
      const gram = previous * CODE_POINTS + point;
      let at = n++;
      while (at > 0 && (out[at - 1] as number) > gram) {
        out[at] = out[at - 1] as number;
        at--;
      }
      out[at] = gram;
    }
    previous = point;
    points++;
  }
  if (points === 1) {
    out[0] = -1 - previous;
    n = 1;
  }
  return n;
}

function bigrams(text: string): Float64Array {
  const out = new Float64Array(Math.max(1, text.length));
  return out.slice(0, fillBigrams(text, out));
}

const bigramsOf = remembered(bigrams);

/** Where scratchBigrams writes: one key's at a time, read before the next is written. */
let scratch = new Float64Array(256);

/** A key's bigrams at the start of `scratch` (how many returned): for a key scored once and dropped. */
function scratchBigrams(text: string): number {
  if (scratch.length < text.length) scratch = new Float64Array(2 * text.length);
  return fillBigrams(text, scratch);
}
