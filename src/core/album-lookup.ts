/**
 * `/trained album:<name> [artist:<name>]`: a release's rows per dataset and which of its titles
 * are present, grouped by song, with the rows as a CSV. The index is matched by album key
 * (albumKey) and, when given, the artist's credit; without an artist, a common album title
 * ("Greatest Hits") gathers many artists' releases, and the answer says so.
 */
import type { IndexInfo } from '../index/schema.js';
import type { AlbumResult, TrackMatch } from '../search/port.js';
import type { LookupContext } from './context.js';
import { toCsv } from './csv.js';
import { groupMatches } from './grouping.js';
import { notReadyReply, simpleReply } from './replies.js';
import type { Reply, ReplyAttachment } from './types.js';
import { absentNote, contactNotes, datasetName, inIndexOrder, NOT_TRAINING_CLAIM, notFoundNote, plural, sampleNotes } from './wording.js';

export interface AlbumAsk {
  album: string;
  artist?: string | undefined;
}

/** Titles listed in the reply body; the CSV holds every row. */
const MAX_LISTED_TITLES = 30;
/** Song groups shown with their evidence. */
const MAX_GROUPS = 10;

const quoted = (q: AlbumAsk): string => `"${q.album}"${q.artist !== undefined && q.artist !== '' ? ` by ${q.artist}` : ''}`;

/** The CSV of a release's rows (also the file a release summary for an album link carries). */
export function albumCsv(matches: readonly TrackMatch[], info: IndexInfo | undefined, filename = 'trained-album.csv'): ReplyAttachment {
  const rows = matches.map((m) => [datasetName(info, m.dataset), m.dataset, m.rowKey, m.title, m.artists.join('; '), m.album, m.url]);
  return {
    filename,
    contentType: 'text/csv',
    content: toCsv(['dataset_name', 'dataset', 'row_key', 'title', 'artists', 'album', 'url'], rows),
  };
}

/** "Title — LAION-DISCO-12M, FMA" per song of the release, in the order the rows came. */
function titleLines(result: AlbumResult, info: IndexInfo | undefined): string[] {
  const bySong = new Map<string, { title: string; datasets: Set<string> }>();
  for (const m of result.matches) {
    const song = bySong.get(m.songKey) ?? { title: m.title, datasets: new Set<string>() };
    if (m.version === undefined && m.title.length < song.title.length) song.title = m.title;
    song.datasets.add(m.dataset);
    bySong.set(m.songKey, song);
  }
  const lines = [...bySong.values()].slice(0, MAX_LISTED_TITLES).map(
    (s) =>
      `  ${s.title} — ${inIndexOrder(info, s.datasets)
        .map((d) => datasetName(info, d))
        .join(', ')}`,
  );
  const more = bySong.size - MAX_LISTED_TITLES;
  if (more > 0) lines.push(`  … and ${plural(more, 'more title')} (all in the CSV).`);
  return [`${plural(bySong.size, 'title')} of this album are present:`, ...lines];
}

export async function albumLookup(ctx: LookupContext, q: AlbumAsk): Promise<Reply> {
  const album = q.album.trim();
  if (album === '') return simpleReply('problem', 'Give an album title: /trained album album:<title> artist:<name>.');
  const info = await ctx.search.indexInfo({ signal: ctx.signal });
  if (info === undefined) return notReadyReply();
  const result = await ctx.search.albumTracks({ album, artist: q.artist }, { signal: ctx.signal });
  if (result.total === 0) {
    return {
      ...simpleReply('not-found', `No rows of the album ${quoted(q)}.`),
      notes: [notFoundNote(info), ...sampleNotes(info)],
    };
  }
  const datasets = inIndexOrder(info, Object.keys(result.datasetTotals));
  const perDataset = datasets.map((d) => `${datasetName(info, d)}: ${plural(result.datasetTotals[d] ?? 0, 'row')}`);
  const artists = new Set(result.matches.map((m) => m.songKey.split('\u0000')[1] ?? ''));
  const notes = [absentNote(info, new Set(datasets))].filter((n): n is string => n !== undefined);
  if (q.artist === undefined || q.artist === '')
    notes.push(
      artists.size > 1
        ? `These rows credit ${plural(artists.size, 'artist')}: an album title alone can name several releases; add artist:<name> to check one.`
        : 'Matched by album title alone; add artist:<name> to be sure it is this release.',
    );
  if (result.total > result.matches.length)
    notes.push(`The CSV holds the first ${plural(result.matches.length, 'row')} of ${result.total}.`);
  return {
    tone: 'found',
    headline: `Album ${quoted(q)}: ${plural(result.total, 'row')} in ${datasets.length} of ${info.datasets.length} datasets: ${datasets.map((d) => datasetName(info, d)).join(', ')}.`,
    body: [
      `found · same album title${q.artist !== undefined && q.artist !== '' ? ' and artist' : ''}`,
      ...perDataset,
      ...titleLines(result, info),
    ],
    groups: groupMatches(result.matches, info, MAX_GROUPS),
    notes: [...notes, NOT_TRAINING_CLAIM, ...contactNotes(info, datasets), ...sampleNotes(info)],
    actions: [],
    attachments: [albumCsv(result.matches, info)],
  };
}
