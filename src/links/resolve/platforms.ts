/**
 * One resolver per platform: which public endpoint answers, how its answer becomes a
 * ResolvedTrack. Endpoints and their documented shapes are listed in docs/operations.md, "Links from every platform".
 */
import type { EndpointName } from '../../net/allowlist.js';
import type { SafeFetchResponse } from '../../net/safe-fetch.js';
import type { RecognisedLink, ResolveOutcome, ResolvedTrack } from '../types.js';
import type { EndpointBases, Outbound } from './outbound.js';
import {
  parseBandcampPage,
  parseDeezerTrack,
  parseGeniusPage,
  parseGeniusSong,
  parseItunesLookup,
  parseOembed,
  parseSpotifyPage,
  parseTidalPage,
  type Metadata,
  type Parsed,
} from './parse.js';
import { splitUploadTitle, stripByAuthor } from './title-cleanup.js';

export interface PlatformContext {
  outbound: Outbound;
  bases: EndpointBases;
}

export const SOURCES = {
  itunes: 'iTunes lookup',
  deezer: 'Deezer API',
  youtube: 'YouTube oEmbed',
  spotify: 'Spotify oEmbed',
  spotifyPage: 'Spotify page metadata',
  soundcloud: 'SoundCloud oEmbed',
  tidal: 'TIDAL oEmbed',
  tidalPage: 'TIDAL page metadata',
  bandcamp: 'Bandcamp page metadata',
  geniusSong: 'Genius song API',
  geniusPage: 'Genius page metadata',
} as const;

export const CANNOT_CHECK = "recognised, but can't be checked by link — try /trained song:…";

const JSON_BYTES = 256 * 1024;
const PAGE_BYTES = 2 * 1024 * 1024;

function found(metadata: Metadata, source: string): ResolveOutcome {
  const track: ResolvedTrack = { title: metadata.title, source };
  if (metadata.artist !== undefined) track.artist = metadata.artist;
  if (metadata.album !== undefined) track.album = metadata.album;
  if (metadata.isrc !== undefined) track.isrc = metadata.isrc;
  return { ok: true, track };
}

/** A request that got no usable answer: assignable to a track's and to a release's outcome alike. */
export interface FetchFailure {
  ok: false;
  reason: 'not-found' | 'failed';
  detail: string;
}

/** HTTP status → outcome for answers that carry no usable body (`what`: the thing the link names). */
function statusOutcome(res: SafeFetchResponse, source: string, what: string): FetchFailure {
  if (res.status === 404 || res.status === 400 || res.status === 410)
    return { ok: false, reason: 'not-found', detail: `${source}: no such ${what}` };
  if (res.status === 401 || res.status === 403)
    return { ok: false, reason: 'failed', detail: `${source}: the ${what} is private or cannot be embedded` };
  return { ok: false, reason: 'failed', detail: `${source} answered HTTP ${res.status}` };
}

function fromParsed(parsed: Parsed | undefined, source: string): ResolveOutcome {
  if (parsed === undefined) return { ok: false, reason: 'failed', detail: `${source}: unexpected answer` };
  if (!parsed.found) return { ok: false, reason: 'not-found', detail: `${source}: no such track` };
  return found(parsed.metadata, source);
}

/** One GET through the host's limiter; a status other than 200 becomes the failure it means. */
export async function getOk(
  ctx: PlatformContext,
  endpoint: EndpointName,
  url: string,
  signal: AbortSignal,
  source: string,
  page = false,
  what = 'track',
): Promise<SafeFetchResponse | FetchFailure> {
  // A release page or listing is larger than one track's answer.
  const scale = what === 'track' ? 1 : 2;
  const res = await ctx.outbound.get(
    endpoint,
    url,
    signal,
    page ? { accept: 'text/html', maxBytes: PAGE_BYTES * scale } : { maxBytes: JSON_BYTES * scale * 2 },
  );
  return res.status === 200 ? res : statusOutcome(res, source, what);
}

export function isOutcome(value: SafeFetchResponse | FetchFailure): value is FetchFailure {
  return 'ok' in value;
}

/** music.apple.com/{cc}/… → the store country the id belongs to (lookups are per storefront). */
export function appleCountry(url: string): string {
  const match = /^(?:https?:\/\/)?[^/]+\/([a-z]{2})(?:\/|$)/i.exec(url);
  return (match?.[1] ?? 'us').toLowerCase();
}

async function apple(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const id = link.id ?? '';
  const url = `${ctx.bases.itunes}/lookup?id=${encodeURIComponent(id)}&country=${appleCountry(link.url)}`;
  const res = await getOk(ctx, 'itunes', url, signal, SOURCES.itunes);
  return isOutcome(res) ? res : fromParsed(parseItunesLookup(res.body, id), SOURCES.itunes);
}

/** Deezer's quota window is 5 seconds. */
const DEEZER_QUOTA_WAIT_MS = 5000;

async function deezer(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const url = `${ctx.bases.deezer}/track/${encodeURIComponent(link.id ?? '')}`;
  const res = await getOk(ctx, 'deezer', url, signal, SOURCES.deezer);
  if (isOutcome(res)) return res;
  const parsed = parseDeezerTrack(res.body);
  if (parsed?.found === 'quota') {
    ctx.outbound.backOff('deezer', url, DEEZER_QUOTA_WAIT_MS);
    return { ok: false, reason: 'failed', detail: `${SOURCES.deezer}: quota exceeded, try again in a few seconds` };
  }
  return fromParsed(parsed, SOURCES.deezer);
}

async function oembed(
  endpoint: 'youtube' | 'spotify' | 'soundcloud' | 'tidal',
  url: string,
  ctx: PlatformContext,
  signal: AbortSignal,
  toMetadata: (title: string, author: string | undefined) => Metadata,
): Promise<ResolveOutcome> {
  const source = SOURCES[endpoint];
  const res = await getOk(ctx, endpoint, url, signal, source);
  if (isOutcome(res)) return res;
  const parsed = parseOembed(res.body);
  if (parsed === undefined) return { ok: false, reason: 'failed', detail: `${source}: unexpected answer` };
  return found(toMetadata(parsed.title, parsed.authorName), source);
}

function youtube(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const page = `https://www.youtube.com/watch?v=${link.id ?? ''}`;
  const url = `${ctx.bases.youtube}/oembed?format=json&url=${encodeURIComponent(page)}`;
  return oembed('youtube', url, ctx, signal, (title, author) => splitUploadTitle(title, author));
}

/**
 * Spotify's documented oEmbed gives the track name alone ("… - Remastered 2011" is part of
 * it: no split). The public track page names the artists; it is read next, and when it
 * cannot be, the title alone still goes to the search (never matched as exact).
 */
async function spotify(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const page = `https://open.spotify.com/track/${link.id ?? ''}`;
  const url = `${ctx.bases.spotify}/oembed?url=${encodeURIComponent(page)}`;
  const viaOembed = await oembed('spotify', url, ctx, signal, (title) => ({ title }));
  if (!viaOembed.ok && viaOembed.reason === 'not-found') return viaOembed;
  const pageUrl = `${ctx.bases.spotify}/track/${encodeURIComponent(link.id ?? '')}`;
  const res = await getOk(ctx, 'spotify', pageUrl, signal, SOURCES.spotifyPage, true);
  const viaPage = isOutcome(res) ? res : fromParsed(parseSpotifyPage(res.body), SOURCES.spotifyPage);
  return viaPage.ok ? viaPage : viaOembed;
}

function soundcloud(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const url = `${ctx.bases.soundcloud}/oembed?format=json&url=${encodeURIComponent(link.normalizedUrl)}`;
  // "Title by Account": the account uploads it, often the artist, sometimes a label.
  return oembed('soundcloud', url, ctx, signal, (title, author) => splitUploadTitle(stripByAuthor(title, author), author));
}

/**
 * TIDAL documents no oEmbed fields: some answers name no artist. The track page's title
 * ("Title by Artist on TIDAL") is read then; a title alone is still better than nothing.
 */
async function tidal(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const page = `https://tidal.com/browse/track/${link.id ?? ''}`;
  const url = `${ctx.bases.tidal}/?url=${encodeURIComponent(page)}`;
  const viaOembed = await oembed('tidal', url, ctx, signal, (title, author) => ({ title: stripByAuthor(title, author), artist: author }));
  if ((viaOembed.ok && viaOembed.track.artist !== undefined) || (!viaOembed.ok && viaOembed.reason === 'not-found')) return viaOembed;
  const pageUrl = `${ctx.bases.tidalPages}/browse/track/${encodeURIComponent(link.id ?? '')}`;
  const res = await getOk(ctx, 'tidal', pageUrl, signal, SOURCES.tidalPage, true);
  const viaPage = isOutcome(res) ? res : fromParsed(parseTidalPage(res.body), SOURCES.tidalPage);
  return viaPage.ok ? viaPage : viaOembed;
}

/** The URL to fetch for a link on its own host: the stand-in's origin when tests give one. */
export function onBase(url: URL, base: string | undefined): string {
  return base === undefined ? url.href : new URL(`${url.pathname}${url.search}`, base).href;
}

async function bandcamp(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const url = onBase(new URL(link.normalizedUrl), ctx.bases.bandcamp);
  const res = await getOk(ctx, 'bandcamp', url, signal, SOURCES.bandcamp, true);
  return isOutcome(res) ? res : fromParsed(parseBandcampPage(res.body), SOURCES.bandcamp);
}

/**
 * Genius: a song id through `/api/songs/{id}`; a page path by reading the page, whose song id
 * is returned as the resolved link so the bot can look that id up too (Genius renames pages
 * when titles are corrected; the id stays).
 */
async function genius(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  const id = link.id ?? '';
  if (/^\d+$/.test(id)) {
    const url = `${ctx.bases.genius ?? 'https://genius.com'}/api/songs/${id}`;
    const res = await getOk(ctx, 'genius', url, signal, SOURCES.geniusSong);
    return isOutcome(res) ? res : fromParsed(parseGeniusSong(res.body), SOURCES.geniusSong);
  }
  const res = await getOk(ctx, 'genius', onBase(new URL(link.normalizedUrl), ctx.bases.genius), signal, SOURCES.geniusPage, true);
  if (isOutcome(res)) return res;
  const page = parseGeniusPage(res.body);
  const outcome = fromParsed(page?.parsed, SOURCES.geniusPage);
  if (!outcome.ok || page?.songId === undefined) return outcome;
  const resolvedLink: RecognisedLink = {
    platform: 'genius',
    kind: 'track',
    url: link.url,
    normalizedUrl: `https://genius.com/songs/${page.songId}`,
    id: page.songId,
  };
  return { ok: true, track: { ...outcome.track, resolvedLink } };
}

/** Resolves a recognised track link (not a short link) by its platform's public metadata. */
export function resolveTrack(link: RecognisedLink, ctx: PlatformContext, signal: AbortSignal): Promise<ResolveOutcome> {
  switch (link.platform) {
    case 'youtube':
    case 'youtube-music':
      return youtube(link, ctx, signal);
    case 'spotify':
      return spotify(link, ctx, signal);
    case 'apple-music':
      return apple(link, ctx, signal);
    case 'deezer':
      return deezer(link, ctx, signal);
    case 'soundcloud':
      return soundcloud(link, ctx, signal);
    case 'tidal':
      return tidal(link, ctx, signal);
    case 'bandcamp':
      return bandcamp(link, ctx, signal);
    case 'genius':
      return genius(link, ctx, signal);
    case 'fma':
      return Promise.resolve({ ok: false, reason: 'unsupported', detail: 'FMA links are answered by their path, not by metadata' });
    case 'jamendo':
      // Jamendo's API needs a registered client_id: Jamendo links are answered by their track number only.
      return Promise.resolve({ ok: false, reason: 'unsupported', detail: CANNOT_CHECK });
    case 'amazon-music':
    case 'qobuz':
    case 'pandora':
    case 'yandex':
      return Promise.resolve({ ok: false, reason: 'unsupported', detail: CANNOT_CHECK });
  }
}
