/**
 * Release listings shaped as each platform serves them (the README, "Links from every platform",
 * lists the sources): iTunes lookup with entity=song (the collection first, then its songs),
 * Deezer /album|playlist/{id}/tracks and the release object, a Bandcamp album page's JSON-LD
 * MusicAlbum, Spotify album and playlist pages' Open Graph music:song tags, artist objects.
 * Names are real releases; ids, counts and prices are illustrative.
 */

const itunesSong = (n: number, name: string, artist = 'Nirvana') => ({
  wrapperType: 'track',
  kind: 'song',
  artistId: 112018,
  collectionId: 1440783617,
  trackId: 1440783620 + n,
  artistName: artist,
  collectionName: 'Nevermind (Remastered)',
  trackName: name,
  trackCensoredName: name,
  trackViewUrl: `https://music.apple.com/us/album/x/1440783617?i=${1440783620 + n}&uo=4`,
  discCount: 1,
  discNumber: 1,
  trackCount: 3,
  trackNumber: n,
  trackTimeMillis: 240000,
  country: 'USA',
  currency: 'USD',
  primaryGenreName: 'Alternative',
});

export const ITUNES_ALBUM = {
  resultCount: 4,
  results: [
    {
      wrapperType: 'collection',
      collectionType: 'Album',
      artistId: 112018,
      collectionId: 1440783617,
      artistName: 'Nirvana',
      collectionName: 'Nevermind (Remastered)',
      collectionCensoredName: 'Nevermind (Remastered)',
      collectionViewUrl: 'https://music.apple.com/us/album/nevermind-remastered/1440783617?uo=4',
      trackCount: 3,
      copyright: '℗ 1991 Geffen Records',
      country: 'USA',
      currency: 'USD',
      releaseDate: '1991-09-24T07:00:00Z',
      primaryGenreName: 'Alternative',
    },
    itunesSong(1, 'Smells Like Teen Spirit'),
    itunesSong(2, 'In Bloom'),
    itunesSong(3, 'Come As You Are'),
  ],
};

/** An album longer than the bot checks in one message. */
export const ITUNES_LONG_ALBUM = {
  resultCount: 31,
  results: [
    { ...ITUNES_ALBUM.results[0], collectionId: 1500000000, artistName: 'Long Player', collectionName: 'Thirty Songs', trackCount: 30 },
    ...Array.from({ length: 30 }, (_, i) => ({ ...itunesSong(i + 1, `Song ${i + 1}`, 'Long Player'), collectionName: 'Thirty Songs' })),
  ],
};

export const ITUNES_ARTIST = {
  resultCount: 1,
  results: [
    {
      wrapperType: 'artist',
      artistType: 'Artist',
      artistName: 'Nirvana',
      artistLinkUrl: 'https://music.apple.com/us/artist/nirvana/112018?uo=4',
      artistId: 112018,
      primaryGenreName: 'Alternative',
    },
  ],
};

const deezerTrack = (id: number, title: string, artist = 'Nirvana') => ({
  id,
  readable: true,
  title,
  title_short: title,
  isrc: `USGF1910${String(id).slice(-4)}`,
  link: `https://www.deezer.com/track/${id}`,
  duration: 301,
  track_position: 1,
  disk_number: 1,
  rank: 900000,
  explicit_lyrics: false,
  preview: `https://cdnt-preview.dzcdn.net/${id}.mp3`,
  artist: { id: 415, name: artist, tracklist: 'https://api.deezer.com/artist/415/top?limit=50', type: 'artist' },
  type: 'track',
});

export const DEEZER_ALBUM_TRACKS = {
  data: [deezerTrack(3135553, 'Smells Like Teen Spirit'), deezerTrack(3135554, 'In Bloom'), deezerTrack(3135556, 'Come As You Are')],
  total: 3,
};

export const DEEZER_ALBUM = {
  id: 302127,
  title: 'Nevermind (Remastered)',
  upc: '00602527779035',
  link: 'https://www.deezer.com/album/302127',
  nb_tracks: 3,
  record_type: 'album',
  artist: { id: 415, name: 'Nirvana', type: 'artist' },
  type: 'album',
};

export const DEEZER_PLAYLIST_TRACKS = {
  data: [
    { ...deezerTrack(3135553, 'Smells Like Teen Spirit'), album: { id: 302127, title: 'Nevermind', type: 'album' } },
    {
      ...deezerTrack(916424, 'Never Gonna Give You Up', 'Rick Astley'),
      album: { id: 1, title: 'Whenever You Need Somebody', type: 'album' },
    },
  ],
  total: 2,
};

export const DEEZER_PLAYLIST = {
  id: 908622995,
  title: 'Grunge and more',
  public: true,
  nb_tracks: 2,
  creator: { id: 1, name: 'someone', type: 'user' },
  type: 'playlist',
};

export const DEEZER_ARTIST = {
  id: 415,
  name: 'Nirvana',
  link: 'https://www.deezer.com/artist/415',
  nb_album: 40,
  nb_fan: 9000000,
  type: 'artist',
};

const ld = (value: object): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

export const BANDCAMP_ALBUM_PAGE = `<!DOCTYPE html><html><head>
<meta property="og:title" content="Mental Sketch Schizoid-III, by Go-qualia">
<meta property="og:type" content="album">
<meta property="og:site_name" content="Go-qualia">
${ld({
  '@type': 'MusicAlbum',
  '@id': 'https://go-qualia.bandcamp.com/album/mental-sketch-schizoid-iii',
  name: 'Mental Sketch Schizoid-III',
  byArtist: { '@type': 'MusicGroup', name: 'Go-qualia', '@id': 'https://go-qualia.bandcamp.com' },
  numTracks: 3,
  track: {
    '@type': 'ItemList',
    numberOfItems: 3,
    itemListElement: ['Asynchronous', 'Bergkatze', 'Chrome Heart'].map((name, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      item: {
        '@type': 'MusicRecording',
        '@id': `https://go-qualia.bandcamp.com/track/${name.toLowerCase()}`,
        name,
        duration: 'P00H04M30S',
      },
    })),
  },
})}
</head><body></body></html>`;

export const BANDCAMP_ARTIST_PAGE = `<!DOCTYPE html><html><head>
<meta property="og:title" content="Go-qualia">
<meta property="og:site_name" content="Go-qualia">
</head><body></body></html>`;

const spotifySongs = (ids: readonly string[]): string =>
  ids.map((id) => `<meta property="music:song" content="https://open.spotify.com/track/${id}"/>`).join('\n');

export const SPOTIFY_ALBUM_PAGE = `<!DOCTYPE html><html><head>
<title>Nevermind (Remastered) - Album by Nirvana | Spotify</title>
<meta property="og:title" content="Nevermind (Remastered)"/>
<meta property="og:type" content="music.album"/>
<meta property="music:musician" content="https://open.spotify.com/artist/6olE6TJLqED3rqDCT0FyPh"/>
<meta property="music:song_count" content="3"/>
${spotifySongs(['5ghIJDpPoe3CfHMGu71E6T', '3yfqSUWxFvZELEM4PmlwIR', '2RsAajgo0g7bMCHxwH3Sk0'])}
</head><body></body></html>`;

export const SPOTIFY_PLAYLIST_PAGE = `<!DOCTYPE html><html><head>
<meta property="og:title" content="Grunge Forever"/>
<meta property="og:type" content="music.playlist"/>
<meta property="music:song_count" content="2"/>
${spotifySongs(['5ghIJDpPoe3CfHMGu71E6T', '4PTG3Z6ehGkBFwjybzWkR8'])}
</head><body></body></html>`;

export const SPOTIFY_ARTIST_PAGE = `<!DOCTYPE html><html><head>
<meta property="og:title" content="Nirvana"/>
<meta property="og:type" content="profile"/>
</head><body></body></html>`;
