/**
 * Answers track links: by platform id where a dataset carries it (YouTube, YouTube Music,
 * Spotify, FMA), otherwise through the resolver's title and artist and a search. A row
 * found by id lends its title and artist to a search of every dataset, so a Spotify link
 * is also answered for LAION-DISCO-12M's YouTube rows of the same song: the datasets key
 * rows by different platforms, so this is the common case. All links of one message go
 * into one reply (link-reply.ts).
 */
import type { IndexInfo, Platform } from '../index/schema.js';
import { PLATFORM_NAMES } from '../links/platform-names.js';
import type { LinkPlatform, RecognisedLink, ResolveOutcome } from '../links/types.js';
import type { TrackMatch } from '../search/port.js';
import type { LookupContext } from './context.js';
import { absences, statusOf } from './song-search.js';
import type { QueryStatus } from './types.js';
import { datasetName, inIndexOrder, STATUS_LABEL } from './wording.js';

export interface LinkAnswer {
  link: RecognisedLink;
  status: QueryStatus;
  /** Why an `unchecked` link could not be checked. */
  reason?: string | undefined;
  matches: TrackMatch[];
  /** One line for the reply body: the status, what was checked and how. */
  line: string;
  /** Searched datasets holding nothing for this link, and those holding only candidates. */
  notFoundIn: string[];
  candidatesOnlyIn: string[];
}

/** Distinct rows found by id whose title and artists are searched in every dataset (a YouTube id can sit in two datasets). */
const MAX_SAME_SONG_SEARCHES = 3;
const SAME_SONG_ROWS = 50;
const TRY_INSTEAD = 'try /trained song:<title> artist:<name>.';

const rowId = (m: TrackMatch): string => `${m.dataset}:${m.rowKey}`;

function unchecked(link: RecognisedLink, reason: string, line: string): LinkAnswer {
  return {
    link,
    status: 'unchecked',
    reason,
    matches: [],
    line: `${STATUS_LABEL.unchecked} · ${line}`,
    notFoundIn: [],
    candidatesOnlyIn: [],
  };
}

/** "LAION-DISCO-12M (row x)" or "Spotify Tracks Dataset (3 rows)" per dataset. */
function whereFound(matches: readonly TrackMatch[], info: IndexInfo | undefined): string {
  return inIndexOrder(
    info,
    matches.map((m) => m.dataset),
  )
    .map((d) => {
      const rows = matches.filter((m) => m.dataset === d);
      return `${datasetName(info, d)} (${rows.length === 1 ? `row ${rows[0]?.rowKey ?? ''}` : `${rows.length} rows`})`;
    })
    .join(', ');
}

/** A finished answer: status from the rows, absences over the datasets searched, and the body line. */
function answer(link: RecognisedLink, matches: TrackMatch[], searched: readonly string[], what: string): LinkAnswer {
  const status = statusOf(matches);
  const totals: Record<string, number> = {};
  for (const m of matches) if (m.basis === 'id' || m.basis === 'exact') totals[m.dataset] = (totals[m.dataset] ?? 0) + 1;
  return {
    link,
    status,
    matches,
    line: `${STATUS_LABEL[status]} · ${link.normalizedUrl}: ${what}`,
    ...absences(searched, matches, totals),
  };
}

/**
 * Rows of every dataset with the same title and the same artist as the rows found by id:
 * the same song under another platform's key. The artist is the row's first (primary)
 * credit, matched however another row writes it; a co-credited artist's own song of the
 * same title is not this one. Rows without artists lend nothing: a title alone names no song.
 */
async function sameSongElsewhere(ctx: LookupContext, found: readonly TrackMatch[]): Promise<{ rows: TrackMatch[]; searched: boolean }> {
  const seen = new Set(found.map(rowId));
  const sources = new Map<string, TrackMatch>();
  for (const m of found) {
    const primary = m.artists[0];
    if (primary === undefined || primary.trim() === '') continue;
    const key = `${m.title}\u0000${primary}`;
    if (!sources.has(key) && sources.size < MAX_SAME_SONG_SEARCHES) sources.set(key, m);
  }
  const results = await Promise.all(
    [...sources.values()].map(async (src) => {
      // Only the rows that are the song: similar titles would be noise under a link's answer.
      const res = await ctx.search.searchTracks(
        { title: src.title, artist: src.artists[0], perPage: SAME_SONG_ROWS, candidates: false },
        { signal: ctx.signal },
      );
      // One song: the linked row's group takes these rows in.
      return res.matches.filter((m) => m.basis === 'exact').map((m) => ({ ...m, songKey: src.songKey }));
    }),
  );
  const rows: TrackMatch[] = [];
  for (const m of results.flat()) {
    if (seen.has(rowId(m))) continue;
    seen.add(rowId(m));
    rows.push(m);
  }
  return { rows, searched: sources.size > 0 };
}

/** Rows found by id, then the same song everywhere: the answer and which datasets were searched. */
async function foundById(
  ctx: LookupContext,
  link: RecognisedLink,
  byId: TrackMatch[],
  info: IndexInfo | undefined,
  idSearched: readonly string[],
  how: string,
): Promise<LinkAnswer> {
  const same = await sameSongElsewhere(ctx, byId);
  const all = (info?.datasets ?? []).map((d) => d.id);
  const searched = same.searched ? all : [...new Set([...idSearched, ...byId.map((m) => m.dataset)])];
  const parts = [`${how} in ${whereFound(byId, info)}`];
  if (same.rows.length > 0) parts.push(`same title and artist as the linked track in ${whereFound(same.rows, info)}`);
  else if (!same.searched)
    parts.push(
      byId.every((m) => m.title.trim() === '')
        ? 'the row names no title, so other datasets were not searched by title'
        : 'the row names no artist, so other datasets were not searched by title',
    );
  return answer(link, [...byId, ...same.rows], searched, `${parts.join('; ')}.`);
}

async function bySearch(ctx: LookupContext, link: RecognisedLink, info: IndexInfo | undefined, prefix: string): Promise<LinkAnswer> {
  const name = PLATFORM_NAMES[link.platform];
  if (ctx.resolver === undefined) {
    return unchecked(
      link,
      `${name} links can't be checked by link here`,
      `${prefix}${name} link recognised, but it can't be checked by link — ${TRY_INSTEAD}`,
    );
  }
  const outcome: ResolveOutcome = await ctx.resolver.resolve(link, ctx.signal);
  if (!outcome.ok) {
    // A short link may have been followed to an id-bearing link whose own metadata was unreadable.
    const target = outcome.resolvedLink;
    if (target?.id !== undefined && target.kind === 'track' && idPlatform(target.platform) !== undefined) {
      const viaId = await lookupOne(ctx, target, info, false);
      return { ...viaId, link, line: viaId.line.replace(' · ', ` · ${link.normalizedUrl}: short link → `) };
    }
    const why: Record<typeof outcome.reason, string> = {
      'not-a-track': `this ${name} link is not a track`,
      unsupported: `${name} link recognised, but it can't be checked by link — ${TRY_INSTEAD}`,
      disabled: `${name} link not checked: this bot does not look links up on other sites (RESOLVE_LINKS=false) — ${TRY_INSTEAD}`,
      timeout: `couldn't read this ${name} link's details in time — ${TRY_INSTEAD}`,
      failed: `couldn't read this ${name} link's details — ${TRY_INSTEAD}`,
      'not-found': `${name} found no track at this link`,
    };
    return unchecked(link, why[outcome.reason].replace(/ — .*$/, ''), `${prefix}${why[outcome.reason]}.`);
  }
  const track = outcome.track;
  const resolved = track.resolvedLink;
  if (resolved?.id !== undefined && resolved.kind === 'track' && idPlatform(resolved.platform) !== undefined) {
    const viaId = await lookupOne(ctx, resolved, info, false);
    // A short link's target, or the song id a Genius page names.
    const via = link.kind === 'short' ? 'short link' : `${name} page`;
    if (viaId.status === 'found') return { ...viaId, link, line: viaId.line.replace(' · ', ` · ${link.normalizedUrl}: ${via} → `) };
  }
  const res = await ctx.search.searchTracks({ title: track.title, artist: track.artist, perPage: 10 }, { signal: ctx.signal });
  // Without an artist the rows only share the title: candidates, never the song.
  const matches = res.matches.map((m) => (m.basis === 'title' ? { ...m, basis: 'fuzzy' as const } : m));
  const what = `"${track.title}"${track.artist !== undefined ? ` by ${track.artist}` : ''}`;
  const hits = matches.filter((m) => m.basis === 'exact');
  const verdict =
    hits.length > 0 ? `same title and artist in ${whereFound(hits, info)}` : matches.length > 0 ? 'only similar titles found' : 'not found';
  const searched = (info?.datasets ?? []).map((d) => d.id);
  return answer(
    link,
    matches,
    searched,
    `${prefix}${name}: ${what} (title and artist via ${track.source}, searched by title): ${verdict}.`,
  );
}

/** The dataset platform whose ids a link carries. */
function idPlatform(platform: LinkPlatform): Platform | undefined {
  if (platform === 'youtube' || platform === 'youtube-music') return 'youtube';
  // Genius: a song id (Sleeping-DISCO-9M's row key) or a page path (its song_url), both held as ids.
  return platform === 'spotify' || platform === 'fma' || platform === 'genius' || platform === 'jamendo' ? platform : undefined;
}

/** FMA links carry the dataset's track_url path: find the row by its title and artist, and confirm by URL. */
async function fmaRows(ctx: LookupContext, link: RecognisedLink): Promise<TrackMatch[]> {
  const id = link.id ?? '';
  const direct = await ctx.search.lookupByPlatformId('fma', id, { signal: ctx.signal });
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
  const res = await ctx.search.searchTracks(
    { title: words(trackSlug), artist: words(artistSlug), dataset: 'fma', perPage: 50 },
    { signal: ctx.signal },
  );
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

export async function lookupOne(
  ctx: LookupContext,
  link: RecognisedLink,
  info: IndexInfo | undefined,
  allowFallback = true,
): Promise<LinkAnswer> {
  const name = PLATFORM_NAMES[link.platform];
  if (link.kind === 'album' || link.kind === 'artist' || link.kind === 'playlist' || link.kind === 'other') {
    const what = link.kind === 'other' ? 'not a track' : `a ${name} ${link.kind}, not a track`;
    const hint = link.kind === 'artist' ? ' For an artist, try /trained artist:<name>.' : '';
    return unchecked(link, what, `${link.normalizedUrl}: ${what}.${hint}`);
  }
  const platform = idPlatform(link.platform);
  if (link.kind === 'short' || platform === undefined || link.id === undefined) return bySearch(ctx, link, info, '');
  // Datasets whose rows carry this platform's ids: the ones an id lookup searches.
  const keyed = (info?.datasets ?? []).filter((d) => d.rowKeyPlatform === platform).map((d) => d.id);
  if (platform === 'fma') {
    const rows = await fmaRows(ctx, link);
    if (rows.some((m) => m.basis === 'id')) return foundById(ctx, link, rows, info, keyed, 'same FMA track URL');
    return answer(link, rows, keyed, rows.length > 0 ? 'similar titles only in FMA.' : 'not found in FMA.');
  }
  const byId = await ctx.search.lookupByPlatformId(platform, link.id, { signal: ctx.signal });
  if (byId.length > 0) return foundById(ctx, link, byId, info, keyed, `same ${name} id`);
  if (allowFallback && ctx.resolver !== undefined) {
    const viaTitle = await bySearch(ctx, link, info, `this ${name} id is in no dataset; `);
    if (viaTitle.status === 'found' || viaTitle.status === 'candidates') return viaTitle;
  }
  return answer(link, [], keyed, `this ${name} id is in no dataset.`);
}

/** Runs lookups a few at a time, so ten links cost at most a few round trips of concurrency. */
export async function lookupLinks(
  ctx: LookupContext,
  links: readonly RecognisedLink[],
  info: IndexInfo | undefined,
): Promise<LinkAnswer[]> {
  const out: LinkAnswer[] = new Array<LinkAnswer>(links.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < links.length) {
      const i = next++;
      const link = links[i];
      if (link !== undefined) out[i] = await lookupOne(ctx, link, info);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, links.length) }, worker));
  return out;
}
