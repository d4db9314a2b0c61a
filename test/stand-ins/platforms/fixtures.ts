/**
 * Responses shaped as each platform documents them (docs/operations.md, "Links from every platform", lists the sources):
 * iTunes Search API lookup, Deezer /track/{id}, oEmbed 1.0 from YouTube, Spotify,
 * SoundCloud and TIDAL, a Bandcamp track page's head. Values are invented but realistic.
 */

export const ITUNES_TRACKS: Record<string, { country: string; body: object }> = {
  '1440857786': {
    country: 'gb',
    body: {
      resultCount: 1,
      results: [
        {
          wrapperType: 'track',
          kind: 'song',
          artistId: 3296287,
          collectionId: 1440857781,
          trackId: 1440857786,
          artistName: 'Queen',
          collectionName: 'Bohemian Rhapsody (The Original Soundtrack)',
          trackName: 'Bohemian Rhapsody',
          collectionCensoredName: 'Bohemian Rhapsody (The Original Soundtrack)',
          trackCensoredName: 'Bohemian Rhapsody',
          artistViewUrl: 'https://music.apple.com/gb/artist/queen/3296287?uo=4',
          trackViewUrl: 'https://music.apple.com/gb/album/bohemian-rhapsody/1440857781?i=1440857786&uo=4',
          previewUrl: 'https://audio-ssl.itunes.apple.com/preview.m4a',
          releaseDate: '1975-10-31T12:00:00Z',
          collectionExplicitness: 'notExplicit',
          trackExplicitness: 'notExplicit',
          discCount: 1,
          discNumber: 1,
          trackCount: 22,
          trackNumber: 11,
          trackTimeMillis: 354947,
          country: 'GBR',
          currency: 'GBP',
          primaryGenreName: 'Rock',
          isStreamable: true,
        },
      ],
    },
  },
};

export const ITUNES_EMPTY = { resultCount: 0, results: [] };

export const DEEZER_TRACKS: Record<string, object> = {
  '3135556': {
    id: 3135556,
    readable: true,
    title: 'Harder, Better, Faster, Stronger',
    title_short: 'Harder, Better, Faster, Stronger',
    title_version: '',
    isrc: 'GBDUW0000059',
    link: 'https://www.deezer.com/track/3135556',
    share: 'https://www.deezer.com/track/3135556?utm_source=deezer',
    duration: 224,
    track_position: 4,
    disk_number: 1,
    rank: 956167,
    release_date: '2001-03-07',
    explicit_lyrics: false,
    explicit_content_lyrics: 0,
    explicit_content_cover: 0,
    preview: 'https://cdns-preview-d.dzcdn.net/stream/preview.mp3',
    bpm: 123.4,
    gain: -12.4,
    available_countries: ['FR', 'GB', 'US'],
    contributors: [{ id: 27, name: 'Daft Punk', type: 'artist', role: 'Main' }],
    md5_image: '2e018122cb56986277102d2041a592c8',
    artist: { id: 27, name: 'Daft Punk', link: 'https://www.deezer.com/artist/27', type: 'artist' },
    album: { id: 302127, title: 'Discovery', link: 'https://www.deezer.com/album/302127', release_date: '2001-03-07', type: 'album' },
    type: 'track',
  },
};

export const DEEZER_NO_DATA = { error: { type: 'DataException', message: 'no data', code: 800 } };

function oembed(provider: string, providerUrl: string, title: string, author: string | undefined, type = 'rich'): object {
  return {
    version: '1.0',
    type,
    provider_name: provider,
    provider_url: providerUrl,
    title,
    ...(author === undefined ? {} : { author_name: author, author_url: `${providerUrl}/${author.replace(/\W/g, '')}` }),
    height: 152,
    width: 456,
    thumbnail_url: `${providerUrl}/thumb.jpg`,
    thumbnail_width: 300,
    thumbnail_height: 300,
    html: '<iframe width="456" height="152" src="https://example.invalid/embed"></iframe>',
  };
}

/** Keyed by the `url` parameter the resolver sends. */
export const OEMBEDS: Record<string, object> = {
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ': oembed(
    'YouTube',
    'https://www.youtube.com/',
    'Rick Astley - Never Gonna Give You Up (Official Music Video)',
    'Rick Astley',
    'video',
  ),
  'https://www.youtube.com/watch?v=fJ9rUzIMcZQ': oembed(
    'YouTube',
    'https://www.youtube.com/',
    'Bohemian Rhapsody',
    'Queen - Topic',
    'video',
  ),
  'https://open.spotify.com/track/4u7EnebtmKWzUH433cf5Qv': oembed(
    'Spotify',
    'https://spotify.com',
    'Bohemian Rhapsody - Remastered 2011',
    undefined,
  ),
  'https://open.spotify.com/track/0DiWol3AO6WpXZgp0goxAV': oembed('Spotify', 'https://spotify.com', 'One More Time', undefined),
  'https://soundcloud.com/forss/flickermood': oembed('Soundcloud', 'https://soundcloud.com', 'Flickermood by Forss', 'Forss'),
  'https://tidal.com/browse/track/77646169': oembed('TIDAL', 'https://tidal.com', 'Get Lucky', 'Daft Punk'),
  // An answer naming no artist: the resolver then reads the track page.
  'https://tidal.com/browse/track/99999901': oembed('TIDAL', 'https://tidal.com', 'Around the World', undefined),
};

export const BANDCAMP_PAGES: Record<string, string> = {
  '/track/the-river-song': `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>The River Song | Lena &amp; The Tides</title>
<meta property="og:title" content="The River Song, by Lena &amp; The Tides">
<meta property="og:type" content="song">
<meta property="og:site_name" content="Lena &amp; The Tides">
<meta property="og:url" content="https://lenatides.bandcamp.com/track/the-river-song">
<meta name="bc-page-properties" content="{&quot;item_type&quot;:&quot;t&quot;,&quot;item_id&quot;:1430856019}">
<script type="application/ld+json">
{"@type":"MusicRecording","@id":"https://lenatides.bandcamp.com/track/the-river-song","name":"The River Song","byArtist":{"@type":"MusicGroup","name":"Lena & The Tides"},"inAlbum":{"@type":"MusicAlbum","name":"Low Water"},"duration":"P00H03M41S","@context":"https://schema.org"}
</script>
</head><body><div id="trackInfo"></div></body></html>`,
  '/track/og-only': `<html><head><meta property="og:title" content="Quiet Hours, by Northern Sleep"></head><body></body></html>`,
};

/** TIDAL track pages by path: their title reads "Title by Artist on TIDAL". */
export const TIDAL_PAGES: Record<string, string> = {
  '/browse/track/99999901': `<!DOCTYPE html><html><head><title>Around the World by Daft Punk on TIDAL</title>
<meta property="og:title" content="Around the World by Daft Punk on TIDAL">
<meta property="og:type" content="music.song"></head><body><div id="wimp"></div></body></html>`,
};

/** Spotify track pages by path: og:title is the name, <title> names the artists. */
export const SPOTIFY_PAGES: Record<string, string> = {
  '/track/4u7EnebtmKWzUH433cf5Qv': `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>
<title>Bohemian Rhapsody - Remastered 2011 - song and lyrics by Queen | Spotify</title>
<meta property="og:site_name" content="Spotify"/><meta property="og:title" content="Bohemian Rhapsody - Remastered 2011"/>
<meta property="og:description" content="Queen · A Night At The Opera (2011 Remaster) · Song · 1975"/>
<meta property="og:type" content="music.song"/><meta name="music:duration" content="354"/>
</head><body><div id="main"></div></body></html>`,
};
