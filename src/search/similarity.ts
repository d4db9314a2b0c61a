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
