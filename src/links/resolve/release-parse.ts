/**
 * Pure readers of the public listings of releases (albums, playlists) and artists. Like
 * parse.ts they return a value, or undefined when the body is not the shape expected, and
 * never throw: a changed page degrades to "couldn't read this release", not to a crash.
 */
import { recogniseUrl } from '../platforms.js';
import type { RecognisedLink, ReleaseTrack } from '../types.js';
import { decodeEntities, field, jsonLdBlocks, metaTags, parseJson, text } from './parse.js';

export interface ParsedRelease {
  title?: string | undefined;
  artist?: string | undefined;
  tracks: ReleaseTrack[];
  total: number;
}

export type ReleaseParsed = { found: true; release: ParsedRelease } | { found: false } | { found: 'quota' };

/** A listing longer than this is read no further (the bot checks far fewer tracks of a release anyway). */
export const MAX_LISTED = 500;

/**
 * iTunes lookup `?id={collectionId}&entity=song`: `results[0]` is the collection
 * (`wrapperType: "collection"`, `collectionName`, `artistName`, `trackCount`), then one
 * `wrapperType: "track"` result per song (`trackName`, `artistName`, `trackNumber`, `discNumber`).
 */
export function parseItunesRelease(body: string): ReleaseParsed | undefined {
  const results = parseJson(body)?.results;
  if (!Array.isArray(results)) return undefined;
  const collection = results.find((r) => field(r, 'wrapperType') === 'collection');
  if (collection === undefined) return { found: false };
  const tracks: ReleaseTrack[] = results
    .filter((r) => field(r, 'wrapperType') === 'track' && text(field(r, 'trackName')) !== undefined)
    .slice(0, MAX_LISTED)
    .map((r, i) => ({ position: i + 1, title: text(field(r, 'trackName')), artist: text(field(r, 'artistName')) }));
  const count = field(collection, 'trackCount');
  return {
    found: true,
    release: {
      title: text(field(collection, 'collectionName')),
      artist: text(field(collection, 'artistName')),
      tracks,
      total: typeof count === 'number' && count >= tracks.length ? count : tracks.length,
    },
  };
}

/** iTunes lookup `?id={artistId}`: `results[0]` has `wrapperType: "artist"` and `artistName`. */
export function parseItunesArtist(body: string): string | null | undefined {
  const results = parseJson(body)?.results;
  if (!Array.isArray(results)) return undefined;
  const artist = results.find((r) => field(r, 'wrapperType') === 'artist');
  return artist === undefined ? null : (text(field(artist, 'artistName')) ?? undefined);
}

/** Deezer's error object (HTTP 200): 800 no data, 4 quota; undefined when the body is not an error. */
function deezerError(json: Record<string, unknown>): ReleaseParsed | null | undefined {
  const error = json.error;
  if (error === undefined) return undefined;
  const code = field(error, 'code');
  return code === 4 ? { found: 'quota' } : code === 800 ? { found: false } : null;
}

/**
 * Deezer `/album/{id}/tracks` and `/playlist/{id}/tracks`: `{ data: [{ id, title, isrc?,
 * artist: { name } }], total, next? }`; errors as in parse.ts.
 */
export function parseDeezerTracks(body: string): ReleaseParsed | undefined {
  const json = parseJson(body);
  if (json === undefined) return undefined;
  const error = deezerError(json);
  if (error !== undefined) return error ?? undefined;
  if (!Array.isArray(json.data)) return undefined;
  const tracks: ReleaseTrack[] = json.data
    .filter((t) => text(field(t, 'title')) !== undefined)
    .slice(0, MAX_LISTED)
    .map((t, i) => ({ position: i + 1, title: text(field(t, 'title')), artist: text(field(field(t, 'artist'), 'name')) }));
  const total = typeof json.total === 'number' && json.total >= tracks.length ? json.total : tracks.length;
  return { found: true, release: { tracks, total } };
}

/** Deezer `/album/{id}` or `/playlist/{id}`: the release's own `title` and `artist.name` (playlists: `creator.name`). */
export function parseDeezerRelease(body: string): { title?: string | undefined; artist?: string | undefined } | undefined {
  const json = parseJson(body);
  if (json === undefined || json.error !== undefined) return undefined;
  return { title: text(json.title), artist: text(field(json.artist, 'name')) };
}

/** Deezer `/artist/{id}`: `{ id, name, … }`. null: no such artist. */
export function parseDeezerArtist(body: string): string | null | undefined {
  const json = parseJson(body);
  if (json === undefined) return undefined;
  const error = deezerError(json);
  if (error !== undefined) return error !== null && error.found === false ? null : undefined;
  return text(json.name);
}

/**
 * A Bandcamp album page: its JSON-LD `MusicAlbum` has `name`, `byArtist.name`, `numTracks`, and
 * `track`, an `ItemList` whose `itemListElement` entries are `ListItem`s (`position`) holding a
 * `MusicRecording` `item` (`name`).
 */
export function parseBandcampAlbum(html: string): ReleaseParsed | undefined {
  for (const block of jsonLdBlocks(html)) {
    if (field(block, '@type') !== 'MusicAlbum') continue;
    const list = field(field(block, 'track'), 'itemListElement');
    if (!Array.isArray(list)) return undefined;
    const tracks: ReleaseTrack[] = [];
    for (const entry of list.slice(0, MAX_LISTED)) {
      const name = text(field(field(entry, 'item'), 'name'));
      const position = field(entry, 'position');
      if (name !== undefined) tracks.push({ position: typeof position === 'number' ? position : tracks.length + 1, title: name });
    }
    const artist = text(field(field(block, 'byArtist'), 'name'));
    for (const t of tracks) t.artist = artist;
    const count = field(block, 'numTracks');
    return {
      found: true,
      release: {
        title: text(block.name),
        artist,
        tracks,
        total: typeof count === 'number' && count >= tracks.length ? count : tracks.length,
      },
    };
  }
  return undefined;
}

/** A Bandcamp artist page: JSON-LD `MusicGroup` `name`, else `og:site_name` (the band's name). */
export function parseBandcampArtist(html: string): string | undefined {
  for (const block of jsonLdBlocks(html)) if (field(block, '@type') === 'MusicGroup') return text(block.name);
  return text(metaTags(html).get('og:site_name'));
}

/** Every `<meta property|name="{key}" content="…">` in the head, in order (metaTags keeps only the first). */
function metaValues(html: string, key: string, max: number): string[] {
  const end = html.indexOf('</head>');
  const head = end === -1 ? html.slice(0, 1_000_000) : html.slice(0, end);
  const out: string[] = [];
  const needle = `"${key}"`;
  for (let at = head.indexOf(needle); at !== -1 && out.length < max; at = head.indexOf(needle, at + needle.length)) {
    const open = head.lastIndexOf('<meta', at);
    const close = head.indexOf('>', at);
    if (open === -1 || close === -1 || at - open > 200) continue;
    const content = /\scontent\s*=\s*"([^"]*)"/.exec(head.slice(open, close))?.[1];
    if (content !== undefined) out.push(decodeEntities(content));
  }
  return out;
}

/**
 * A Spotify album or playlist page (public, keyless): `og:title` is its name and one
 * `<meta property="music:song" content="https://open.spotify.com/track/{id}">` per track, as
 * the Open Graph protocol's `music.album` and `music.playlist` types define. The page names no
 * track titles: each track is looked up by its Spotify id.
 */
export function parseSpotifyRelease(html: string): ReleaseParsed | undefined {
  const meta = metaTags(html);
  const songs = metaValues(html, 'music:song', MAX_LISTED);
  const links: RecognisedLink[] = [];
  for (const href of songs) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    const found = recogniseUrl(url);
    if (found?.platform === 'spotify' && found.kind === 'track' && !links.some((l) => l.id === found.id))
      links.push({ ...found, url: href });
  }
  const title = text(meta.get('og:title'));
  if (title === undefined && links.length === 0) return undefined;
  const countText = meta.get('music:song_count');
  const count = countText === undefined ? NaN : Number(countText);
  return {
    found: true,
    release: {
      title,
      artist: undefined,
      tracks: links.map((link, i) => ({ position: i + 1, link })),
      total: Number.isInteger(count) && count >= links.length ? count : links.length,
    },
  };
}

/** A Spotify artist page: `og:title` is the artist's name. */
export function parseSpotifyArtist(html: string): string | undefined {
  return text(metaTags(html).get('og:title'));
}
