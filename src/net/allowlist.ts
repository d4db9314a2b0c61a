/**
 * The hosts each outbound endpoint may talk to (reliability item 20). A pasted link's own
 * host is never fetched unless it is listed here for that endpoint. Redirects are
 * re-checked against the same endpoint's list, hop by hop.
 */

export type EndpointName = 'itunes' | 'deezer' | 'youtube' | 'spotify' | 'soundcloud' | 'tidal' | 'bandcamp' | 'genius' | 'shortlinks';

export const ENDPOINT_NAMES: readonly EndpointName[] = [
  'itunes',
  'deezer',
  'youtube',
  'spotify',
  'soundcloud',
  'tidal',
  'bandcamp',
  'genius',
  'shortlinks',
];

interface HostRule {
  /** Exact host names. */
  hosts: readonly string[];
  /** `{one label}.suffix`, e.g. an artist's `name.bandcamp.com` page. */
  oneLabelUnder?: string;
}

export const ALLOWED_HOSTS: Readonly<Record<EndpointName, HostRule>> = {
  itunes: { hosts: ['itunes.apple.com'] },
  deezer: { hosts: ['api.deezer.com'] },
  youtube: { hosts: ['www.youtube.com'] },
  spotify: { hosts: ['open.spotify.com'] },
  soundcloud: { hosts: ['soundcloud.com'] },
  // oEmbed first; the track page's title when oEmbed names no artist.
  tidal: { hosts: ['oembed.tidal.com', 'tidal.com'] },
  // Bandcamp has no API or oEmbed: the track page's own metadata is read, on artist subdomains only.
  bandcamp: { hosts: [], oneLabelUnder: 'bandcamp.com' },
  // Genius song pages (title, artist, song id) and its song API at /api/songs/{id}, both on genius.com.
  genius: { hosts: ['genius.com'] },
  // Short-link services, followed one redirect at a time; the final target is recognised, not fetched.
  shortlinks: { hosts: ['spotify.link', 'spotify.app.link', 'on.soundcloud.com', 'deezer.page.link', 'link.deezer.com'] },
};

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Host names compare case-insensitively and without a trailing dot. */
export function canonicalHost(hostname: string): string {
  const lower = hostname.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export function isHostAllowed(endpoint: EndpointName, hostname: string): boolean {
  const host = canonicalHost(hostname);
  const rule = ALLOWED_HOSTS[endpoint];
  if (rule.hosts.includes(host)) return true;
  if (rule.oneLabelUnder === undefined) return false;
  const suffix = `.${rule.oneLabelUnder}`;
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, -suffix.length);
  return LABEL.test(label) && label !== 'www';
}

/** Which endpoint a short link's host belongs to, for following its redirects. */
export function isShortLinkHost(hostname: string): boolean {
  return isHostAllowed('shortlinks', hostname);
}
