/** JSON Lines, one object per line, streamed; a line that is not a JSON object is a malformed row. */
import { createInterface } from 'node:readline';
import type { RawRow } from '../mapping.js';
import { openStream, type Input } from '../sources.js';
import { Malformed, type OpenedFile, type RowBatch } from './types.js';

/** Lines looked at to learn the columns (files whose layout is not verified vary row to row). */
const SNIFF_LINES = 200;

function parseLine(line: string): RawRow | Malformed {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Malformed('not a JSON object');
    return value as RawRow;
  } catch {
    return new Malformed('malformed JSON');
  }
}

export async function openJsonl(input: Input): Promise<OpenedFile> {
  const opened = await openStream(input);
  const lines = createInterface({ input: opened.stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const head: string[] = [];
  const keys = new Set<string>();
  while (head.length < SNIFF_LINES) {
    const next = await lines.next();
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
        const next = await lines.next();
        if (next.done === true) break;
        if (next.value.trim() === '') continue;
        const full = take(next.value);
        if (full !== undefined) yield full;
      }
      if (batch.rows.length > 0) yield batch;
    },
    close: async () => {
      opened.stream.destroy();
    },
  };
}
