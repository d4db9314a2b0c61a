/**
 * Deterministic synthetic rows shaped like the datasets: Zipf-distributed words from a
 * large pseudo-word vocabulary (Typesense's RAM depends on distinct tokens, so a tiny
 * vocabulary would flatter it), a long tail of artists, 11-character YouTube ids.
 */
import type { TrackRow } from '../src/index/document.js';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ne',
  'to',
  'su',
  'vi',
  'da',
  'por',
  'lin',
  'ster',
  'gue',
  'bra',
  'sha',
  'mon',
  'tri',
  'el',
  'an',
  'or',
  'yu',
  'ze',
  'qua',
  'fi',
];
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

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

export function word(n: number): string {
  let out = '';
  let x = n + 7;
  do {
    out += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0);
  return out;
}

/** Index drawn from 0..size-1 with a Zipf-like skew (s ≈ 1). */
export function zipf(rand: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(rand() * Math.log(size + 1)) - 1));
}

export function youtubeId(rand: () => number): string {
  let id = '';
  for (let i = 0; i < 11; i++) id += ID_CHARS[Math.floor(rand() * 64)];
  return id;
}

export interface SyntheticOptions {
  seed?: number;
  vocabulary?: number;
  artists?: number;
  dataset?: string;
}

export function* syntheticRows(count: number, opts: SyntheticOptions = {}): Generator<TrackRow> {
  const rand = rng(opts.seed ?? 42);
  const vocabulary = opts.vocabulary ?? 200_000;
  const artistPool = opts.artists ?? Math.max(1000, Math.floor(count / 50));
  const dataset = opts.dataset ?? 'laion-disco-12m';
  for (let i = 0; i < count; i++) {
    const words = 1 + Math.floor(rand() * 5);
    const title: string[] = [];
    for (let w = 0; w < words; w++) title.push(word(zipf(rand, vocabulary)));
    const a = zipf(rand, artistPool);
    const id = youtubeId(rand);
    yield {
      dataset,
      rowKey: id,
      title: title.join(' '),
      artists: [`${word(a)} ${word(a * 31 + 5)}`],
      album: `${word(zipf(rand, vocabulary))} ${word(zipf(rand, vocabulary))}`,
      duration: 60 + Math.floor(rand() * 400),
      url: `https://www.youtube.com/watch?v=${id}`,
      platformIds: [{ platform: 'youtube', id }],
      rowKeyPlatform: 'youtube',
    };
  }
}
