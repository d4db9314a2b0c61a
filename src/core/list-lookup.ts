/** `/trained list`: many lines at once, a summary plus a CSV a newsroom can sort. */
import { extractLinks } from '../links/extract.js';
import type { TrackMatch } from '../search/port.js';
import type { CommandContext } from './context.js';
import { toCsv } from './csv.js';
import { lookupOne } from './link-lookup.js';
import { simpleReply } from './replies.js';
import { cleanText } from './song-lookup.js';
import { splitTitleArtist, stripControl } from './text-invocation.js';
import type { Reply } from './types.js';
import { datasetName, NOT_TRAINING_CLAIM, notFoundNote, sampleNotes } from './wording.js';

export const MAX_LIST_LINES = 200;
const CONCURRENCY = 4;

interface LineResult {
  input: string;
  matches: TrackMatch[];
  note?: string;
}

async function lookupLine(ctx: CommandContext, input: string): Promise<LineResult> {
  const link = extractLinks(input, 1)[0];
  if (link !== undefined) {
    const answer = await lookupOne(ctx, link, ctx.signal);
    return { input, matches: answer.matches, ...(answer.status === 'found' || answer.status === 'not-found' ? {} : { note: answer.line }) };
  }
  const { title, artist } = splitTitleArtist(input);
  const res = await ctx.search.searchTracks({
    title: cleanText(title),
    artist: artist === undefined ? undefined : cleanText(artist, 200),
    perPage: 10,
  });
  return { input, matches: res.matches };
}

/** The hits of the best song: id or exact rows if any, else the first candidate. */
function best(matches: readonly TrackMatch[]): TrackMatch[] {
  const hits = matches.filter((m) => m.basis !== 'fuzzy');
  if (hits.length > 0) {
    const key = hits[0]?.songKey;
    return hits.filter((m) => m.songKey === key);
  }
  return matches.slice(0, 1);
}

export async function listLookup(ctx: CommandContext, text: string): Promise<Reply> {
  const lines = stripControl(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return simpleReply('problem', 'Give one "title - artist" or link per line.');
  const todo = lines.slice(0, MAX_LIST_LINES);
  const results: LineResult[] = new Array<LineResult>(todo.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !ctx.signal.aborted) {
      const i = next++;
      results[i] = await lookupLine(ctx, todo[i] ?? '');
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));
  const info = await ctx.search.indexInfo();
  const done = results.filter((r): r is LineResult => r !== undefined);
  const rows = done.map((r) => {
    const b = best(r.matches);
    const first = b[0];
    return [
      r.input,
      first === undefined ? '' : `${first.title} — ${first.artists.join(', ')}`,
      [...new Set(b.map((m) => datasetName(info, m.dataset)))].join('; '),
      b.map((m) => `${m.dataset}:${m.rowKey}`).join('; '),
      first === undefined ? (r.note === undefined ? 'not found' : 'not checked') : first.basis,
    ];
  });
  const found = rows.filter((r) => r[4] === 'id' || r[4] === 'exact').length;
  const candidates = rows.filter((r) => r[4] === 'fuzzy').length;
  const missing = rows.length - found - candidates;
  const body = [
    `${found} present (same id or same title and artist), ${candidates} with similar titles only (candidates), ${missing} not found or not checkable.`,
  ];
  if (lines.length > todo.length)
    body.push(`Only the first ${MAX_LIST_LINES} lines were checked; ${lines.length - todo.length} were left out.`);
  if (done.length < todo.length) body.push(`Stopped at the time limit after ${done.length} lines.`);
  return {
    ...simpleReply('info', `Checked ${done.length} line${done.length === 1 ? '' : 's'}.`, body, ctx.visibility),
    notes: [
      notFoundNote(info).replace('Not found in', 'Lines marked "not found" were not found in'),
      NOT_TRAINING_CLAIM,
      ...sampleNotes(info),
    ],
    attachments: [
      {
        filename: 'trained-list.csv',
        contentType: 'text/csv',
        content: toCsv(['input', 'best match', 'dataset(s)', 'row keys', 'basis'], rows),
      },
    ],
  };
}
