/** Sørensen–Dice coefficient over character bigrams of two normalised keys (0..1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const pa = bigrams(a);
  const pb = bigrams(b);
  if (pa.size === 0 || pb.size === 0) return 0;
  let shared = 0;
  let total = 0;
  for (const [gram, n] of pa) {
    shared += Math.min(n, pb.get(gram) ?? 0);
    total += n;
  }
  for (const n of pb.values()) total += n;
  return (2 * shared) / total;
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

function bigrams(text: string): Map<string, number> {
  const chars = [...text.replace(/ /g, '')];
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0] ?? '', 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = `${chars[i]}${chars[i + 1]}`;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}
