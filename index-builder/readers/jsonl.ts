/** JSON Lines, one object per line, streamed; a line that is not a JSON object is a malformed row. */
import { createInterface } from 'node:readline';
import { Transform, type TransformCallback } from 'node:stream';
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
 * Stops a file that has no line breaks where JSON Lines has them (a binary file, one huge
 * JSON document) before its "first line" fills the memory.
 */
class LineLengthGuard extends Transform {
  private run = 0;
  private line = 1;

  constructor(private readonly name: string) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let from = 0;
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
      if (this.run + (at - from) > MAX_LINE_BYTES) break;
      this.run = 0;
      this.line += 1;
      from = at + 1;
    }
    this.run += chunk.length - from;
    if (this.run > MAX_LINE_BYTES) {
      done(new SourceError(`${this.name}: line ${this.line} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB: not a JSON Lines file`));
      return;
    }
    done(null, chunk);
  }
}

export async function openJsonl(input: Input): Promise<OpenedFile> {
  const opened = await openStream(input);
  const guard = new LineLengthGuard(input.name);
  opened.stream.on('error', (err) => guard.destroy(err));
  const lines = createInterface({ input: opened.stream.pipe(guard), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let failure: Error | undefined;
  guard.on('error', (err) => (failure = err));
  const nextLine = async (): Promise<IteratorResult<string>> => {
    let next: IteratorResult<string>;
    try {
      next = await lines.next();
    } catch (err) {
      throw err instanceof SourceError ? err : new SourceError(`${input.name}: ${(err as Error).message}`);
    }
    if (failure !== undefined) throw failure instanceof SourceError ? failure : new SourceError(`${input.name}: ${failure.message}`);
    return next;
  };
  const head: string[] = [];
  const keys = new Set<string>();
  while (head.length < SNIFF_LINES) {
    const next = await nextLine();
    if (next.done === true) break;
    if (next.value.trim() === '') continue;
    head.push(next.value);
    const row = parseLine(next.value);
    if (!(row instanceof Malformed)) for (const k of Object.keys(row)) keys.add(k);
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
      for (const line of head) {
        const full = take(line);
        if (full !== undefined) yield full;
      }
      for (;;) {
        const next = await nextLine();
        if (next.done === true) break;
        if (next.value.trim() === '') continue;
        const full = take(next.value);
        if (full !== undefined) yield full;
      }
      if (batch.rows.length > 0) yield batch;
    },
    close: async () => {
      guard.destroy();
      opened.stream.destroy();
    },
  };
}
