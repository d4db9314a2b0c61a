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
