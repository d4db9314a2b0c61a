/**
 * Seedable draws: mulberry32 and a Zipf–Mandelbrot law over ranks. Apart from the row
 * generator (realistic.ts) because they are not the datasets': the artist names
 * (realistic-names.ts) draw from streams of their own, and match-keys.bench.ts draws from rng
 * without generating a row.
 */

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws 0..size-1 with P(k) ∝ 1/(k+1+q)^s (Zipf–Mandelbrot; q = 0 is Zipf's law), by binary
 * search over the cumulative weights.
 */
export class Zipf {
  private readonly cumulative: Float64Array;
  constructor(
    readonly size: number,
    s: number,
    q = 0,
  ) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let k = 0; k < size; k++) {
      total += 1 / Math.pow(k + 1 + q, s);
      this.cumulative[k] = total;
    }
  }
  draw(rand: () => number): number {
    const target = rand() * (this.cumulative[this.size - 1] ?? 0);
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
