/**
 * JSON Lines, one object per line, streamed; a line that is not a JSON object is a malformed row.
 *
 * Lines are cut from the byte stream with Buffer.indexOf (a native scan) and decoded one by
 * one, a chunk's lines at a time: on Sleeping-DISCO-9M's rows (~3 KB each, lyrics included)
 * node:readline and its promise per line cost more than parsing them.
 */
import type { Readable } from 'node:stream';
import type { RawRow } from '../mapping.js';
import { openStream, SourceError, type Input } from '../sources.js';
import { Malformed, type OpenedFile, type RowBatch } from './types.js';

/** Lines looked at to learn the columns (rows may omit keys, so more than one). */
const SNIFF_LINES = 500;
/** A line longer than this is not a row of a JSON Lines dataset (a song with its lyrics is a few KB). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

function parseLine(line: string): RawRow | Malformed {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Malformed('not a JSON object');
    return value as RawRow;
  } catch {
    return new Malformed('malformed JSON');
  }
}

/**
 * The non-blank lines of a byte stream, a chunk's worth at a time. A file with no line
 * breaks where JSON Lines has them (a binary file, one huge JSON document) is stopped before
 * its "first line" fills the memory.
 */
async function* lineChunks(stream: Readable, name: string): AsyncGenerator<string[]> {
  let rest: Buffer = Buffer.alloc(0);
  let line = 1;
  const decode = (buf: Buffer, from: number, to: number): string | undefined => {
    const end = to > from && buf[to - 1] === 0x0d ? to - 1 : to;
    if (end <= from) return undefined;
    const text = buf.toString('utf8', from, end);
    return text.trim() === '' ? undefined : text;
  };
  try {
    for await (const chunk of stream) {
      const buf: Buffer = rest.length === 0 ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
      const lines: string[] = [];
      let from = 0;
      for (let at = buf.indexOf(0x0a); at !== -1; at = buf.indexOf(0x0a, from)) {
        const text = decode(buf, from, at);
        if (text !== undefined) lines.push(text);
        line += 1;
        from = at + 1;
      }
      rest = buf.subarray(from);
      if (rest.length > MAX_LINE_BYTES)
        throw new SourceError(`${name}: line ${line} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB: not a JSON Lines file`);
      if (lines.length > 0) yield lines;
    }
  } catch (err) {
    throw err instanceof SourceError ? err : new SourceError(`${name}: ${(err as Error).message}`);
  }
  const last = decode(rest, 0, rest.length);
  if (last !== undefined) yield [last];
}

export async function openJsonl(input: Input): Promise<OpenedFile> {
  const opened = await openStream(input);
  const chunks = lineChunks(opened.stream, input.name);
  // Lines read to learn the columns are kept and handed out first.
  const head: string[] = [];
  const keys = new Set<string>();
  let ended = false;
  while (head.length < SNIFF_LINES) {
    const next = await chunks.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    for (const text of next.value) {
      if (head.length < SNIFF_LINES) {
        const row = parseLine(text);
        if (!(row instanceof Malformed)) for (const k of Object.keys(row)) keys.add(k);
      }
      head.push(text);
    }
  }
  return {
    name: input.name,
    columns: [...keys],
    rowCount: undefined,
    fraction: () => (opened.size === undefined ? undefined : opened.bytesRead() / opened.size),
    async *batches(skip: number, _wanted: readonly string[], batchRows: number): AsyncGenerator<RowBatch> {
      let n = 0;
      let batch: RowBatch = { firstRow: 1, rows: [] };
      const take = (line: string): RowBatch | undefined => {
        n += 1;
        if (n <= skip) return undefined;
        if (batch.rows.length === 0) batch.firstRow = n;
        batch.rows.push(parseLine(line));
        if (batch.rows.length < batchRows) return undefined;
        const full = batch;
        batch = { firstRow: n + 1, rows: [] };
        return full;
      };
      for (const line of head.splice(0)) {
        const full = take(line);
        if (full !== undefined) yield full;
      }
      if (!ended) {
        for await (const lines of chunks) {
          for (const line of lines) {
            const full = take(line);
            if (full !== undefined) yield full;
          }
        }
      }
      if (batch.rows.length > 0) yield batch;
    },
    close: async () => {
      await chunks.return(undefined);
      opened.stream.destroy();
    },
  };
}
