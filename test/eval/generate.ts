/**
 * Writes the evaluation's fixtures in the publishers' file layouts
 * (`npx tsx test/eval/generate.ts`): LAION-DISCO-12M's parquet shard, Spotify Tracks'
 * dataset.csv, FMA's tracks.csv (three header rows) with raw_tracks.csv, and
 * Sleeping-DISCO-9M's per-letter JSON Lines. Deterministic: the committed files change
 * only when the catalogue does.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeLaionParquet } from '../../sample-data/laion-parquet.js';
import { fmaRawTracksCsv, fmaTracksCsv, SPOTIFY_HEADER, type FmaTrack } from '../../sample-data/csv-layouts.js';
import { spotifyLine } from '../../sample-data/generate.js';
import { FMA, LAION, SLEEPING, SPOTIFY } from './catalogue.js';

export const EVAL_FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));

function write(): void {
  rmSync(EVAL_FIXTURES, { recursive: true, force: true });
  for (const d of ['laion', 'spotify', 'fma', 'sleeping']) mkdirSync(`${EVAL_FIXTURES}${d}`, { recursive: true });

  writeLaionParquet(
    `${EVAL_FIXTURES}laion/train-00000-of-00001.parquet`,
    LAION.map((r, i) => ({
      song_id: r.song_id,
      title: r.title,
      artist_names: r.artist_names,
      artist_ids: r.artist_names === null ? null : r.artist_names.map((_, j) => `UC${String(i * 10 + j).padStart(22, 'x')}`),
      album_name: r.album_name === '' ? null : r.album_name,
      album_id: `MPREb_${String(i).padStart(11, '0')}`,
      isExplicit: false,
      views: `${(i % 9) + 1}M plays`,
      duration: 180 + i,
    })),
  );

  const lines = [SPOTIFY_HEADER.join(',')];
  let index = 0;
  for (const r of SPOTIFY) {
    for (const genre of r.genres) {
      lines.push(
        spotifyLine(
          index++,
          { spotify: r.track_id, artists: r.artists.split(';'), album: r.album_name, title: r.track_name, duration: 200 + index },
          genre,
        ),
      );
    }
  }
  writeFileSync(`${EVAL_FIXTURES}spotify/dataset.csv`, `${lines.join('\n')}\n`);

  const tracks: FmaTrack[] = FMA.map((r) => ({
    id: r.track_id,
    title: r.title,
    artist: r.artist,
    album: r.album,
    genre: 'Experimental',
    duration: 150 + (r.track_id % 60),
    url: r.url,
  }));
  writeFileSync(`${EVAL_FIXTURES}fma/tracks.csv`, fmaTracksCsv(tracks));
  writeFileSync(`${EVAL_FIXTURES}fma/raw_tracks.csv`, fmaRawTracksCsv(tracks));

  const byLetter = new Map<string, string[]>();
  for (const r of SLEEPING) {
    const first = r.title[0]?.toLowerCase() ?? '_';
    const letter = /[a-z]/.test(first) ? first : '_';
    // Genius writes page paths with the first letter capital: /Rick-astley-never-gonna-give-you-up-lyrics.
    const lower = `${r.primary_artist}-${r.title}`.replace(/\W+/g, '-').toLowerCase();
    const slug = `${lower.charAt(0).toUpperCase()}${lower.slice(1)}`;
    const row = {
      song_id: r.song_id,
      title: r.title,
      song_url: `https://genius.com/${slug}-lyrics`,
      primary_artist: r.primary_artist,
      artist_url: `https://genius.com/artists/${r.primary_artist.replace(/\W+/g, '-')}`,
      featured_artists: r.featured_artists,
      album_name: r.album_name,
      album_url: `https://genius.com/albums/${r.album_name.replace(/\W+/g, '-')}`,
      album_release_date: '2020-01-01',
      tags: ['Pop'],
      lyricists: [r.primary_artist],
      lyrics: '',
      genius_annotation: '',
      qna: [],
      language: r.language,
      youtube_links: r.youtube_links,
    };
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), JSON.stringify(row)]);
  }
  for (const [letter, rows] of byLetter) writeFileSync(`${EVAL_FIXTURES}sleeping/${letter}.jsonl`, `${rows.join('\n')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  write();
  console.log('evaluation fixtures written to', EVAL_FIXTURES);
}
