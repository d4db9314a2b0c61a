/**
 * Finds URL-like tokens in chat text in one linear pass: no regular expression ever runs
 * over the whole message, only over short tokens, and each token is bounded in length.
 */

/** Longest token considered a URL; anything longer is not a link people paste. */
export const MAX_TOKEN_CHARS = 2048;
/** Tokens handed to the URL parser per message; the rest of a flood is ignored. */
export const MAX_CANDIDATES = 200;

/** Characters that end a token: whitespace, and the brackets chat markup wraps links in (`<url>`, `<url|label>`, `[x](url)`). */
function isBoundary(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0x7f ||
    code === 0x3c /* < */ ||
    code === 0x3e /* > */ ||
    code === 0x7c /* | */ ||
    code === 0x22 /* " */ ||
    code === 0x28 /* ( */ ||
    code === 0x29 /* ) */ ||
    code === 0x5b /* [ */ ||
    code === 0x5d /* ] */ ||
    code === 0x60 /* ` */ ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '*', '_', '~', '}', '{']);

/** Hosts recognised without a scheme ("youtu.be/abc"); with a scheme any host is a candidate. */
const BARE_PREFIXES = [
  'youtu.be/',
  'youtube.com/',
  'www.youtube.com/',
  'm.youtube.com/',
  'music.youtube.com/',
  'youtube-nocookie.com/',
  'www.youtube-nocookie.com/',
  'open.spotify.com/',
  'spotify.link/',
  'music.apple.com/',
  'geo.music.apple.com/',
  'itunes.apple.com/',
  'deezer.com/',
  'www.deezer.com/',
  'deezer.page.link/',
  'link.deezer.com/',
  'soundcloud.com/',
  'on.soundcloud.com/',
  'tidal.com/',
  'listen.tidal.com/',
  'freemusicarchive.org/',
  'music.amazon.com/',
  'open.qobuz.com/',
  'www.pandora.com/',
  'pandora.com/',
  'music.yandex.ru/',
  'music.yandex.com/',
  'genius.com/',
  'jamendo.com/',
  'www.jamendo.com/',
];

function trimTrailing(token: string): string {
  let end = token.length;
  while (end > 0 && TRAILING.has(token[end - 1] ?? '')) end--;
  return token.slice(0, end);
}

/** A candidate: an absolute URL string to parse, or a `spotify:` URI. */
export interface Candidate {
  /** As written (trimmed). */
  raw: string;
  /** With a scheme added when it was written without one. */
  href: string;
}

function toCandidate(token: string): Candidate | undefined {
  const t = trimTrailing(token);
  if (t.length < 8) return undefined;
  const lower = t.toLowerCase();
  if (lower.startsWith('spotify:')) return { raw: t, href: t };
  const scheme = lower.indexOf('://');
  if (scheme >= 0) {
    const start = Math.max(lower.lastIndexOf('http', scheme), 0);
    const proto = lower.slice(start, scheme);
    if (proto !== 'http' && proto !== 'https') return undefined;
    return { raw: t.slice(start), href: t.slice(start) };
  }
  const bareHost = lower.endsWith('.bandcamp.com') || lower.includes('.bandcamp.com/');
  if (bareHost || BARE_PREFIXES.some((p) => lower.startsWith(p))) return { raw: t, href: `https://${t}` };
  return undefined;
}

/** URL-like tokens in order of appearance, at most MAX_CANDIDATES. */
export function findCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  let start = -1;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const boundary = i === n || isBoundary(text.charCodeAt(i));
    if (!boundary) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const len = i - start;
    // Cheap filters before slicing: long runs are not links, and a link has a ':' or a '/'.
    if (len >= 8 && len <= MAX_TOKEN_CHARS) {
      const token = text.slice(start, i);
      if (token.includes('/') || token.includes(':')) {
        const c = toCandidate(token);
        if (c !== undefined) {
          out.push(c);
          if (out.length >= MAX_CANDIDATES) return out;
        }
      }
    }
    start = -1;
  }
  return out;
}
