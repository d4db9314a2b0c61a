/**
 * Pure readers of each platform's documented response shape. They return a value, or
 * undefined when the body is not the shape we expect (never throw): a changed API
 * degrades to "couldn't read this link's details", not to a crash.
 */

export interface Metadata {
  title: string;
  artist?: string | undefined;
  album?: string | undefined;
  isrc?: string | undefined;
}

export type Parsed = { found: true; metadata: Metadata } | { found: false };

export type Json = Record<string, unknown>;

export function parseJson(body: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed.slice(0, 500);
}

export function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Json)[key] : undefined;
}

const ISRC = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/;

function isrcOf(value: unknown): string | undefined {
  const raw = text(value)?.replace(/-/g, '').toUpperCase();
  return raw !== undefined && ISRC.test(raw) ? raw : undefined;
}

/**
 * iTunes Search API lookup (`/lookup?id=…`): `{ resultCount, results: [{ wrapperType:
 * "track", kind: "song", trackId, trackName, artistName, collectionName }] }`. The API does
 * not document an ISRC; one is read only if a result carries it.
 */
export function parseItunesLookup(body: string, trackId: string): Parsed | undefined {
  const json = parseJson(body);
  const results = json?.results;
  if (!Array.isArray(results)) return undefined;
  const track =
    results.find((r) => field(r, 'wrapperType') === 'track' && String(field(r, 'trackId')) === trackId) ??
    results.find((r) => field(r, 'wrapperType') === 'track');
  if (track === undefined) return { found: false };
  const title = text(field(track, 'trackName'));
  if (title === undefined) return undefined;
  return {
    found: true,
    metadata: {
      title,
      artist: text(field(track, 'artistName')),
      album: text(field(track, 'collectionName')),
      isrc: isrcOf(field(track, 'isrc')),
    },
  };
}

export type DeezerParsed = Parsed | { found: 'quota' };

/**
 * Deezer `/track/{id}`: `{ id, title, isrc, artist: { name }, album: { title } }`; errors
 * come back with HTTP 200 as `{ error: { type, message, code } }` (800: no data, 4: quota).
 */
export function parseDeezerTrack(body: string): DeezerParsed | undefined {
  const json = parseJson(body);
  if (json === undefined) return undefined;
  const error = json.error;
  if (error !== undefined) {
    const code = field(error, 'code');
    if (code === 4) return { found: 'quota' };
    return code === 800 ? { found: false } : undefined;
  }
  const title = text(json.title);
  if (title === undefined) return undefined;
  return {
    found: true,
    metadata: { title, artist: text(field(json.artist, 'name')), album: text(field(json.album, 'title')), isrc: isrcOf(json.isrc) },
  };
}

export interface Oembed {
  title: string;
  authorName: string | undefined;
}

/** oEmbed 1.0 JSON: `title` and (optional) `author_name`. */
export function parseOembed(body: string): Oembed | undefined {
  const json = parseJson(body);
  const title = text(json?.title);
  if (title === undefined) return undefined;
  return { title, authorName: text(json?.author_name) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, code: string) => {
    if (code.startsWith('#')) {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** `<meta property|name|http-equiv="key" content="…">` values, found by a linear scan of the head. */
export function metaTags(html: string): Map<string, string> {
  const found = new Map<string, string>();
  const end = html.indexOf('</head>');
  const head = end === -1 ? html.slice(0, 300_000) : html.slice(0, end);
  let at = head.indexOf('<meta');
  while (at !== -1 && found.size < 200) {
    const close = head.indexOf('>', at);
    if (close === -1) break;
    const tag = head.slice(at, Math.min(close, at + 4000));
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([a-zA-Z:_-]{1,40})\s*=\s*"([^"]*)"/g)) attrs.set((m[1] ?? '').toLowerCase(), m[2] ?? '');
    const key = attrs.get('property') ?? attrs.get('name') ?? attrs.get('http-equiv')?.toLowerCase();
    const content = attrs.get('content');
    if (key !== undefined && content !== undefined && !found.has(key)) found.set(key, decodeEntities(content));
    at = head.indexOf('<meta', close);
  }
  return found;
}

export function jsonLdBlocks(html: string): Json[] {
  const blocks: Json[] = [];
  const opener = 'application/ld+json';
  let at = html.indexOf(opener);
  while (at !== -1 && blocks.length < 5) {
    const start = html.indexOf('>', at);
    const stop = start === -1 ? -1 : html.indexOf('</script>', start);
    if (stop === -1) break;
    const json = parseJson(html.slice(start + 1, stop));
    if (json !== undefined) blocks.push(json);
    at = html.indexOf(opener, stop);
  }
  return blocks;
}

/** The text of a page's <title>, if any (first 300 KB only). */
function titleTag(html: string): string | undefined {
  const head = html.slice(0, 300_000);
  const open = head.search(/<title[\s>]/i);
  if (open === -1) return undefined;
  const start = head.indexOf('>', open);
  const stop = head.indexOf('</title>', start);
  return start === -1 || stop === -1 ? undefined : decodeEntities(head.slice(start + 1, stop));
}

/**
 * A TIDAL track page: `og:title` (else `<title>`) reads "Title by Artist on TIDAL". Without
 * " by " there is no telling title from artist: nothing is returned.
 */
export function parseTidalPage(html: string): Parsed | undefined {
  const raw = text(metaTags(html).get('og:title')) ?? text(titleTag(html));
  if (raw === undefined) return undefined;
  const withoutSite = raw.replace(/\s+on TIDAL$/i, '');
  const cut = withoutSite.lastIndexOf(' by ');
  if (cut <= 0) return undefined;
  const title = withoutSite.slice(0, cut).trim();
  const artist = withoutSite.slice(cut + 4).trim();
  return title === '' || artist === '' ? undefined : { found: true, metadata: { title, artist } };
}

/**
 * A Spotify track page (undocumented, public): `og:title` is the track name and the
 * `<title>` reads "Title - song and lyrics by Artist, Artist | Spotify" (or "- song by").
 * The credit is kept whole: splitting "Tyler, The Creator" at its comma would be wrong.
 */
export function parseSpotifyPage(html: string): Parsed | undefined {
  const page = text(titleTag(html))?.replace(/\s*\|\s*Spotify$/i, '');
  if (page === undefined) return undefined;
  for (const marker of [' - song and lyrics by ', ' - song by ']) {
    const cut = page.lastIndexOf(marker);
    if (cut <= 0) continue;
    const title = text(metaTags(html).get('og:title')) ?? page.slice(0, cut).trim();
    const artist = page.slice(cut + marker.length).trim();
    return artist === '' ? undefined : { found: true, metadata: { title, artist } };
  }
  return undefined;
}

/**
 * A Bandcamp track page: its JSON-LD `MusicRecording` (`name`, `byArtist.name`,
 * `inAlbum.name`), else `og:title`, which Bandcamp writes as "Title, by Artist".
 */
export function parseBandcampPage(html: string): Parsed | undefined {
  for (const block of jsonLdBlocks(html)) {
    if (field(block, '@type') !== 'MusicRecording') continue;
    const title = text(block.name);
    if (title === undefined) continue;
    return { found: true, metadata: { title, artist: text(field(block.byArtist, 'name')), album: text(field(block.inAlbum, 'name')) } };
  }
  const og = text(metaTags(html).get('og:title'));
  if (og === undefined) return undefined;
  const cut = og.lastIndexOf(', by ');
  if (cut <= 0) return { found: true, metadata: { title: og } };
  return { found: true, metadata: { title: og.slice(0, cut).trim(), artist: og.slice(cut + 5).trim() || undefined } };
}

/**
 * Genius `/api/songs/{id}`: the song object of Genius's documented API (docs.genius.com,
 * `GET /songs/:id`), `{ meta: { status }, response: { song: { title, primary_artist: { name },
 * album: { name } } } }`, served on genius.com itself without a token.
 */
export function parseGeniusSong(body: string): Parsed | undefined {
  const song = field(parseJson(body)?.response, 'song');
  if (song === undefined) return undefined;
  const title = text(field(song, 'title'));
  if (title === undefined) return undefined;
  const artist = text(field(field(song, 'primary_artist'), 'name')) ?? text(field(song, 'artist_names'));
  return { found: true, metadata: { title, artist, album: text(field(field(song, 'album'), 'name')) } };
}

export interface GeniusPage {
  parsed: Parsed;
  /** The Genius song id the page names (`/songs/{id}`), when it does. */
  songId: string | undefined;
}

/**
 * A Genius song page: its `<title>` reads "Artist – Title Lyrics | Genius Lyrics" (an en
 * dash; spaces may be no-break), and the page names its song id in
 * `<meta name="newrelic-resource-path" content="/songs/{id}">` or a `genius://songs/{id}` app link.
 */
export function parseGeniusPage(html: string): GeniusPage | undefined {
  const raw = text(titleTag(html)?.replace(/\u00a0/g, ' '));
  const head = html.slice(0, 300_000);
  const resource = metaTags(html).get('newrelic-resource-path');
  const songId = /^\/songs\/(\d{1,12})$/.exec(resource ?? '')?.[1] ?? /genius:\/\/songs\/(\d{1,12})\b/.exec(head)?.[1];
  if (raw === undefined) return undefined;
  const withoutSite = raw.replace(/\s+Lyrics\s*\|\s*Genius(?: Lyrics)?$/i, '');
  if (withoutSite === raw) return undefined;
  const cut = withoutSite.indexOf(' – ');
  const parsed: Parsed =
    cut > 0
      ? { found: true, metadata: { title: withoutSite.slice(cut + 3).trim(), artist: withoutSite.slice(0, cut).trim() } }
      : { found: true, metadata: { title: withoutSite.trim() } };
  return { parsed, songId };
}
