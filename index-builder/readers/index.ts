import { joinOf, type DatasetDescriptor, type Format } from '../datasets/descriptor.js';
import type { RawRow } from '../mapping.js';
import { SourceError, type Input } from '../sources.js';
import { openCsv } from './csv.js';
import { openJsonl } from './jsonl.js';
import { openParquet } from './parquet.js';
import { openTsv } from './tsv.js';
import { Malformed, type OpenedFile } from './types.js';

export { Malformed, type OpenedFile } from './types.js';

export function openFile(descriptor: DatasetDescriptor, input: Input): Promise<OpenedFile> {
  const format = descriptor.format;
  switch (format.type) {
    case 'parquet':
      return openParquet(input);
    case 'jsonl':
      return openJsonl(input);
    case 'csv':
      return openCsv(input, format);
    case 'tsv':
      return openTsv(input, format);
  }
}

/**
 * key → selected columns of a joined file (FMA raw_tracks.csv → track_url; MTG-Jamendo's
 * raw.meta.tsv → names), read in the main file's own format; small enough to hold.
 */
export async function loadJoin(input: Input, format: Format): Promise<Map<string, RawRow>> {
  const join = joinOf(format);
  if (join === undefined) return new Map();
  const file =
    format.type === 'tsv'
      ? await openTsv(input, {})
      : await openCsv(input, format.type === 'csv' && format.maxCellLines !== undefined ? { maxCellLines: format.maxCellLines } : {});
  const out = new Map<string, RawRow>();
  try {
    if (!file.columns.includes(join.key))
      throw new SourceError(`${input.name} has no "${join.key}" column (found ${file.columns.slice(0, 20).join(', ')})`);
    const sourceCols = Object.keys(join.columns);
    for await (const batch of file.batches(0, [join.key, ...sourceCols], 5000)) {
      for (const row of batch.rows) {
        if (row instanceof Malformed) continue;
        const id = row[join.key];
        if (typeof id !== 'string' || id === '') continue;
        const picked: Record<string, unknown> = {};
        for (const [from, to] of Object.entries(join.columns)) picked[to] = row[from];
        out.set(id.trim(), picked);
      }
    }
  } finally {
    await file.close();
  }
  return out;
}
