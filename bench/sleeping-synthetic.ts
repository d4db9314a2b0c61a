/**
 * Synthetic rows in Sleeping-DISCO-9M's published layout (one JSON object per line, the
 * fields its first author's analysis scripts read: docs/index-builder.md, "Datasets are descriptors"), with
 * the sizes that make the builder's work real: lyrics of a few KB, annotations, Q&A. Titles,
 * artists and ids come from the same Zipf pseudo-word generator as the LAION rows, so token
 * variety (what costs Typesense RAM) is comparable.
 *
 * YouTube links per row are an assumption (no count is published): 20% none, 60% one, 20% two.
 */
import { geniusSlug } from '../index-builder/mapping-values.js';
import { rng, word, youtubeId, zipf } from './synthetic.js';

const LANGUAGES = ['en', 'en', 'en', 'es', 'fr', 'de', 'pt', 'ko', 'ja'];
const TAGS = ['Pop', 'Rap', 'Rock', 'R&B', 'Country', 'Electronic', 'Latin', 'K-Pop', 'Indie'];

/** Genius's page path for a song: the primary artist and title as one slug, `-lyrics`. */
export function geniusPath(artist: string, title: string): string {
  const slug = geniusSlug(`${artist} ${title}`);
  return `${slug.charAt(0).toUpperCase()}${slug.slice(1)}-lyrics`;
}

function text(rand: () => number, words: number, vocabulary: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(word(zipf(rand, vocabulary)));
  return out.join(' ');
}

export interface SleepingRecord {
  song_id: number;
  title: string;
  song_url: string;
  primary_artist: string;
  artist_url: string;
  featured_artists: string[];
  album_name: string | null;
  album_url: string | null;
  album_release_date: string | null;
  tags: string[];
  lyricists: string[];
  lyrics: string;
  genius_annotation: string;
  qna: { question: string; answer: string }[];
  language: string;
  youtube_links: string[];
}

/** `count` records from `seed`; song ids are unique within one call. */
export function* sleepingRecords(count: number, seed: number): Generator<SleepingRecord> {
  const rand = rng(seed);
  const vocabulary = 200_000;
  const artists = Math.max(1000, Math.floor(count / 50));
  for (let i = 0; i < count; i++) {
    const a = zipf(rand, artists);
    const primary = `${word(a)} ${word(a * 31 + 5)}`;
    const title = text(rand, 1 + Math.floor(rand() * 5), vocabulary);
    const featured = rand() < 0.3 ? [`${word(a + 3)} ${word(a * 7)}`] : [];
    const r = rand();
    const links = r < 0.2 ? 0 : r < 0.8 ? 1 : 2;
    const path = geniusPath(primary, title);
    yield {
      song_id: seed * 10_000_000 + i + 1,
      title,
      song_url: `https://genius.com/${path}`,
      primary_artist: primary,
      artist_url: `https://genius.com/artists/${primary.replace(/ /g, '-')}`,
      featured_artists: featured,
      album_name: rand() < 0.7 ? text(rand, 2, vocabulary) : null,
      album_url: null,
      album_release_date:
        rand() < 0.6 ? `${1960 + Math.floor(rand() * 65)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}` : null,
      tags: [TAGS[Math.floor(rand() * TAGS.length)] ?? 'Pop'],
      lyricists: [primary],
      lyrics: text(rand, 250 + Math.floor(rand() * 300), 20_000),
      genius_annotation: rand() < 0.4 ? text(rand, 60 + Math.floor(rand() * 60), 20_000) : '',
      qna: rand() < 0.2 ? [{ question: `Who produced ${title}?`, answer: text(rand, 8, 20_000) }] : [],
      language: LANGUAGES[Math.floor(rand() * LANGUAGES.length)] ?? 'en',
      youtube_links: Array.from({ length: links }, () => `https://www.youtube.com/watch?v=${youtubeId(rand)}`),
    };
  }
}
