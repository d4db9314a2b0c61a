/**
 * The four datasets as their publishers lay them out: the rows each claims, the columns a
 * reader hands the mapping, the ids' alphabets and Sleeping-DISCO-9M's text fields. Apart from
 * the row generator (realistic.ts) because these are the publishers' facts, not draws: the
 * generator fills them in, and the benches that size an index by the datasets read them here.
 */
import type { TrackRow } from '../src/index/document.js';
import { LANGUAGES } from './words.js';

/** Rows the four datasets claim together (the index the bot answers from). */
export const FULL_ROWS = 21_200_000;

export const DATASET_SHARES: readonly { id: string; rows: number }[] = [
  { id: 'laion-disco-12m', rows: 12_320_916 },
  { id: 'sleeping-disco-9m', rows: 9_713_413 },
  { id: 'fma', rows: 106_574 },
  { id: 'spotify-tracks', rows: 114_000 },
];

export interface GeneratedRow {
  dataset: string;
  /** The row as the publisher lays it out (parquet columns, JSON object, CSV cells). */
  record: Record<string, unknown>;
  /** The row as the builder maps it. */
  row: TrackRow;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** An 11-character YouTube id; its last character carries 4 bits, as real ids do (never `-`/`_` at the end). */
export function youtubeId(rand: () => number): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += ID_CHARS[Math.floor(rand() * 64)];
  return id + 'AEIMQUYcgkosw048'[Math.floor(rand() * 16)];
}

export function spotifyId(rand: () => number): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += ID_CHARS[Math.floor(rand() * 62)];
  return id;
}

/** Columns each layout has (what the readers hand the mapping). */
export const COLUMNS: Record<string, string[]> = {
  'laion-disco-12m': ['song_id', 'title', 'artist_names', 'artist_ids', 'album_name', 'album_id', 'isExplicit', 'views', 'duration'],
  'sleeping-disco-9m': [
    'song_id',
    'title',
    'song_url',
    'primary_artist',
    'artist_url',
    'featured_artists',
    'album_name',
    'album_url',
    'album_release_date',
    'tags',
    'lyricists',
    'lyrics',
    'genius_annotation',
    'qna',
    'language',
    'youtube_links',
  ],
  fma: ['track_id', 'track.title', 'artist.name', 'album.title', 'track.duration', 'track_url'],
  'spotify-tracks': ['', 'track_id', 'artists', 'album_name', 'track_name', 'duration_ms'],
};

export function fillLyrics(record: Record<string, unknown>, rand: () => number): void {
  const en = LANGUAGES[0]?.words ?? [];
  const text = (n: number): string => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(en[Math.floor(Math.pow(rand(), 3) * en.length)] ?? 'la');
    return out.join(' ');
  };
  record.lyrics = text(250 + Math.floor(rand() * 300));
  record.genius_annotation = rand() < 0.4 ? text(60 + Math.floor(rand() * 60)) : '';
  record.qna = rand() < 0.2 ? [{ question: `Who produced ${String(record.title)}?`, answer: text(8) }] : [];
}
