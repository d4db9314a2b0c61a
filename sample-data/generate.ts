/**
 * Regenerates the bundled sample (`npx tsx sample-data/generate.ts`): a few hundred rows in
 * the four datasets' published layouts. Deterministic, so the committed files only change
 * when this script does.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geniusSlug as slugOf } from '../index-builder/mapping-values.js';
import { writeLaionParquet, type LaionRow } from './laion-parquet.js';
import { csvLine, fmaRawTracksCsv, fmaTracksCsv, SPOTIFY_HEADER, type FmaTrack } from './csv-layouts.js';
import { SONGS, type Song } from './songs.js';

const root = fileURLToPath(new URL('.', import.meta.url));
let seed = 20260611;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const idOf = (alphabet: string, n: number): string => Array.from({ length: n }, () => pick([...alphabet])).join('');
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ytId = (): string => idOf(`${B62}_-`, 11);
const spId = (): string => idOf(B62, 22);

const WORDS = [
  'Midnight',
  'River',
  'Golden',
  'Echo',
  'Paper',
  'Summer',
  'Neon',
  'Heart',
  'Ocean',
  'Static',
  'Velvet',
  'Northern',
  'Glass',
  'Fire',
  'Quiet',
  'Wild',
  'Silver',
  'Electric',
  'Lonely',
  'Morning',
];
const NOUNS = [
  'Lights',
  'Road',
  'Dreams',
  'Skies',
  'Rain',
  'City',
  'Song',
  'Waves',
  'Lines',
  'Garden',
  'Hearts',
  'Season',
  'Machine',
  'Letters',
];
const FIRST = ['Lena', 'Marco', 'Aiko', 'Tomás', 'Nadia', 'Owen', 'Priya', 'Jonas', 'Mila', 'Kwame', 'Sofia', 'Eli'];
const LAST = ['Hart', 'Moreau', 'Tanaka', 'Okafor', 'Lindqvist', 'Reyes', 'Novak', 'Byrne', 'Sato', 'Costa'];
const BANDS = ['The Paper Kites Club', 'Velvet Static', 'Northern Glass', 'Quiet Machines', 'Golden Hour Radio', 'Neon Garden'];

function generated(n: number): Song[] {
  return Array.from({ length: n }, () => {
    const title = `${pick(WORDS)} ${pick(NOUNS)}${random() < 0.15 ? ' (Live)' : random() < 0.1 ? ' - Remix' : ''}`;
    const artists =
      random() < 0.3
        ? [pick(BANDS)]
        : random() < 0.2
          ? [`${pick(FIRST)} ${pick(LAST)}`, `${pick(FIRST)} ${pick(LAST)}`]
          : [`${pick(FIRST)} ${pick(LAST)}`];
    return { title, artists, album: `${pick(WORDS)} ${pick(NOUNS)}`, duration: 120 + Math.floor(random() * 240), in: [] };
  });
}

// Ids are fixed per song so the same song carries the same YouTube id in LAION and Sleeping-DISCO.
const catalogue = SONGS.map((s) => ({ ...s, youtube: s.youtube ?? ytId(), spotify: s.spotify ?? spId() }));

function laion(): void {
  const songs = [
    ...catalogue.filter((s) => s.in.includes('laion')),
    ...generated(110).map((s) => ({ ...s, youtube: ytId(), spotify: spId() })),
  ];
  const rows: LaionRow[] = songs.map((s) => ({
    song_id: s.youtube,
    title: s.title,
    artist_names: s.artists,
    artist_ids: s.artists.map(() => `UC${idOf(`${B62}_-`, 22)}`),
    album_name: s.album ?? null,
    album_id: `MPREb_${idOf(B62, 11)}`,
    isExplicit: random() < 0.1,
    views: `${1 + Math.floor(random() * 900)}${pick(['K', 'M'])} plays`,
    duration: s.duration,
  }));
  mkdirSync(`${root}/laion-disco-12m`, { recursive: true });
  writeLaionParquet(`${root}/laion-disco-12m/train-00000-of-00001.parquet`, rows);
}

/** Genius's slug for a name, first letter capital as Genius writes its page paths. */
function geniusSlug(name: string): string {
  const slug = slugOf(name);
  return `${slug.charAt(0).toUpperCase()}${slug.slice(1)}`;
}

/** A title as Genius writes it: featured artists in their own list, no remaster label. */
const geniusTitle = (title: string): string => title.replace(/\s*\((?:feat|ft)\.[^)]*\)/i, '').replace(/ - Remastered \d{4}$/, '');

/** Genius's page path for a song: primary artist then title, `-lyrics`. */
function geniusPath(s: Song): string {
  return s.genius ?? `${geniusSlug(`${s.artists[0] ?? ''} ${geniusTitle(s.title)}`)}-lyrics`;
}

/** Genius-only songs of the Sleeping-DISCO sample (not in the shared catalogue, whose ids would shift). */
const GENIUS_ONLY: Song[] = [
  // One credit with a comma in it: Genius's primary_artist is ONE name, never split.
  { title: 'See You Again', artists: ['Tyler, The Creator', 'Kali Uchis'], album: 'Flower Boy', duration: 180, in: ['sleeping'] },
  // Id and page path as Genius's API gives them (api_path /songs/3039923, path /Kendrick-lamar-humble-lyrics).
  { title: 'HUMBLE.', artists: ['Kendrick Lamar'], album: 'DAMN.', duration: 177, in: ['sleeping'], geniusId: 3039923 },
];

/**
 * Sleeping-DISCO-9M as its author's scripts read it: one JSON object per line, in one file
 * per initial letter (here the Genius page path's, so every row lands in a–z), with the
 * Genius song id as row key, one primary artist plus a list of featured ones, and 0..n
 * YouTube links. Lyrics and annotations are placeholders, not copied text.
 */
function sleeping(): void {
  const songs = [
    ...catalogue.filter((s) => s.in.includes('sleeping')),
    ...generated(60).map((s) => ({ ...s, youtube: ytId(), spotify: spId() })),
  ];
  // Its own random numbers: the shared sequence (and so the other datasets' files) stays as it was.
  let local = 99;
  const next = (): number => {
    local = (local * 1103515245 + 12345) % 2147483648;
    return local / 2147483648;
  };
  const localYt = (): string => Array.from({ length: 11 }, () => `${B62}_-`[Math.floor(next() * 64)]).join('');
  const files = new Map<string, string[]>();
  const rows: Song[] = [...songs, ...GENIUS_ONLY];
  rows.forEach((s, i) => {
    // Two draws per catalogue song, as this function always took from the shared sequence.
    const draw = i < songs.length ? random : next;
    const songId = s.geniusId ?? 1_000_000 + Math.floor(draw() * 9_000_000);
    const year = 1960 + Math.floor(draw() * 64);
    const path = geniusPath(s);
    const generatedSong = s.youtube !== undefined && !SONGS.some((x) => x.title === s.title);
    // 0, 1 or 2 YouTube links: some generated songs have none, a few songs two.
    const links = s.youtube === undefined || (generatedSong && i % 4 === 0) ? [] : [s.youtube];
    if (links.length > 0 && (s.title === 'Never Gonna Give You Up' || (generatedSong && i % 5 === 1))) links.push(localYt());
    const [primary = '', ...featured] = s.artists;
    const line = JSON.stringify({
      song_id: songId,
      title: geniusTitle(s.title),
      song_url: `https://genius.com/${path}`,
      primary_artist: primary,
      artist_url: `https://genius.com/artists/${geniusSlug(primary) || encodeURIComponent(primary)}`,
      featured_artists: featured,
      album_name: s.album ?? null,
      album_url: s.album === undefined ? null : `https://genius.com/albums/${encodeURIComponent(primary)}/${encodeURIComponent(s.album)}`,
      album_release_date: `${year}-01-01`,
      tags: [['Pop', 'Rock', 'Rap', 'R&B', 'Electronic'][Math.floor(next() * 5)] ?? 'Pop'],
      lyricists: [primary],
      lyrics: '(lyrics not included in this sample)',
      genius_annotation: '',
      qna: [],
      language: /^[ -~]*$/.test(s.title) ? 'en' : 'other',
      youtube_links: links.map((id) => `https://www.youtube.com/watch?v=${id}`),
    });
    const letter = path[0]?.toLowerCase() ?? 'a';
    files.set(letter, [...(files.get(letter) ?? []), line]);
  });
  rmSync(`${root}/sleeping-disco-9m`, { recursive: true, force: true });
  mkdirSync(`${root}/sleeping-disco-9m`, { recursive: true });
  for (const [letter, lines] of [...files].sort()) writeFileSync(`${root}/sleeping-disco-9m/${letter}.jsonl`, `${lines.join('\n')}\n`);
}

function fma(): void {
  const real: FmaTrack[] = [
    {
      id: 2,
      title: 'Food',
      artist: 'AWOL',
      album: 'AWOL - A Way Of Life',
      genre: 'Hip-Hop',
      duration: 168,
      url: 'http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food',
    },
    {
      id: 3,
      title: 'Electric Ave',
      artist: 'AWOL',
      album: 'AWOL - A Way Of Life',
      genre: 'Hip-Hop',
      duration: 237,
      url: 'http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Electric_Ave',
    },
    {
      id: 5,
      title: 'This World',
      artist: 'AWOL',
      album: 'AWOL - A Way Of Life',
      genre: 'Hip-Hop',
      duration: 206,
      url: 'http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/This_World',
    },
    {
      id: 10,
      title: 'Freeway',
      artist: 'Kurt Vile',
      album: 'Constant Hitmaker',
      genre: 'Pop',
      duration: 161,
      url: 'http://freemusicarchive.org/music/Kurt_Vile/Constant_Hitmaker/Freeway',
    },
  ];
  const genres = ['Rock', 'Electronic', 'Experimental', 'Hip-Hop', 'Folk', 'Instrumental', 'Pop', 'International'];
  const made = generated(45).map((s, i): FmaTrack => {
    const artist = s.artists[0] ?? 'Unknown';
    const album = s.album ?? 'Untitled';
    const url = `http://freemusicarchive.org/music/${artist.replace(/\W+/g, '_')}/${album.replace(/\W+/g, '_')}/${s.title.replace(/\W+/g, '_')}`;
    return { id: 100 + i * 7, title: s.title, artist, album, genre: pick(genres), duration: s.duration, url };
  });
  // A song also listed elsewhere in the sample, so a demo shows FMA among other datasets.
  made.push({ id: 1052, title: 'Take On Me', artist: 'a-ha', album: 'Hunting High and Low', genre: 'Pop', duration: 225 });
  const tracks = [...real, ...made];
  mkdirSync(`${root}/fma`, { recursive: true });
  writeFileSync(`${root}/fma/tracks.csv`, fmaTracksCsv(tracks));
  writeFileSync(`${root}/fma/raw_tracks.csv`, fmaRawTracksCsv(tracks));
}

export function spotifyLine(
  index: number,
  s: { spotify: string; artists: string[]; album?: string | undefined; title: string; duration: number },
  genre: string,
): string {
  const f = (): string => random().toFixed(3);
  return csvLine([
    index,
    s.spotify,
    s.artists.join(';'),
    s.album ?? '',
    s.title,
    Math.floor(random() * 100),
    s.duration * 1000,
    random() < 0.1 ? 'True' : 'False',
    f(),
    f(),
    Math.floor(random() * 12),
    (-20 + random() * 18).toFixed(3),
    random() < 0.6 ? 1 : 0,
    f(),
    f(),
    f(),
    f(),
    f(),
    (70 + random() * 100).toFixed(3),
    4,
    genre,
  ]);
}

function spotify(): void {
  const genres = ['acoustic', 'pop', 'rock', 'dance', 'j-pop', 'k-pop', 'indie', 'latin', 'world-music'];
  const songs = [...catalogue.filter((s) => s.in.includes('spotify')), ...generated(50).map((s) => ({ ...s, spotify: spId() }))];
  const lines = [csvLine(SPOTIFY_HEADER)];
  let index = 0;
  for (const s of songs) {
    lines.push(spotifyLine(index++, s, pick(genres)));
    // The published file lists a track once per genre: the same track_id on several rows.
    if (s.title === 'Never Gonna Give You Up' || s.title === 'Comedy' || random() < 0.12) lines.push(spotifyLine(index++, s, pick(genres)));
  }
  mkdirSync(`${root}/spotify-tracks`, { recursive: true });
  writeFileSync(`${root}/spotify-tracks/dataset.csv`, `${lines.join('\n')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  laion();
  sleeping();
  fma();
  spotify();
  console.log('sample data written to', root);
}
