import type { RawRow } from '../mapping.js';

/** A row the reader could not turn into columns (bad JSON, wrong number of CSV cells). */
export class Malformed {
  constructor(readonly reason: string) {}
}

export interface RowBatch {
  /** 1-based number of rows[0] among the file's data rows. */
  firstRow: number;
  rows: (RawRow | Malformed)[];
}

/** One opened file of a source. Rows come in bounded batches, never as one array. */
export interface OpenedFile {
  name: string;
  /** Column names as the file has them (FMA: `group.field`). */
  columns: string[];
  /** Data rows in the file when the format says so up front (parquet). */
  rowCount: number | undefined;
  /** Share of the file read so far, 0..1, when it can be known. */
  fraction(): number | undefined;
  /** Data rows after the first `skip`, with only `wanted` columns needed. */
  batches(skip: number, wanted: readonly string[], batchRows: number): AsyncGenerator<RowBatch>;
  close(): Promise<void>;
}

/** A header cell that reads as a column name (`track.title`, `Unnamed: 0`), not as a line of some other file. */
const COLUMN_NAME = /^[\p{L}\p{N} _.()#:&%+'-]{0,64}$/u;

/**
 * Whether column names found in a file may be shown. A source path can be a link to any file
 * (a key, a password file); its first line is then not a header, and is never printed.
 */
export function readableHeader(columns: readonly string[]): boolean {
  return columns.length >= 2 && columns.every(isColumnName) && columns.some((c) => c !== '');
}

export function isColumnName(cell: string): boolean {
  return COLUMN_NAME.test(cell);
}

/** The found columns for a one-line message: names when they read as a header, else only how many cells there were. */
export function printableColumns(found: readonly string[]): string {
  if (found.length === 0) return 'none';
  if (!readableHeader(found)) return `no header row (its first line does not read as column names; ${found.length} cell(s), not shown)`;
  return found.slice(0, 30).join(', ') + (found.length > 30 ? ', …' : '');
}
