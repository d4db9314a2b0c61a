/**
 * CSV through csv-parse (streaming; chosen by measurement, see docs/index-builder.md).
 * Handles Spotify's unnamed leading index column and FMA's three header lines.
 */
import { parse } from 'csv-parse';
import type { CsvFormat } from '../datasets/descriptor.js';
import type { RawRow } from '../mapping.js';
import { openStream, SourceError, type Input } from '../sources.js';
import { Malformed, type OpenedFile, type RowBatch } from './types.js';

/** FMA (pandas header=[0,1]): group row, field row, then a row holding only the index name. */
function threeRowHeader(groups: string[], fields: string[], index: string[]): string[] {
  return groups.map((g, i) => (i === 0 ? (index[0] ?? '') : `${g}.${fields[i] ?? ''}`));
}

export async function openCsv(input: Input, format: Pick<CsvFormat, 'delimiter' | 'headerRows'>): Promise<OpenedFile> {
  const opened = await openStream(input);
  const parser = opened.stream.pipe(
    parse({ delimiter: format.delimiter ?? ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }),
  );
  opened.stream.on('error', (err) => parser.destroy(err));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const next = async (): Promise<string[] | undefined> => {
    try {
      const r = await records.next();
      return r.done === true ? undefined : r.value;
    } catch (err) {
      throw new SourceError(`${input.name}: ${(err as Error).message}`);
    }
  };
  const headerRows = format.headerRows ?? 1;
  const header: string[][] = [];
  for (let i = 0; i < headerRows; i++) header.push((await next()) ?? []);
  const columns =
    headerRows === 3 ? threeRowHeader(header[0] ?? [], header[1] ?? [], header[2] ?? []) : (header[0] ?? []).map((c) => c.trim());
  return {
    name: input.name,
    columns,
    rowCount: undefined,
    fraction: () => (opened.size === undefined ? undefined : opened.bytesRead() / opened.size),
    async *batches(skip: number, wanted: readonly string[], batchRows: number): AsyncGenerator<RowBatch> {
      const picks = wanted.map((name) => [name, columns.indexOf(name)] as const).filter(([, i]) => i >= 0);
      let n = 0;
      let batch: RowBatch = { firstRow: 1, rows: [] };
      for (let record = await next(); record !== undefined; record = await next()) {
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
      if (batch.rows.length > 0) yield batch;
    },
    close: async () => {
      opened.stream.destroy();
      parser.destroy();
    },
  };
}

/** key → selected columns of a joined file (FMA raw_tracks.csv → track_url); small enough to hold. */
export async function loadJoin(input: Input, key: string, columns: Readonly<Record<string, string>>): Promise<Map<string, RawRow>> {
  const file = await openCsv(input, {});
  const out = new Map<string, RawRow>();
  try {
    if (!file.columns.includes(key))
      throw new SourceError(`${input.name} has no "${key}" column (found ${file.columns.slice(0, 20).join(', ')})`);
    const sourceCols = Object.keys(columns);
    for await (const batch of file.batches(0, [key, ...sourceCols], 5000)) {
      for (const row of batch.rows) {
        if (row instanceof Malformed) continue;
        const id = row[key];
        if (typeof id !== 'string' || id === '') continue;
        const picked: Record<string, unknown> = {};
        for (const [from, to] of Object.entries(columns)) picked[to] = row[from];
        out.set(id.trim(), picked);
      }
    }
  } finally {
    await file.close();
  }
  return out;
}
