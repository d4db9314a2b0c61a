/**
 * CSV through papaparse, chosen by measurement (docs/index-builder.md, "Libraries, chosen by measurement"): on a 300,000-row
 * Spotify-layout file it parsed 190–350k rows/s against csv-parse's 22–32k, at the same
 * ~70 MB. Rows are pulled in batches with pause/resume, so memory stays bounded.
 * Handles Spotify's unnamed leading index column and FMA's three header lines.
 */
import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import type { CsvFormat } from '../datasets/descriptor.js';
import type { RawRow } from '../mapping.js';
import { openStream, SourceError, type Input } from '../sources.js';
import { CsvQuoteGuard } from './csv-guard.js';
import { isColumnName, Malformed, readableHeader, type OpenedFile, type RowBatch } from './types.js';

/** Records parsed ahead of the consumer before the parser is paused. */
const HIGH_WATER = 10_000;

/**
 * FMA (pandas header=[0,1]): group row, field row, then a row holding only the index name.
 * Lines that do not have that shape are not a three-row header: the first one is returned as
 * it is, so the mapping reports the columns it lacks (and a file that is not a dataset at
 * all is not read as one).
 */
function threeRowHeader(groups: string[], fields: string[], index: string[]): string[] {
  const shaped =
    groups.length === fields.length &&
    (index[0] ?? '') !== '' &&
    index.slice(1).every((c) => c === '') &&
    readableHeader([...groups, ...fields].filter((c) => c !== '')) &&
    isColumnName(index[0] ?? '');
  return shaped ? groups.map((g, i) => (i === 0 ? (index[0] ?? '') : `${g}.${fields[i] ?? ''}`)) : groups;
}

/** Papaparse's push-style `step` turned into pull-style batches, pausing the parser when the consumer lags. */
function recordPump(stream: Readable, delimiter: string, name: string): { next(max: number): Promise<string[][] | undefined> } {
  const queue: string[][] = [];
  let ended = false;
  let failure: Error | undefined;
  let parser: Papa.Parser | undefined;
  let paused = false;
  let wake: (() => void) | undefined;
  /** Records the waiting consumer asked for: waking it for each record would cost a promise per row. */
  let want = 1;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  stream.on('error', (err) => {
    failure = err;
    notify();
  });
  Papa.parse<string[]>(stream, {
    delimiter,
    skipEmptyLines: true,
    step: (results, handle) => {
      parser = handle;
      queue.push(results.data);
      if (queue.length >= HIGH_WATER && !paused) {
        paused = true;
        handle.pause();
      }
      if (queue.length >= want) notify();
    },
    complete: () => {
      ended = true;
      notify();
    },
    error: (err: Error) => {
      failure = err;
      notify();
    },
  });
  return {
    async next(max: number): Promise<string[][] | undefined> {
      want = max;
      while (queue.length < max && !ended && failure === undefined) {
        const waiting = new Promise<void>((resolve) => (wake = resolve));
        if (paused) {
          paused = false;
          parser?.resume();
        }
        await waiting;
      }
      if (failure !== undefined) throw failure instanceof SourceError ? failure : new SourceError(`${name}: ${failure.message}`);
      if (queue.length === 0) return undefined;
      return queue.splice(0, max);
    },
  };
}

export async function openCsv(input: Input, format: Pick<CsvFormat, 'delimiter' | 'headerRows' | 'maxCellLines'>): Promise<OpenedFile> {
  const opened = await openStream(input);
  const delimiter = format.delimiter ?? ',';
  const guard = new CsvQuoteGuard({ name: input.name, delimiter, maxCellLines: format.maxCellLines });
  opened.stream.on('error', (err) => guard.destroy(err));
  const pump = recordPump(opened.stream.pipe(guard), delimiter, input.name);
  const next = async (): Promise<string[] | undefined> => (await pump.next(1))?.[0];
  const headerRows = format.headerRows ?? 1;
  const header: string[][] = [];
  for (let i = 0; i < headerRows; i++) header.push((await next()) ?? []);
  const columns =
    headerRows === 3
      ? threeRowHeader(header[0] ?? [], header[1] ?? [], header[2] ?? [])
      : (header[0] ?? []).map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  return {
    name: input.name,
    columns,
    rowCount: undefined,
    fraction: () => (opened.size === undefined ? undefined : opened.bytesRead() / opened.size),
    async *batches(skip: number, wanted: readonly string[], batchRows: number): AsyncGenerator<RowBatch> {
      const picks = wanted.map((name) => [name, columns.indexOf(name)] as const).filter(([, i]) => i >= 0);
      let n = 0;
      let batch: RowBatch = { firstRow: 1, rows: [] };
      for (let records = await pump.next(batchRows); records !== undefined; records = await pump.next(batchRows)) {
        for (const record of records) {
          n += 1;
          if (n <= skip) continue;
          if (batch.rows.length === 0) batch.firstRow = n;
          if (record.length !== columns.length) {
            batch.rows.push(new Malformed(`wrong number of columns (${record.length}, expected ${columns.length})`));
          } else {
            const row: Record<string, unknown> = {};
            for (const [name, i] of picks) row[name] = record[i];
            batch.rows.push(row as RawRow);
          }
          if (batch.rows.length >= batchRows) {
            yield batch;
            batch = { firstRow: n + 1, rows: [] };
          }
        }
      }
      if (batch.rows.length > 0) yield batch;
    },
    close: async () => {
      guard.destroy();
      opened.stream.destroy();
    },
  };
}
