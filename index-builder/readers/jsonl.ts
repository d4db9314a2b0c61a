/**
 * JSON Lines, one object per line, streamed; a line that is not a JSON object is a malformed row.
 *
 * Lines are cut from the byte stream with Buffer.indexOf (a native scan) and handed over as
 * bytes: on Sleeping-DISCO-9M's rows (~3.6 KB each, lyrics included) decoding and parsing the
 * whole line cost more than everything the index does with the few fields it reads, so only
 * those fields are decoded and parsed (json-pluck.ts; what it does not check is said there).
 * The first lines, read to learn the columns, are parsed whole: they must show every key.
 */
import type { RawRow } from '../mapping.js';
import { openStream, type Input } from '../sources.js';
import { pluckObject, pluckPlan, type PluckPlan } from './json-pluck.js';
import { byteLineChunks } from './lines.js';
import { Malformed, type OpenedFile, type RowBatch } from './types.js';

/** Lines looked at to learn the columns (rows may omit keys, so more than one). */
const SNIFF_LINES = 500;

/**
 * The row with only the columns the mapping reads. Sleeping-DISCO-9M's lines are ~3 KB of
 * lyrics, annotations and Q&A around a few short fields: kept whole, a batch of them outlives
 * the young generation and is promoted before the mapping drops it (GC was a quarter of the
 * builder's CPU on such rows); cut down here, the long strings die young, where they cost little.
 */
export function project(row: RawRow, wanted: readonly string[]): RawRow {
  const out: Record<string, unknown> = {};
  for (const column of wanted) {
    if (!Object.hasOwn(row, column)) continue;
    // A column named "__proto__" stays a column, as JSON.parse made it, not the object's prototype.
    if (column === '__proto__')
      Object.defineProperty(out, column, { value: row[column], enumerable: true, writable: true, configurable: true });
    else out[column] = row[column];
  }
  return out;
}

export function parseLine(line: string): RawRow | Malformed {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Malformed('not a JSON object');
    return value as RawRow;
  } catch {
    return new Malformed('malformed JSON');
  }
}

/**
 * The row with the plan's columns. A line the byte reader does not take (not an object, or
 * broken) is parsed whole, so that JSON.parse decides it and names the reason, as it always did.
 */
export function readRow(line: Buffer, plan: PluckPlan): RawRow | Malformed {
  const row = pluckObject(line, plan);
  if (row !== undefined) return row;
  const parsed = parseLine(line.toString('utf8'));
  return parsed instanceof Malformed ? parsed : project(parsed, plan.names);
}

export async function openJsonl(input: Input): Promise<OpenedFile> {
  const opened = await openStream(input);
  const chunks = byteLineChunks(opened.stream, input.name, 'a JSON Lines file');
  // Lines read to learn the columns are kept and handed out first.
  const head: Buffer[] = [];
  const keys = new Set<string>();
  let ended = false;
  while (head.length < SNIFF_LINES) {
    const next = await chunks.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    for (const line of next.value) {
      if (head.length < SNIFF_LINES) {
        const row = parseLine(line.toString('utf8'));
        if (!(row instanceof Malformed)) for (const k of Object.keys(row)) keys.add(k);
      }
      head.push(line);
    }
  }
  return {
    name: input.name,
    columns: [...keys],
    rowCount: undefined,
    fraction: () => (opened.size === undefined ? undefined : opened.bytesRead() / opened.size),
    async *batches(skip: number, wanted: readonly string[], batchRows: number): AsyncGenerator<RowBatch> {
      let n = 0;
      let batch: RowBatch = { firstRow: 1, rows: [] };
      const plan = pluckPlan(wanted);
      const take = (line: Buffer): RowBatch | undefined => {
        n += 1;
        if (n <= skip) return undefined;
        if (batch.rows.length === 0) batch.firstRow = n;
        batch.rows.push(readRow(line, plan));
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
