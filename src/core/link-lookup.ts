/**
 * Answers track links: by platform id where a dataset carries it (YouTube, YouTube Music,
 * Spotify, FMA), otherwise through the resolver's title and artist and a search. All links
 * of one message go into one reply.
 */
import { normalizeArtist, normalizeTitle } from '../index/normalize.js';
import type { IndexInfo } from '../index/schema.js';
import type { LinkPlatform, RecognisedLink, ResolveOutcome } from '../links/types.js';
import type { TrackMatch } from '../search/port.js';
import type { CommandContext } from './context.js';
import { datasetsWithHits, groupMatches } from './grouping.js';
import type { Reply, SongGroup } from './types.js';
import { absentNote, NOT_TRAINING_CLAIM, notFoundNote, sampleNotes } from './wording.js';

export type LinkStatus = 'found' | 'candidates' | 'not-found' | 'not-a-track' | 'unchecked' | 'failed';

export interface LinkAnswer {
  link: RecognisedLink;
  status: LinkStatus;
  matches: TrackMatch[];
  /** One line for the reply body: what was checked and how. */
  line: string;
}

const PLATFORM_NAME: Record<LinkPlatform, string> = {
  youtube: 'YouTube',
  'youtube-music': 'YouTube Music',
  spotify: 'Spotify',
  'apple-music': 'Apple Music',
  deezer: 'Deezer',
  soundcloud: 'SoundCloud',
  tidal: 'Tidal',
  bandcamp: 'Bandcamp',
  fma: 'Free Music Archive',
  'amazon-music': 'Amazon Music',
  qobuz: 'Qobuz',
  pandora: 'Pandora',
  yandex: 'Yandex Music',
  genius: 'Genius',
};

function statusOf(matches: readonly TrackMatch[]): LinkStatus {
  if (matches.some((m) => m.basis !== 'fuzzy')) return 'found';
  return matches.length > 0 ? 'candidates' : 'not-found';
}

/** Exact only when the normalised title AND artist are equal; everything else is a candidate. */
function judge(matches: readonly TrackMatch[], title: string, artist: string | undefined): TrackMatch[] {
  const t = normalizeTitle(title);
  const a = artist === undefined ? '' : normalizeArtist(artist);
  return matches.map((m) => {
    const same = a !== '' && normalizeTitle(m.title) === t && m.artists.some((x) => normalizeArtist(x) === a);
    return { ...m, basis: same ? 'exact' : 'fuzzy' };
  });
}

async function bySearch(ctx: CommandContext, link: RecognisedLink, signal: AbortSignal, prefix: string): Promise<LinkAnswer> {
  const name = PLATFORM_NAME[link.platform];
  if (ctx.resolver === undefined) {
    return {
      link,
      status: 'unchecked',
      matches: [],
      line: `${prefix}${name} link recognised, but it can't be checked by link yet — try /trained song:<title> artist:<name>.`,
    };
  }
  const outcome: ResolveOutcome = await ctx.resolver.resolve(link, signal);
  if (!outcome.ok) {
    // A short link may have been followed to an id-bearing link whose own metadata was unreadable.
    const target = (outcome as { resolvedLink?: RecognisedLink | undefined }).resolvedLink;
    if (target?.id !== undefined && target.kind === 'track' && byId(target.platform)) {
      const viaId = await lookupOne(ctx, target, signal, false);
      return { ...viaId, link, line: `${prefix}short link → ${viaId.line}` };
    }
    if (outcome.reason === 'not-a-track')
      return { link, status: 'not-a-track', matches: [], line: `${prefix}this ${name} link is not a track.` };
    const tryInstead = 'try /trained song:<title> artist:<name>.';
    const line: Record<typeof outcome.reason, string> = {
      unsupported: `${name} link recognised, but it can't be checked by link — ${tryInstead}`,
      disabled: `${name} link not checked: this bot does not look links up on other sites (RESOLVE_LINKS=false) — ${tryInstead}`,
      timeout: `couldn't read this ${name} link's details in time — ${tryInstead}`,
      failed: `couldn't read this ${name} link's details — ${tryInstead}`,
      'not-found': `${name} found no track at this link.`,
    };
    return {
      link,
      status: outcome.reason === 'not-found' ? 'not-found' : 'failed',
      matches: [],
      line: `${prefix}${line[outcome.reason]}`,
    };
  }
  const track = outcome.track;
  const resolved = track.resolvedLink;
  if (resolved !== undefined && resolved.id !== undefined && resolved.kind === 'track' && byId(resolved.platform)) {
    const viaId = await lookupOne(ctx, resolved, signal, false);
    // A short link's target, or the song id a Genius page names.
    const via = link.kind === 'short' ? 'short link' : `${name} page`;
    if (viaId.status === 'found') return { ...viaId, link, line: `${prefix}${via} → ${viaId.line}` };
  }
  const res = await ctx.search.searchTracks({ title: track.title, artist: track.artist, perPage: 10 });
  const matches = judge(res.matches, track.title, track.artist);
  const what = `"${track.title}"${track.artist !== undefined ? ` by ${track.artist}` : ''}`;
  const status = statusOf(matches);
  const verdict = status === 'found' ? 'same title and artist found' : status === 'candidates' ? 'only similar titles found' : 'not found';
  return {
    link,
    status,
    matches,
    line: `${prefix}${name}: ${what} (title and artist via ${track.source}, searched by title): ${verdict}.`,
  };
}

function byId(platform: LinkPlatform): boolean {
  return platform === 'youtube' || platform === 'youtube-music' || platform === 'spotify' || platform === 'fma' || platform === 'genius';
}

/** FMA links carry the dataset's track_url path: find the row by its title and artist, and confirm by URL. */
async function fmaLookup(ctx: CommandContext, link: RecognisedLink): Promise<TrackMatch[]> {
  const id = link.id ?? '';
  const direct = await ctx.search.lookupByPlatformId('fma', id);
  if (direct.length > 0) return direct;
  const [artistSlug = '', , trackSlug = ''] = id.split('/');
  const words = (s: string): string => {
    let text = s;
    try {
      text = decodeURIComponent(s);
    } catch {
      // Not valid percent-encoding: search the slug as written.
    }
    return text.replace(/_/g, ' ');
  };
  const res = await ctx.search.searchTracks({ title: words(trackSlug), artist: words(artistSlug), dataset: 'fma', perPage: 50 });
  const canonical = link.normalizedUrl.toLowerCase();
  const byUrl = (u: string | undefined): boolean =>
    u !== undefined &&
    u
      .toLowerCase()
      .replace(/^http:/, 'https:')
      .replace(/\/$/, '') === canonical;
  const confirmed = res.matches.filter((m) => byUrl(m.url)).map((m) => ({ ...m, basis: 'id' as const }));
  return confirmed.length > 0 ? confirmed : res.matches.map((m) => ({ ...m, basis: 'fuzzy' as const }));
}

export async function lookupOne(ctx: CommandContext, link: RecognisedLink, signal: AbortSignal, allowFallback = true): Promise<LinkAnswer> {
  const name = PLATFORM_NAME[link.platform];
  if (link.kind === 'album' || link.kind === 'artist' || link.kind === 'playlist' || link.kind === 'other') {
    const what = link.kind === 'other' ? 'not a track' : `a ${name} ${link.kind}, not a track`;
    const hint = link.kind === 'artist' ? ' For an artist, try /trained artist:<name>.' : '';
    return { link, status: 'not-a-track', matches: [], line: `${link.normalizedUrl}: ${what}.${hint}` };
  }
  if (link.kind === 'short' || !byId(link.platform) || link.id === undefined) return bySearch(ctx, link, signal, `${link.normalizedUrl}: `);
  if (link.platform === 'fma') {
    const matches = await fmaLookup(ctx, link);
    const status = statusOf(matches);
    const line = status === 'found' ? 'same FMA track URL' : status === 'candidates' ? 'similar titles only' : 'not found';
    return { link, status, matches, line: `${link.normalizedUrl}: ${line}.` };
  }
  // Genius: a song id (Sleeping-DISCO-9M's row key) or a page path (its song_url), both held as ids.
  const platform = link.platform === 'spotify' ? 'spotify' : link.platform === 'genius' ? 'genius' : 'youtube';
  const matches = await ctx.search.lookupByPlatformId(platform, link.id);
  if (matches.length > 0) return { link, status: 'found', matches, line: `${link.normalizedUrl}: same ${name} id found.` };
  if (allowFallback && ctx.resolver !== undefined) {
    const viaTitle = await bySearch(ctx, link, signal, `${link.normalizedUrl}: this ${name} id is in no dataset; `);
    if (viaTitle.status === 'found' || viaTitle.status === 'candidates') return viaTitle;
  }
  return { link, status: 'not-found', matches: [], line: `${link.normalizedUrl}: this ${name} id is in no dataset.` };
}

/** Runs lookups a few at a time, so ten links cost at most a few round trips of concurrency. */
export async function lookupLinks(ctx: CommandContext, links: readonly RecognisedLink[], signal: AbortSignal): Promise<LinkAnswer[]> {
  const out: LinkAnswer[] = new Array<LinkAnswer>(links.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < links.length) {
      const i = next++;
      const link = links[i];
      if (link !== undefined) out[i] = await lookupOne(ctx, link, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, links.length) }, worker));
  return out;
}

export function linksReply(answers: readonly LinkAnswer[], info: IndexInfo | undefined, visibility: Reply['visibility']): Reply {
  const all = answers.flatMap((a) => a.matches);
  const groups: SongGroup[] = groupMatches(all, info);
  const hits = datasetsWithHits(groups);
  const found = answers.filter((a) => a.status === 'found').length;
  const checked = answers.filter((a) => a.status === 'found' || a.status === 'candidates' || a.status === 'not-found').length;
  const n = answers.length;
  const links = n === 1 ? 'this link' : `${n} links`;
  const notes = [...sampleNotes(info)];
  let tone: Reply['tone'];
  let headline: string;
  if (found > 0) {
    tone = 'found';
    headline = n === 1 ? 'This track is present in the indexed datasets.' : `${found} of ${links} present in the indexed datasets.`;
    const absent = absentNote(info, hits);
    notes.unshift(...(absent === undefined ? [] : [absent]), NOT_TRAINING_CLAIM);
  } else if (answers.some((a) => a.status === 'candidates')) {
    tone = 'candidates';
    headline = `No exact match for ${links}; similar titles are shown as candidates.`;
    notes.unshift(notFoundNote(info));
  } else if (checked > 0) {
    tone = 'not-found';
    headline = n === 1 ? 'This track was not found.' : `None of ${links} was found.`;
    notes.unshift(notFoundNote(info));
  } else {
    tone = 'info';
    headline = n === 1 ? "This link can't be checked." : `None of ${links} can be checked.`;
  }
  return { tone, headline, body: answers.map((a) => a.line), groups, notes, actions: [], visibility };
}
