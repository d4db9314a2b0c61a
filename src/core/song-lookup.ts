/** `/trained song`: title (and artist) search, grouped by song, with paging, export and share. */
import type { IndexInfo } from '../index/schema.js';
import { encodeAction } from './actions.js';
import type { LookupContext } from './context.js';
import { toCsv } from './csv.js';
import { groupMatches } from './grouping.js';
import { describeReading } from './readings.js';
import { notReadyReply, simpleReply } from './replies.js';
import { findSong, type SongOutcome } from './song-search.js';
import type { Reply, ReplyAction } from './types.js';
import {
  absenceNotes,
  contactNotes,
  datasetName,
  inIndexOrder,
  NOT_TRAINING_CLAIM,
  notFoundNote,
  plural,
  sampleNotes,
  STATUS_LABEL,
} from './wording.js';

export const SONG_PAGE_SIZE = 25;
export const MAX_TITLE_CHARS = 300;
/** Rows in a song export. */
export const SONG_EXPORT_ROWS = 1000;

export interface SongQuery {
  title: string;
  artist?: string | undefined;
  dataset?: string | undefined;
  page: number;
}

export function cleanText(value: unknown, max = MAX_TITLE_CHARS): string {
  if (typeof value !== 'string') return '';
  const text = value.replace(/\s+/g, ' ').trim();
  // No more UTF-16 units than `max`: no more characters either, nothing to cut.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

function quoted(q: SongQuery): string {
  return `"${q.title}"${q.artist !== undefined ? ` by ${q.artist}` : ''}`;
}

/** Marks the song command's action ids; its fields are page, dataset, title and artist. */
export const SONG_ACTION_CODE = 's';

function action(kind: ReplyAction['kind'], label: string, q: SongQuery): ReplyAction[] {
  const id = encodeAction(kind, SONG_ACTION_CODE, [String(q.page), q.dataset ?? '', q.title, q.artist ?? '']);
  return id === undefined ? [] : [{ kind, label, id }];
}

/** The query a song button carries; undefined when the fields are not one (forged or from another version). */
export function songQueryOf(fields: readonly string[]): SongQuery | undefined {
  if (fields.length !== 4) return undefined;
  const [page, dataset, title, artist] = fields as [string, string, string, string];
  const n = Number(page);
  if (!Number.isInteger(n) || n < 1 || n > 1000 || title === '') return undefined;
  return { page: n, title, ...(artist === '' ? {} : { artist }), ...(dataset === '' ? {} : { dataset }) };
}

/** More, Export and Share; the core drops Share where the answer is already public. */
function songActions(q: SongQuery, hasMore: boolean): ReplyAction[] {
  return [
    ...(hasMore ? action('more', 'More results', { ...q, page: q.page + 1 }) : []),
    ...action('export', 'Export CSV', { ...q, page: 1 }),
    ...action('share', 'Share in channel', q),
  ];
}

function countedRows(outcome: SongOutcome): string {
  const { result } = outcome;
  const shown = result.matches.filter((m) => m.basis !== 'fuzzy').length;
  const rows = plural(result.exactTotal, 'matching row');
  return shown < result.exactTotal ? `${rows} (${shown} shown; Export has up to ${SONG_EXPORT_ROWS}).` : `${rows}.`;
}

/** A title alone: every artist who carries it, and a request for the artist. */
function titleOnlyReply(q: SongQuery, outcome: SongOutcome, info: IndexInfo | undefined): Reply {
  const { result } = outcome;
  const rows = result.matches.filter((m) => m.basis === 'title');
  const artists = new Set(rows.map((m) => m.songKey)).size;
  const byArtists = rows.length < result.exactTotal ? `at least ${plural(artists, 'artist')}` : plural(artists, 'artist');
  const datasets = Object.keys(result.datasetTotals);
  const groups = groupMatches(result.matches, info);
  return {
    tone: 'candidates',
    headline: `"${outcome.reading.title}": ${plural(result.exactTotal, 'row')} by ${byArtists} carry this title, in ${datasets.length} of ${outcome.searched.length} datasets.`,
    body: [
      `${STATUS_LABEL[outcome.status]} · same title; no artist given. A title alone names no particular song: add the artist (artist:<name>) to check one.`,
    ],
    groups,
    notes: [...absenceNotes(info, outcome.notFoundIn, outcome.candidatesOnlyIn), NOT_TRAINING_CLAIM, ...sampleNotes(info)],
    actions: songActions({ ...q, title: outcome.reading.title, artist: undefined }, false),
  };
}

export function songReplyFrom(q: SongQuery, outcome: SongOutcome, info: IndexInfo | undefined): Reply {
  const { result, reading } = outcome;
  // Paging and export continue the reading the answer used.
  const asRead: SongQuery = { ...q, title: reading.title, artist: reading.artist };
  const how = describeReading(reading, outcome.tried);
  const basis = outcome.status === 'found' ? 'same title and artist' : 'similar titles only';
  const status = `${STATUS_LABEL[outcome.status]} · ${how ?? basis}`;
  const notes = [...absenceNotes(info, outcome.notFoundIn, outcome.candidatesOnlyIn)];
  const groups = groupMatches(result.matches, info);
  if (outcome.status === 'not-found') {
    const head = q.page > 1 ? `No more results for ${quoted(q)}.` : `${quoted(q)} was not found.`;
    const tried = outcome.tried > 1 ? [`not found · ${describeReading(reading, outcome.tried, true) ?? ''}.`] : [];
    return {
      ...simpleReply('not-found', head, tried),
      notes: [notFoundNote(info, outcome.searched), ...sampleNotes(info)],
    };
  }
  if (result.matches.some((m) => m.basis === 'title')) return titleOnlyReply(q, outcome, info);
  if (outcome.status === 'candidates') {
    return {
      tone: 'candidates',
      headline: `No exact match for ${quoted(asRead)}; ${groups.length} similar title${groups.length === 1 ? '' : 's'}.`,
      body: [status],
      groups,
      notes: [...notes, 'These are similar titles: candidates to check, not matches.', ...sampleNotes(info)],
      actions: songActions(asRead, false),
    };
  }
  const names = inIndexOrder(info, Object.keys(result.datasetTotals)).map((id) => datasetName(info, id));
  const page = q.page > 1 ? ` (page ${q.page})` : '';
  return {
    tone: 'found',
    headline: `${quoted(asRead)}: present in ${names.length} of ${outcome.searched.length || names.length} datasets${page}: ${names.join(', ')}.`,
    body: [status, countedRows(outcome)],
    groups,
    notes: [...notes, NOT_TRAINING_CLAIM, ...contactNotes(info, Object.keys(result.datasetTotals)), ...sampleNotes(info)],
    actions: songActions(asRead, result.hasMore),
  };
}

export async function songLookup(ctx: LookupContext, q: SongQuery): Promise<Reply> {
  if (q.title === '') return simpleReply('problem', 'Give a title: /trained song title:<title> artist:<name>.');
  const info = await ctx.search.indexInfo({ signal: ctx.signal });
  if (info === undefined) return notReadyReply();
  if (q.dataset !== undefined && !info.datasets.some((d) => d.id === q.dataset)) {
    return simpleReply('problem', `Unknown dataset "${q.dataset}". Indexed: ${info.datasets.map((d) => d.id).join(', ')}.`);
  }
  const outcome = await findSong(ctx, { ...q, perPage: SONG_PAGE_SIZE }, info);
  return songReplyFrom(q, outcome, info);
}

export async function songExport(ctx: LookupContext, q: SongQuery): Promise<Reply> {
  const info = await ctx.search.indexInfo({ signal: ctx.signal });
  if (info === undefined) return notReadyReply();
  const rows: (string | undefined)[][] = [];
  for (let page = 1; rows.length < SONG_EXPORT_ROWS; page++) {
    const res = await ctx.search.searchTracks(
      { title: q.title, artist: q.artist, dataset: q.dataset, page, perPage: 250 },
      { signal: ctx.signal },
    );
    for (const m of res.matches) {
      rows.push([datasetName(info, m.dataset), m.dataset, m.rowKey, m.title, m.artists.join('; '), m.album, m.url, m.basis]);
    }
    if (!res.hasMore || ctx.signal.aborted) break;
  }
  const reply = simpleReply('info', `Export of ${rows.length} rows for ${quoted(q)}.`);
  return {
    ...reply,
    notes: [NOT_TRAINING_CLAIM, ...sampleNotes(info)],
    attachments: [
      {
        filename: 'trained-song.csv',
        contentType: 'text/csv',
        content: toCsv(
          ['dataset_name', 'dataset', 'row_key', 'title', 'artists', 'album', 'url', 'basis'],
          rows.slice(0, SONG_EXPORT_ROWS),
        ),
      },
    ],
  };
}
