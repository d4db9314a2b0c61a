/**
 * Recognises one parsed URL as a track, album, artist, playlist or short link of a
 * known platform (links.md). Works on the parsed URL's host and path segments, so every
 * test is on a short string; ids are checked with anchored character-class patterns.
 */
import type { LinkKind, LinkPlatform, RecognisedLink } from './types.js';

export type Recognised = Omit<RecognisedLink, 'url'>;

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const SPOTIFY_ID = /^[A-Za-z0-9]{22}$/;
const DIGITS = /^\d{1,20}$/;
const COUNTRY = /^[a-z]{2}(?:-[a-z]{2})?$/i;
const SLUG = /^[A-Za-z0-9_.%~!$'*+,;=@-]{1,200}$/;

function segmentsOf(url: URL): string[] {
  const segments: string[] = [];
  for (const s of url.pathname.split('/')) if (s !== '') segments.push(s);
  return segments;
}

export function link(platform: LinkPlatform, kind: LinkKind, normalizedUrl: string, id?: string): Recognised {
  return id === undefined ? { platform, kind, normalizedUrl } : { platform, kind, normalizedUrl, id };
}

function hostOf(url: URL): string {
  const h = url.hostname.toLowerCase();
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

// A function of its own, not a closure in `youtube`: the builder reads a link or two a row, and
// a closure made per call is an allocation (and a keepNames call under tsx) each time.
function youtubeVideo(platform: LinkPlatform, base: string, id: string | null | undefined): Recognised | undefined {
  return id !== null && id !== undefined && YOUTUBE_ID.test(id) ? link(platform, 'track', `${base}/watch?v=${id}`, id) : undefined;
}

function youtube(url: URL, host: string): Recognised | undefined {
  const music = host === 'music.youtube.com';
  const platform: LinkPlatform = music ? 'youtube-music' : 'youtube';
  const base = music ? 'https://music.youtube.com' : 'https://www.youtube.com';
  const seg = segmentsOf(url);
  if (host === 'youtu.be') return youtubeVideo(platform, base, seg[0]);
  const head = seg[0]?.toLowerCase();
  if (head === 'watch') return youtubeVideo(platform, base, url.searchParams.get('v'));
  if (head === 'shorts' || head === 'embed' || head === 'live' || head === 'v' || head === 'e') return youtubeVideo(platform, base, seg[1]);
  if (head === 'playlist') {
    const list = url.searchParams.get('list');
    if (list !== null && SLUG.test(list)) return link(platform, 'playlist', `${base}/playlist?list=${list}`, list);
    return undefined;
  }
  if (head === 'channel' && seg[1] !== undefined && SLUG.test(seg[1])) {
    return link(platform, music ? 'artist' : 'other', `${base}/channel/${seg[1]}`, seg[1]);
  }
  if (music && head === 'browse' && seg[1] !== undefined && SLUG.test(seg[1])) {
    return link(platform, seg[1].startsWith('MPREb_') ? 'album' : 'other', `${base}/browse/${seg[1]}`, seg[1]);
  }
  return undefined;
}

const SPOTIFY_KINDS: Record<string, LinkKind> = { track: 'track', album: 'album', artist: 'artist', playlist: 'playlist' };

function spotifyKind(type: string | undefined, id: string | undefined): Recognised | undefined {
  if (type === undefined || id === undefined || !SPOTIFY_ID.test(id)) return undefined;
  const kind = SPOTIFY_KINDS[type.toLowerCase()] ?? (type === 'episode' || type === 'show' ? 'other' : undefined);
  if (kind === undefined) return undefined;
  return link('spotify', kind, `https://open.spotify.com/${type.toLowerCase()}/${id}`, id);
}

function spotify(url: URL, host: string): Recognised | undefined {
  if (host === 'spotify.link' || host === 'spotify.app.link') {
    const code = segmentsOf(url)[0];
    return code !== undefined && SLUG.test(code) ? link('spotify', 'short', `https://spotify.link/${code}`, code) : undefined;
  }
  let seg = segmentsOf(url);
  if (seg[0]?.toLowerCase().startsWith('intl-')) seg = seg.slice(1);
  if (seg[0] === 'embed') seg = seg.slice(1);
  // open.spotify.com/user/x/playlist/ID (old form)
  if (seg[0] === 'user' && seg[2] === 'playlist') seg = seg.slice(2);
  return spotifyKind(seg[0], seg[1]);
}

/** `spotify:track:ID` */
export function spotifyUri(uri: string): Recognised | undefined {
  const parts = uri.split(':');
  if (parts.length !== 3 || parts[0]?.toLowerCase() !== 'spotify') return undefined;
  return spotifyKind(parts[1], parts[2]);
}

function apple(url: URL): Recognised | undefined {
  let seg = segmentsOf(url);
  if (seg[0] !== undefined && COUNTRY.test(seg[0])) seg = seg.slice(1);
  const type = seg[0]?.toLowerCase();
  // The id is the last segment; legacy iTunes links write it as "id123".
  const last = seg[seg.length - 1]?.replace(/^id/, '');
  if (last === undefined || !DIGITS.test(last) || seg.length < 2) return undefined;
  if (type === 'album') {
    const track = url.searchParams.get('i');
    if (track !== null && DIGITS.test(track)) return link('apple-music', 'track', `https://music.apple.com/song/${track}`, track);
    return link('apple-music', 'album', `https://music.apple.com/album/${last}`, last);
  }
  if (type === 'song') return link('apple-music', 'track', `https://music.apple.com/song/${last}`, last);
  if (type === 'artist') return link('apple-music', 'artist', `https://music.apple.com/artist/${last}`, last);
  if (type === 'playlist') return link('apple-music', 'playlist', `https://music.apple.com/playlist/${last}`, last);
  return undefined;
}

const TYPED: Record<string, LinkKind> = { track: 'track', album: 'album', artist: 'artist', playlist: 'playlist' };

/** `/(cc/)?(browse/)?{type}/{digits}`: Deezer, Tidal, Qobuz (open.qobuz.com). */
function typedNumeric(url: URL, platform: LinkPlatform, canonical: (type: string, id: string) => string): Recognised | undefined {
  let seg = segmentsOf(url);
  if (seg[0] !== undefined && COUNTRY.test(seg[0])) seg = seg.slice(1);
  if (seg[0]?.toLowerCase() === 'browse') seg = seg.slice(1);
  const type = seg[0]?.toLowerCase();
  const id = seg[1];
  if (type === undefined || id === undefined) return undefined;
  const kind = TYPED[type];
  if (kind === undefined || !(DIGITS.test(id) || (platform === 'qobuz' && SLUG.test(id)))) return undefined;
  return link(platform, kind, canonical(type, id), id);
}

const SOUNDCLOUD_RESERVED = new Set([
  'discover',
  'search',
  'you',
  'charts',
  'stream',
  'upload',
  'pages',
  'terms-of-use',
  'settings',
  'messages',
  'notifications',
  'people',
  'tags',
  'jobs',
  'pro',
  'mobile',
  'imprint',
  'popular',
]);

function soundcloud(url: URL, host: string): Recognised | undefined {
  const seg = segmentsOf(url);
  if (host === 'on.soundcloud.com') {
    const code = seg[0];
    return code !== undefined && SLUG.test(code) ? link('soundcloud', 'short', `https://on.soundcloud.com/${code}`, code) : undefined;
  }
  const user = seg[0]?.toLowerCase();
  if (user === undefined || !SLUG.test(user) || SOUNDCLOUD_RESERVED.has(user)) return undefined;
  const second = seg[1]?.toLowerCase();
  if (second === undefined) return link('soundcloud', 'artist', `https://soundcloud.com/${user}`, user);
  if (second === 'sets') {
    const set = seg[2]?.toLowerCase();
    return set !== undefined && SLUG.test(set)
      ? link('soundcloud', 'playlist', `https://soundcloud.com/${user}/sets/${set}`, `${user}/${set}`)
      : undefined;
  }
  if (['tracks', 'albums', 'likes', 'reposts', 'followers', 'following', 'popular-tracks', 'comments'].includes(second)) {
    return link('soundcloud', 'artist', `https://soundcloud.com/${user}`, user);
  }
  if (!SLUG.test(second)) return undefined;
  return link('soundcloud', 'track', `https://soundcloud.com/${user}/${second}`, `${user}/${second}`);
}

function bandcamp(url: URL, host: string): Recognised | undefined {
  const artist = host.slice(0, -'.bandcamp.com'.length);
  if (artist === '' || artist === 'www' || artist.includes('.')) return undefined;
  const seg = segmentsOf(url);
  const type = seg[0]?.toLowerCase();
  const slug = seg[1]?.toLowerCase();
  if (type === undefined) return link('bandcamp', 'artist', `https://${artist}.bandcamp.com/`, artist);
  if ((type === 'track' || type === 'album') && slug !== undefined && SLUG.test(slug)) {
    return link('bandcamp', type, `https://${artist}.bandcamp.com/${type}/${slug}`, `${artist}/${slug}`);
  }
  return undefined;
}

/** freemusicarchive.org/music/{Artist}/{Album}/{Track}: the id is the path, as the dataset's track_url writes it. */
function fma(url: URL): Recognised | undefined {
  const seg = segmentsOf(url);
  if (seg[0]?.toLowerCase() !== 'music' || seg.length < 2) return undefined;
  const parts = seg.slice(1, 4);
  if (!parts.every((p) => SLUG.test(p))) return undefined;
  const path = parts.join('/');
  const kind: LinkKind = parts.length === 3 ? 'track' : parts.length === 2 ? 'album' : 'artist';
  return link('fma', kind, `https://freemusicarchive.org/music/${path}`, path);
}

/**
 * Genius: a song page `genius.com/{Artist}-{title}-lyrics` (its id is the path, lower case,
 * as Sleeping-DISCO-9M's `song_url` writes it) or `genius.com/songs/{id}` (the Genius song
 * id, Sleeping-DISCO-9M's row key). Album and artist pages are not tracks; annotation,
 * article and video pages are something else.
 */
function genius(url: URL): Recognised | undefined {
  const seg = segmentsOf(url);
  const head = seg[0];
  if (head === undefined) return undefined;
  if (seg.length === 1 && /-lyrics$/i.test(head) && head.length > '-lyrics'.length && SLUG.test(head)) {
    return link('genius', 'track', `https://genius.com/${head}`, head.toLowerCase());
  }
  const type = head.toLowerCase();
  const next = seg[1];
  if (type === 'songs' && next !== undefined && DIGITS.test(next)) return link('genius', 'track', `https://genius.com/songs/${next}`, next);
  if (next === undefined || !SLUG.test(next)) return seg.length === 1 && DIGITS.test(head) ? link('genius', 'other', url.href) : undefined;
  if (type === 'albums' && seg[2] !== undefined && SLUG.test(seg[2]))
    return link('genius', 'album', `https://genius.com/albums/${next}/${seg[2]}`, `${next}/${seg[2]}`.toLowerCase());
  if (type === 'artists') return link('genius', 'artist', `https://genius.com/artists/${next}`, next.toLowerCase());
  return undefined;
}

/**
 * Jamendo: `jamendo.com/{track|album|artist|playlist}/{n}/{slug}` (the slug is optional; a
 * language prefix like `/en/` may come first), and `licensing.jamendo.com/{lang}/track/{n}`.
 * The id is the number, as MTG-Jamendo's track ids hold it.
 */
function jamendo(url: URL): Recognised | undefined {
  let seg = segmentsOf(url);
  if (seg[0] !== undefined && COUNTRY.test(seg[0])) seg = seg.slice(1);
  const type = seg[0]?.toLowerCase();
  const id = seg[1];
  if (type === undefined || id === undefined || !/^[1-9]\d{0,11}$/.test(id)) return undefined;
  const kind = TYPED[type];
  return kind === undefined ? undefined : link('jamendo', kind, `https://www.jamendo.com/${type}/${id}`, id);
}

function amazon(url: URL): Recognised | undefined {
  const seg = segmentsOf(url);
  const asin = url.searchParams.get('trackAsin');
  if (asin !== null && SLUG.test(asin)) return link('amazon-music', 'track', `https://music.amazon.com/tracks/${asin}`, asin);
  const type = seg[0]?.toLowerCase();
  const id = seg[1];
  if (id === undefined || !SLUG.test(id)) return undefined;
  if (type === 'tracks') return link('amazon-music', 'track', `https://music.amazon.com/tracks/${id}`, id);
  if (type === 'albums') return link('amazon-music', 'album', `https://music.amazon.com/albums/${id}`, id);
  if (type === 'artists') return link('amazon-music', 'artist', `https://music.amazon.com/artists/${id}`, id);
  if (type === 'playlists' || type === 'user-playlists')
    return link('amazon-music', 'playlist', `https://music.amazon.com/playlists/${id}`, id);
  return undefined;
}

function qobuz(url: URL, host: string): Recognised | undefined {
  if (host === 'open.qobuz.com' || host === 'play.qobuz.com') {
    return typedNumeric(url, 'qobuz', (type, id) => `https://open.qobuz.com/${type}/${id}`);
  }
  // www.qobuz.com/{cc-lang}/album/{slug}/{id}
  const seg = segmentsOf(url).filter((s) => !COUNTRY.test(s));
  const type = seg[0]?.toLowerCase();
  const id = seg[seg.length - 1];
  if ((type === 'album' || type === 'track') && id !== undefined && seg.length >= 2 && SLUG.test(id)) {
    return link('qobuz', type, `https://open.qobuz.com/${type}/${id}`, id);
  }
  return undefined;
}

function pandora(url: URL): Recognised | undefined {
  const seg = segmentsOf(url);
  const last = seg[seg.length - 1];
  if (last === undefined || !SLUG.test(last)) return undefined;
  // pandora.com/artist/{artist}/{album}/{track}/TR{id}; AL… albums, AR… artists.
  const kind: LinkKind | undefined = last.startsWith('TR')
    ? 'track'
    : last.startsWith('AL')
      ? 'album'
      : last.startsWith('AR')
        ? 'artist'
        : undefined;
  if (kind === undefined) return undefined;
  return link('pandora', kind, `https://www.pandora.com/${kind}/${last}`, last);
}

function yandex(url: URL, host: string): Recognised | undefined {
  const seg = segmentsOf(url);
  const tld = host.slice('music.yandex.'.length);
  // /album/{id}/track/{id}, /track/{id}, /album/{id}, /artist/{id}
  const trackAt = seg.findIndex((s) => s === 'track');
  if (trackAt >= 0 && seg[trackAt + 1] !== undefined && DIGITS.test(seg[trackAt + 1] ?? '')) {
    const id = seg[trackAt + 1] ?? '';
    return link('yandex', 'track', `https://music.yandex.${tld}/track/${id}`, id);
  }
  const type = seg[0];
  const id = seg[1];
  if (id === undefined || !DIGITS.test(id)) return undefined;
  if (type === 'album') return link('yandex', 'album', `https://music.yandex.${tld}/album/${id}`, id);
  if (type === 'artist') return link('yandex', 'artist', `https://music.yandex.${tld}/artist/${id}`, id);
  if (type === 'users' || type === 'playlists') return link('yandex', 'playlist', `https://music.yandex.${tld}${url.pathname}`, id);
  return undefined;
}

const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtu.be',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);

export function recogniseUrl(url: URL): Recognised | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = hostOf(url);
  if (YOUTUBE_HOSTS.has(host)) return youtube(url, host);
  if (host === 'open.spotify.com' || host === 'play.spotify.com' || host === 'spotify.link' || host === 'spotify.app.link')
    return spotify(url, host);
  if (host === 'music.apple.com' || host === 'geo.music.apple.com' || host === 'itunes.apple.com') return apple(url);
  if (host === 'deezer.com' || host === 'www.deezer.com')
    return typedNumeric(url, 'deezer', (t, id) => `https://www.deezer.com/${t}/${id}`);
  if (host === 'deezer.page.link' || host === 'link.deezer.com') {
    const code = url.pathname.slice(1);
    return code !== '' && code.length <= 200 ? link('deezer', 'short', `https://${host}${url.pathname}`, code) : undefined;
  }
  if (host === 'soundcloud.com' || host === 'www.soundcloud.com' || host === 'm.soundcloud.com' || host === 'on.soundcloud.com') {
    return soundcloud(url, host);
  }
  if (host === 'tidal.com' || host === 'www.tidal.com' || host === 'listen.tidal.com') {
    return typedNumeric(url, 'tidal', (t, id) => `https://tidal.com/browse/${t}/${id}`);
  }
  if (host.endsWith('.bandcamp.com')) return bandcamp(url, host);
  if (host === 'freemusicarchive.org' || host === 'www.freemusicarchive.org') return fma(url);
  if (host === 'music.amazon.com' || /^music\.amazon\.[a-z.]{2,6}$/.test(host)) return amazon(url);
  if (host === 'open.qobuz.com' || host === 'play.qobuz.com' || host === 'www.qobuz.com' || host === 'qobuz.com') return qobuz(url, host);
  if (host === 'www.pandora.com' || host === 'pandora.com') return pandora(url);
  if (/^music\.yandex\.(ru|com|by|kz|uz)$/.test(host)) return yandex(url, host);
  if (host === 'genius.com' || host === 'www.genius.com') return genius(url);
  if (host === 'jamendo.com' || host === 'www.jamendo.com' || host === 'licensing.jamendo.com') return jamendo(url);
  return undefined;
}
