/**
 * Album, playlist and artist links, expanded instead of refused: the release's tracks are read
 * from the platform's public listing (the resolver's `expand`), each is checked as a pasted track
 * link would be (by platform id where the listing gives one, else by its title and artist), and
 * the answer is a release summary: N of M tracks present, in which datasets, with the rows as a
 * CSV. At most MAX_RELEASE_TRACKS are checked within the message's deadline; the rest are named as
 * skipped. An artist link becomes the artist coverage answer.
 */
import type { IndexInfo } from '../index/schema.js';
import { PLATFORM_NAMES } from '../links/platform-names.js';
import type { RecognisedLink, ReleaseTrack } from '../links/types.js';
import type { TrackMatch } from '../search/port.js';
import { artistReply } from './artist-lookup.js';
import type { LookupContext } from './context.js';
import { toCsv } from './csv.js';
import { groupMatches } from './grouping.js';
import { lookupOne } from './link-lookup.js';
import { simpleReply } from './replies.js';
import type { QueryStatus, Reply } from './types.js';
import { contactNotes, datasetName, inIndexOrder, NOT_TRAINING_CLAIM, notFoundNote, plural, sampleNotes, STATUS_LABEL } from './wording.js';

/** Tracks of one release checked per message: a search each, within the link deadline. */
export const MAX_RELEASE_TRACKS = 25;
/** Skipped tracks named one by one; past this, counted. */
const MAX_SKIPPED_NAMED = 10;
const CONCURRENCY = 4;

interface TrackCheck {
  track: ReleaseTrack;
  status: QueryStatus;
  matches: TrackMatch[];
  reason?: string | undefined;
}

const trackName = (t: ReleaseTrack): string =>
  t.title !== undefined
    ? `${t.title}${t.artist !== undefined ? ` — ${t.artist}` : ''}`
    : `${PLATFORM_NAMES[t.link?.platform ?? 'spotify']} track ${t.link?.id ?? '?'}`;

async function checkTrack(ctx: LookupContext, t: ReleaseTrack, info: IndexInfo): Promise<TrackCheck> {
  if (t.link !== undefined) {
    const a = await lookupOne(ctx, t.link, info, false);
    return { track: t, status: a.status, matches: a.matches, reason: a.reason };
  }
  if (t.title === undefined) return { track: t, status: 'unchecked', matches: [], reason: 'the listing names no title' };
  const res = await ctx.search.searchTracks({ title: t.title, artist: t.artist, perPage: 10, candidates: false }, { signal: ctx.signal });
  // Without an artist, rows only share the title: not this track.
  const hits = t.artist === undefined ? [] : res.matches.filter((m) => m.basis === 'exact');
  return { track: t, status: hits.length > 0 ? 'found' : 'not-found', matches: hits };
}

async function checkAll(ctx: LookupContext, tracks: readonly ReleaseTrack[], info: IndexInfo): Promise<TrackCheck[]> {
  const out: (TrackCheck | undefined)[] = new Array<TrackCheck | undefined>(tracks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tracks.length && !ctx.signal.aborted) {
      const i = next++;
      const t = tracks[i];
      if (t !== undefined) out[i] = await checkTrack(ctx, t, info);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, tracks.length) }, worker));
  return tracks.map((t, i) => out[i] ?? { track: t, status: 'unchecked' as const, matches: [], reason: 'stopped at the time limit' });
}

function hitsOf(c: TrackCheck): TrackMatch[] {
  return c.matches.filter((m) => m.basis === 'id' || m.basis === 'exact');
}

function trackLine(c: TrackCheck, info: IndexInfo): string {
  const where = inIndexOrder(
    info,
    hitsOf(c).map((m) => m.dataset),
  ).map((d) => datasetName(info, d));
  const what =
    c.status === 'found'
      ? `present in ${where.join(', ')}`
      : c.status === 'unchecked'
        ? `unchecked (${c.reason ?? 'unknown'})`
        : STATUS_LABEL[c.status];
  return `${c.track.position}. ${trackName(c.track)}: ${what}`;
}

function releaseCsv(checks: readonly TrackCheck[], info: IndexInfo): string {
  const rows = checks.map((c) => {
    const hits = hitsOf(c);
    return [
      c.track.position,
      c.track.title ?? c.track.link?.normalizedUrl ?? '',
      c.track.artist ?? '',
      STATUS_LABEL[c.status],
      inIndexOrder(
        info,
        hits.map((m) => m.dataset),
      )
        .map((d) => datasetName(info, d))
        .join('; '),
      hits.map((m) => `${m.dataset}:${m.rowKey}`).join('; '),
      c.reason ?? '',
    ];
  });
  return toCsv(['position', 'track', 'artist', 'status', 'dataset(s)', 'row keys', 'note'], rows);
}

export async function releaseReply(ctx: LookupContext, link: RecognisedLink, info: IndexInfo): Promise<Reply> {
  const name = PLATFORM_NAMES[link.platform];
  const expand = ctx.resolver?.expand;
  if (expand === undefined)
    return simpleReply('info', `This ${name} ${link.kind} can't be checked here: try /trained list with its track links.`);
  const outcome = await expand.call(ctx.resolver, link, ctx.signal);
  if (!outcome.ok) {
    const why = outcome.detail ?? `${name} ${link.kind}s can't be read without a key`;
    const hint =
      link.kind === 'artist' ? 'try /trained artist:<name>' : 'try /trained list with its track links, or /trained album:<title>';
    return simpleReply('info', `This ${name} ${link.kind} can't be checked: ${why}.`, [
      `${STATUS_LABEL.unchecked} · ${link.normalizedUrl}: ${hint}.`,
    ]);
  }
  if (outcome.kind === 'artist') {
    const reply = await artistReply(ctx, outcome.name);
    return { ...reply, body: [`${name} artist link → "${outcome.name}" (name via ${outcome.source}).`, ...(reply.body ?? [])] };
  }
  const checked = outcome.tracks.slice(0, MAX_RELEASE_TRACKS);
  const skipped = outcome.tracks.slice(MAX_RELEASE_TRACKS);
  const checks = await checkAll(ctx, checked, info);
  const present = checks.filter((c) => c.status === 'found');
  const matches = checks.flatMap(hitsOf);
  const groups = groupMatches(matches, info, 10);
  const datasets = inIndexOrder(
    info,
    matches.map((m) => m.dataset),
  );
  const label = `${name} ${outcome.kind}${outcome.title !== undefined ? ` "${outcome.title}"` : ''}${outcome.artist !== undefined ? ` by ${outcome.artist}` : ''}`;
  const of = `${present.length} of ${plural(checks.length, 'track')}`;
  const body = [
    `Track list via ${outcome.source}; each track checked by its id, or by its title and artist.`,
    ...checks.map((c) => trackLine(c, info)),
  ];
  const unlisted = Math.max(0, outcome.total - outcome.tracks.length);
  if (skipped.length > 0 || unlisted > 0) {
    const named = skipped.slice(0, MAX_SKIPPED_NAMED).map((t) => `${t.position}. ${trackName(t)}`);
    const rest = skipped.length - named.length + unlisted;
    body.push(
      `Checked the first ${MAX_RELEASE_TRACKS} tracks (at most ${MAX_RELEASE_TRACKS} a release); not checked: ${[...named, ...(rest > 0 ? [`${plural(rest, 'more track')}`] : [])].join('; ')}. Paste their links into /trained list to check them.`,
    );
  }
  const csv = { filename: 'trained-release.csv', contentType: 'text/csv', content: releaseCsv(checks, info) };
  if (present.length === 0) {
    return {
      tone: 'not-found',
      headline: `${label}: none of the ${plural(checks.length, 'track')} checked was found.`,
      body,
      groups: [],
      notes: [notFoundNote(info), ...sampleNotes(info)],
      actions: [],
      attachments: [csv],
    };
  }
  return {
    tone: 'found',
    headline: `${label}: ${of} present, in ${datasets.map((d) => datasetName(info, d)).join(', ')}.`,
    body,
    groups,
    notes: [NOT_TRAINING_CLAIM, ...contactNotes(info, datasets), ...sampleNotes(info)],
    actions: [],
    attachments: [csv],
  };
}

const isRelease = (l: RecognisedLink): boolean => l.kind === 'album' || l.kind === 'playlist' || l.kind === 'artist';

/** One album, playlist or artist link alone: answered as a release, not as a track. */
export function isReleaseMessage(links: readonly RecognisedLink[], skipped: number): boolean {
  return links.length === 1 && skipped === 0 && links[0] !== undefined && isRelease(links[0]);
}
