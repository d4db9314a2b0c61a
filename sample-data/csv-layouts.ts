/**
 * The FMA's and Spotify Tracks' CSV layouts (FMA's three header rows and raw_tracks.csv,
 * Spotify's header), apart from generate.ts because they draw no random numbers: the eval and
 * index-builder fixture generators write their files with them, and importing them should not
 * run the sample's seeded sequence. spotifyLine stays in generate.ts, as its values are draws.
 */
const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const csvLine = (cells: (string | number)[]): string => cells.map(csvCell).join(',');

const FMA_GROUPS: [string, string[]][] = [
  [
    'album',
    [
      'comments',
      'date_created',
      'date_released',
      'engineer',
      'favorites',
      'id',
      'information',
      'listens',
      'producer',
      'tags',
      'title',
      'tracks',
      'type',
    ],
  ],
  [
    'artist',
    [
      'active_year_begin',
      'active_year_end',
      'associated_labels',
      'bio',
      'comments',
      'date_created',
      'favorites',
      'id',
      'latitude',
      'location',
      'longitude',
      'members',
      'name',
      'related_projects',
      'tags',
      'website',
      'wikipedia_page',
    ],
  ],
  ['set', ['split', 'subset']],
  [
    'track',
    [
      'bit_rate',
      'comments',
      'composer',
      'date_created',
      'date_recorded',
      'duration',
      'favorites',
      'genre_top',
      'genres',
      'genres_all',
      'information',
      'interest',
      'language_code',
      'license',
      'listens',
      'lyricist',
      'number',
      'publisher',
      'tags',
      'title',
    ],
  ],
];
export const FMA_COLUMNS = FMA_GROUPS.flatMap(([g, fields]) => fields.map((f) => `${g}.${f}`));

export interface FmaTrack {
  id: number;
  title: string;
  artist: string;
  album: string;
  genre: string;
  duration: number;
  url?: string;
}

/** tracks.csv as the FMA publishes it: group row, field row, `track_id` row, then data. */
export function fmaTracksCsv(tracks: readonly FmaTrack[]): string {
  const lines = [
    csvLine(['', ...FMA_GROUPS.flatMap(([g, fields]) => fields.map(() => g))]),
    csvLine(['', ...FMA_GROUPS.flatMap(([, fields]) => fields)]),
    csvLine(['track_id', ...FMA_COLUMNS.map(() => '')]),
  ];
  for (const t of tracks) {
    const values: Record<string, string | number> = {
      'album.title': t.album,
      'album.tracks': 7,
      'album.type': 'Album',
      'artist.name': t.artist,
      'set.split': 'training',
      'set.subset': 'small',
      'track.bit_rate': 256000,
      'track.date_created': '2008-11-26 01:48:12',
      'track.duration': t.duration,
      'track.genre_top': t.genre,
      'track.genres': '[21]',
      'track.genres_all': '[21]',
      'track.license': 'Attribution-NonCommercial-ShareAlike 3.0 International',
      'track.listens': 1293,
      'track.number': 3,
      'track.tags': '[]',
      'track.title': t.title,
    };
    lines.push(csvLine([t.id, ...FMA_COLUMNS.map((c) => values[c] ?? '')]));
  }
  return `${lines.join('\n')}\n`;
}

export function fmaRawTracksCsv(tracks: readonly FmaTrack[]): string {
  const header = ['track_id', 'album_id', 'album_title', 'artist_id', 'artist_name', 'track_duration', 'track_title', 'track_url'];
  const lines = [csvLine(header)];
  for (const t of tracks) {
    const mm = `${String(Math.floor(t.duration / 60)).padStart(2, '0')}:${String(t.duration % 60).padStart(2, '0')}`;
    lines.push(csvLine([t.id, 1, t.album, 1, t.artist, mm, t.title, t.url ?? '']));
  }
  return `${lines.join('\n')}\n`;
}

export const SPOTIFY_HEADER = [
  '',
  'track_id',
  'artists',
  'album_name',
  'track_name',
  'popularity',
  'duration_ms',
  'explicit',
  'danceability',
  'energy',
  'key',
  'loudness',
  'mode',
  'speechiness',
  'acousticness',
  'instrumentalness',
  'liveness',
  'valence',
  'tempo',
  'time_signature',
  'track_genre',
];
