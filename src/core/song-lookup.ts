/** `/trained song`: title (and artist) search, grouped by song, with paging, export and share. */
import type { IndexInfo } from '../index/schema.js';
import type { TitleResult } from '../search/port.js';
import { encodeAction, type ActionTarget } from './actions.js';
import type { CommandContext } from './context.js';
import { toCsv } from './csv.js';
import { datasetsWithHits, groupMatches } from './grouping.js';
import { simpleReply } from './replies.js';
import type { Reply, ReplyAction } from './types.js';
import { absentNote, datasetName, NOT_TRAINING_CLAIM, notFoundNote, sampleNotes } from './wording.js';

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
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('');
}

function quoted(q: SongQuery): string {
  return `"${q.title}"${q.artist !== undefined ? ` by ${q.artist}` : ''}`;
}

function action(kind: ReplyAction['kind'], label: string, target: ActionTarget): ReplyAction[] {
  const id = encodeAction(kind, target);
  return id === undefined ? [] : [{ kind, label, id }];
}

export function songActions(q: SongQuery, hasMore: boolean, visibility: Reply['visibility']): ReplyAction[] {
  const base = { command: 'song' as const, title: q.title, artist: q.artist, dataset: q.dataset };
  return [
    ...(hasMore ? action('more', 'More results', { ...base, page: q.page + 1 }) : []),
    ...action('export', 'Export CSV', { ...base, page: 1 }),
    ...(visibility === 'ephemeral' ? action('share', 'Share in channel', { ...base, page: q.page }) : []),
  ];
}

/** The datasets a scoped query covers. */
function scopeOf(info: IndexInfo | undefined, dataset: string | undefined) {
  const all = info?.datasets ?? [];
  return dataset === undefined ? all : all.filter((d) => d.id === dataset);
}

export function songReplyFrom(q: SongQuery, result: TitleResult, info: IndexInfo | undefined, visibility: Reply['visibility']): Reply {
  const groups = groupMatches(result.matches, info);
  const hits = datasetsWithHits(groups);
  const scope = scopeOf(info, q.dataset);
  const notes = [...sampleNotes(info)];
  const actions = songActions(q, result.hasMore, visibility);
  if (groups.length === 0) {
    const head = q.page > 1 ? `No more results for ${quoted(q)}.` : `${quoted(q)} was not found.`;
    return { ...simpleReply('not-found', head, [], visibility), notes: [notFoundNote(info, scope), ...notes] };
  }
  if (hits.size === 0) {
    notes.unshift(notFoundNote(info, scope), 'These are similar titles: candidates to check, not matches.');
    return {
      tone: 'candidates',
      headline: `No exact match for ${quoted(q)}; ${groups.length} similar title${groups.length === 1 ? '' : 's'}.`,
      groups,
      notes,
      actions: actions.filter((a) => a.kind !== 'more'),
      visibility,
    };
  }
  const names = [...hits].map((id) => datasetName(info, id));
  const absent = absentNote({ builtAt: info?.builtAt ?? '', sample: false, datasets: scope }, hits);
  const page = q.page > 1 ? ` (page ${q.page})` : '';
  return {
    tone: 'found',
    headline: `${quoted(q)}: present in ${names.length} of ${scope.length || names.length} datasets${page}: ${names.join(', ')}.`,
    groups,
    notes: [...(absent === undefined ? [] : [absent]), NOT_TRAINING_CLAIM, ...notes],
    actions,
    visibility,
  };
}

export async function songLookup(ctx: CommandContext, q: SongQuery): Promise<Reply> {
  if (q.title === '') return simpleReply('problem', 'Give a title: /trained song title:<title> artist:<name>.');
  const [result, info] = await Promise.all([
    ctx.search.searchTracks({ title: q.title, artist: q.artist, dataset: q.dataset, page: q.page, perPage: SONG_PAGE_SIZE }),
    ctx.search.indexInfo(),
  ]);
  if (q.dataset !== undefined && info !== undefined && !info.datasets.some((d) => d.id === q.dataset)) {
    return simpleReply('problem', `Unknown dataset "${q.dataset}". Indexed: ${info.datasets.map((d) => d.id).join(', ')}.`);
  }
  return songReplyFrom(q, result, info, ctx.visibility);
}

export async function songExport(ctx: CommandContext, q: SongQuery): Promise<Reply> {
  const info = await ctx.search.indexInfo();
  const rows: (string | undefined)[][] = [];
  for (let page = 1; rows.length < SONG_EXPORT_ROWS; page++) {
    const res = await ctx.search.searchTracks({ title: q.title, artist: q.artist, dataset: q.dataset, page, perPage: 250 });
    for (const m of res.matches) {
      rows.push([datasetName(info, m.dataset), m.dataset, m.rowKey, m.title, m.artists.join('; '), m.album, m.url, m.basis]);
    }
    if (!res.hasMore || ctx.signal.aborted) break;
  }
  const reply = simpleReply('info', `Export of ${rows.length} rows for ${quoted(q)}.`, [], ctx.visibility);
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
