/** `/trained list`: many lines at once, a summary plus a CSV a newsroom can sort. */
import type { IndexInfo } from '../index/schema.js';
import { extractLinks } from '../links/extract.js';
import type { TrackMatch } from '../search/port.js';
import type { LookupContext } from './context.js';
import { toCsv } from './csv.js';
import { lookupOne } from './link-lookup.js';
import { describeReading } from './readings.js';
import { notReadyReply, simpleReply } from './replies.js';
import { cleanText } from './song-lookup.js';
import { findSong } from './song-search.js';
import { stripControl } from './text-invocation.js';
import type { QueryStatus, Reply } from './types.js';
import { datasetName, indexDate, NOT_TRAINING_CLAIM, sampleNotes, STATUS_LABEL } from './wording.js';

export const MAX_LIST_LINES = 200;
const CONCURRENCY = 4;

interface LineResult {
  input: string;
  status: QueryStatus;
  /** Why an unchecked line was not checked; how a "title - artist" line was read. */
  note?: string | undefined;
  matches: TrackMatch[];
  notFoundIn: string[];
}

async function lookupLine(ctx: LookupContext, input: string, info: IndexInfo): Promise<LineResult> {
  const link = extractLinks(input, 1)[0];
  if (link !== undefined) {
    const a = await lookupOne(ctx, link, info);
    return { input, status: a.status, note: a.reason, matches: a.matches, notFoundIn: a.notFoundIn };
  }
  const song = await findSong(ctx, { title: cleanText(input), page: 1, perPage: 10, titleOnlyRows: 10 }, info);
  const how = describeReading(song.reading, song.tried, song.status === 'not-found');
  return { input, status: song.status, note: how, matches: song.result.matches, notFoundIn: song.notFoundIn };
}

/** The rows of the best song: its id or exact rows if any, else the first row shown (a candidate or a title row). */
function best(matches: readonly TrackMatch[]): TrackMatch[] {
  const hits = matches.filter((m) => m.basis === 'id' || m.basis === 'exact');
  if (hits.length > 0) {
    const key = hits[0]?.songKey;
    return hits.filter((m) => m.songKey === key);
  }
  return matches.slice(0, 1);
}

export async function listLookup(ctx: LookupContext, text: string): Promise<Reply> {
  const lines = stripControl(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return simpleReply('problem', 'Give one "title - artist" or link per line.');
  const info = await ctx.search.indexInfo({ signal: ctx.signal });
  if (info === undefined) return notReadyReply();
  const todo = lines.slice(0, MAX_LIST_LINES);
  const results: LineResult[] = new Array<LineResult>(todo.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !ctx.signal.aborted) {
      const i = next++;
      results[i] = await lookupLine(ctx, todo[i] ?? '', info);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));
  const done = results.filter((r): r is LineResult => r !== undefined).length;
  // A line the time limit stopped was not checked: it says so instead of "not found".
  const all = todo.map(
    (input, i) => results[i] ?? { input, status: 'unchecked' as const, note: 'stopped at the time limit', matches: [], notFoundIn: [] },
  );
  const named = (ids: readonly string[]): string => ids.map((d) => datasetName(info, d)).join('; ');
  // The same routes an answer shows after "present in": only for datasets holding the song, only those documented.
  const contacts = (ids: readonly string[]): string =>
    ids
      .flatMap((id) =>
        (info.datasets.find((d) => d.id === id)?.contacts ?? []).map((c) => `${datasetName(info, id)}: ${c.url.replace(/^mailto:/, '')}`),
      )
      .join('; ');
  const rows = all.map((r) => {
    const b = best(r.matches);
    const first = b[0];
    return [
      r.input,
      first === undefined ? '' : `${first.title} — ${first.artists.join(', ')}`,
      named([...new Set(b.map((m) => m.dataset))]),
      b.map((m) => `${m.dataset}:${m.rowKey}`).join('; '),
      first?.basis ?? '',
      STATUS_LABEL[r.status],
      named(r.notFoundIn),
      r.note ?? '',
      r.status === 'found' ? contacts([...new Set(b.filter((m) => m.basis === 'id' || m.basis === 'exact').map((m) => m.dataset))]) : '',
    ];
  });
  const count = (s: QueryStatus): number => all.filter((r) => r.status === s).length;
  const body = [
    `${count('found')} found (same id, or same title and artist), ${count('candidates')} with candidates only (similar titles, or a title with no artist), ${count('not-found')} not found, ${count('unchecked')} unchecked.`,
  ];
  const skipped = lines.length - todo.length;
  if (skipped > 0)
    body.push(
      `Checked the first ${MAX_LIST_LINES} lines; ${skipped} more line${skipped === 1 ? ' was' : 's were'} skipped (at most ${MAX_LIST_LINES} a list).`,
    );
  if (done < todo.length) body.push(`Stopped at the time limit after ${done} lines; the other ${todo.length - done} are marked unchecked.`);
  return {
    ...simpleReply('info', `Checked ${done} line${done === 1 ? '' : 's'}.`, body),
    notes: [
      `A line marked "not found" was searched in the datasets its "not found in" column names, as indexed on ${indexDate(info)}.`,
      NOT_TRAINING_CLAIM,
      ...sampleNotes(info),
    ],
    attachments: [
      {
        filename: 'trained-list.csv',
        contentType: 'text/csv',
        content: toCsv(
          ['input', 'best match', 'dataset(s)', 'row keys', 'basis', 'status', 'not found in', 'note', 'publisher contact'],
          rows,
        ),
      },
    ],
  };
}
