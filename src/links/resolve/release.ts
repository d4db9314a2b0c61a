/**
 * Album, playlist and artist links: their contents from each platform's public, keyless
 * listing, through the same outbound path as track lookups (safe fetcher, allowlist, a limiter
 * per host, Retry-After honoured). Endpoints and their documented limits are in the README,
 * "Links from every platform". Where a platform offers nothing keyless, the outcome says so.
 */
import type { EndpointName } from '../../net/allowlist.js';
import type { RecognisedLink, ReleaseOutcome } from '../types.js';
import { appleCountry, getOk, isOutcome, onBase, type PlatformContext } from './platforms.js';
import {
  parseBandcampAlbum,
  parseBandcampArtist,
  parseDeezerArtist,
  parseDeezerRelease,
  parseDeezerTracks,
  parseItunesArtist,
  parseItunesRelease,
  parseSpotifyArtist,
  parseSpotifyRelease,
  type ReleaseParsed,
} from './release-parse.js';

export const RELEASE_SOURCES = {
  itunes: 'iTunes lookup (entity=song)',
  itunesArtist: 'iTunes lookup',
  deezer: 'Deezer API',
  bandcamp: 'Bandcamp page metadata (JSON-LD)',
  spotify: 'Spotify page metadata (music:song)',
} as const;

export const NO_KEYLESS_LISTING: Partial<Record<string, string>> = {
  youtube: 'YouTube offers no keyless way to read a playlist: paste its track links into /trained list',
  'youtube-music': 'YouTube offers no keyless way to read a playlist or channel: paste its track links into /trained list',
};

const get = (ctx: PlatformContext, endpoint: EndpointName, url: string, signal: AbortSignal, source: string, page = false) =>
  getOk(ctx, endpoint, url, signal, source, page, 'release');

const failed = isOutcome;

function fromParsed(parsed: ReleaseParsed | undefined, kind: 'album' | 'playlist', source: string): ReleaseOutcome {
  if (parsed === undefined) return { ok: false, reason: 'failed', detail: `${source}: unexpected answer` };
  if (parsed.found === 'quota') return { ok: false, reason: 'failed', detail: `${source}: quota exceeded, try again in a few seconds` };
  if (!parsed.found) return { ok: false, reason: 'not-found', detail: `${source}: no such ${kind}` };
  return { ok: true, kind, ...parsed.release, source };
}

function artistFound(name: string | null | undefined, source: string): ReleaseOutcome {
  if (name === undefined) return { ok: false, reason: 'failed', detail: `${source}: unexpected answer` };
  if (name === null) return { ok: false, reason: 'not-found', detail: `${source}: no such artist` };
  return { ok: true, kind: 'artist', name, source };
}

async function apple(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ReleaseOutcome> {
  const id = encodeURIComponent(link.id ?? '');
  const country = appleCountry(link.url);
  if (link.kind === 'artist') {
    const res = await get(ctx, 'itunes', `${ctx.bases.itunes}/lookup?id=${id}&country=${country}`, signal, RELEASE_SOURCES.itunesArtist);
    return failed(res) ? res : artistFound(parseItunesArtist(res.body), RELEASE_SOURCES.itunesArtist);
  }
  if (link.kind !== 'album') return { ok: false, reason: 'unsupported', detail: 'Apple Music playlists have no public keyless listing' };
  const url = `${ctx.bases.itunes}/lookup?id=${id}&entity=song&limit=200&country=${country}`;
  const res = await get(ctx, 'itunes', url, signal, RELEASE_SOURCES.itunes);
  return failed(res) ? res : fromParsed(parseItunesRelease(res.body), 'album', RELEASE_SOURCES.itunes);
}

async function deezer(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ReleaseOutcome> {
  const id = encodeURIComponent(link.id ?? '');
  const source = RELEASE_SOURCES.deezer;
  if (link.kind === 'artist') {
    const res = await get(ctx, 'deezer', `${ctx.bases.deezer}/artist/${id}`, signal, source);
    return failed(res) ? res : artistFound(parseDeezerArtist(res.body), source);
  }
  if (link.kind !== 'album' && link.kind !== 'playlist') return { ok: false, reason: 'unsupported' };
  const [list, own] = await Promise.all([
    get(ctx, 'deezer', `${ctx.bases.deezer}/${link.kind}/${id}/tracks?limit=100`, signal, source),
    get(ctx, 'deezer', `${ctx.bases.deezer}/${link.kind}/${id}`, signal, source),
  ]);
  if (failed(list)) return list;
  const outcome = fromParsed(parseDeezerTracks(list.body), link.kind, source);
  if (!outcome.ok || outcome.kind === 'artist' || failed(own)) return outcome;
  // The listing names no release: its own object gives the title (and an album's artist).
  const named = parseDeezerRelease(own.body);
  return { ...outcome, title: named?.title ?? outcome.title, artist: named?.artist ?? outcome.artist };
}

async function bandcamp(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ReleaseOutcome> {
  const res = await get(ctx, 'bandcamp', onBase(new URL(link.normalizedUrl), ctx.bases.bandcamp), signal, RELEASE_SOURCES.bandcamp, true);
  if (failed(res)) return res;
  if (link.kind === 'artist') {
    const name = parseBandcampArtist(res.body);
    return artistFound(name ?? undefined, RELEASE_SOURCES.bandcamp);
  }
  return fromParsed(parseBandcampAlbum(res.body), 'album', RELEASE_SOURCES.bandcamp);
}

async function spotify(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ReleaseOutcome> {
  const kind = link.kind;
  if (kind !== 'album' && kind !== 'playlist' && kind !== 'artist') return { ok: false, reason: 'unsupported' };
  const url = `${ctx.bases.spotify}/${kind}/${encodeURIComponent(link.id ?? '')}`;
  const res = await get(ctx, 'spotify', url, signal, RELEASE_SOURCES.spotify, true);
  if (failed(res)) return res;
  if (kind === 'artist') return artistFound(parseSpotifyArtist(res.body), RELEASE_SOURCES.spotify);
  return fromParsed(parseSpotifyRelease(res.body), kind, RELEASE_SOURCES.spotify);
}

/** A recognised album, playlist or artist link's contents, or why they cannot be read. */
export function expandRelease(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ReleaseOutcome> {
  const noListing = NO_KEYLESS_LISTING[link.platform];
  switch (link.platform) {
    case 'apple-music':
      return apple(link, ctx, signal);
    case 'deezer':
      return deezer(link, ctx, signal);
    case 'bandcamp':
      return bandcamp(link, ctx, signal);
    case 'spotify':
      return spotify(link, ctx, signal);
    default:
      return Promise.resolve({ ok: false, reason: 'unsupported', detail: noListing });
  }
}
