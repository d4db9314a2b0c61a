import { remembered } from './remembered.js';

/** Sørensen–Dice coefficient over character bigrams of two normalised keys (0..1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const pa = bigramsOf(a);
  const pb = bigramsOf(b);
  if (pa.length === 0 || pb.length === 0) return 0;
  // Both sorted: the bigrams they share, each as often as the rarer side holds it, in one merge.
  let shared = 0;
  for (let i = 0, j = 0; i < pa.length && j < pb.length;) {
    const x = pa[i] as number;
    const y = pb[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (pa.length + pb.length);
}

/**
 * How alike two title keys are: their bigram similarity, or, when they differ only by two
 * neighbouring letters swapped (the typo Typesense counts as one), one minus one letter in the
 * key's length. Bigrams alone are harsh on that typo in a short title: "palce" shares one bigram
 * of four with "place", so the row the typo search found by the right artist was dropped as noise.
 * Other typos leave most bigrams whole and are left to them ("lose" stays unlike "love").
 */
export function titleSimilarity(a: string, b: string): number {
  const dice = similarity(a, b);
  // One swap apart, the keys hold the same characters: a different length never is.
  if (a.length !== b.length) return dice;
  const x = [...a];
  const y = [...b];
  return oneSwapApart(x, y) ? Math.max(dice, 1 - 1 / x.length) : dice;
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
 * character, negative so no bigram equals it). The keys compared repeat, the query's against every
 * row and a popular title's on many rows, so each key's are counted once (bigramsOf).
 */
function bigrams(text: string): Float64Array {
  const points: number[] = [];
  for (const ch of text) if (ch !== ' ') points.push(ch.codePointAt(0) ?? 0);
  if (points.length === 1) return Float64Array.of(-1 - (points[0] ?? 0));
  const grams = new Float64Array(Math.max(0, points.length - 1));
  for (let i = 0; i + 1 < points.length; i++) grams[i] = (points[i] ?? 0) * CODE_POINTS + (points[i + 1] ?? 0);
  return grams.sort();
}

const bigramsOf = remembered(bigrams);
