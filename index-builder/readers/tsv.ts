/**
 * Tab-separated values (IANA text/tab-separated-values): a header line, then one row per line,
 * cells split on tabs, no quoting. A `"` is text: MTG-Jamendo's raw.meta.tsv has titles with an
 * unmatched quote, which a CSV parser would take as the start of a cell running over the lines
 * after it. With `trailing`, the header's last column takes that cell and every one after it
 * as a list (MTG-Jamendo's TAGS, one tag per cell).
 */
import type { TsvFormat } from '../datasets/descriptor.js';
import type { RawRow } from '../mapping.js';
import { openStream, SourceError, type Input } from '../sources.js';
import { lineChunks } from './lines.js';
import { Malformed, type OpenedFile, type RowBatch } from './types.js';

function cellsToRow(
  cells: string[],
  columns: readonly string[],
  picks: readonly (readonly [string, number])[],
  trailingAt: number,
): RawRow | Malformed {
  const fits = trailingAt >= 0 ? cells.length >= trailingAt : cells.length === columns.length;
  if (!fits) {
    const expected = trailingAt >= 0 ? `at least ${trailingAt}` : `${columns.length}`;
    return new Malformed(`wrong number of columns (${cells.length}, expected ${expected})`);
  }
  const row: Record<string, unknown> = {};
  for (const [name, i] of picks) row[name] = i === trailingAt ? cells.slice(i).filter((c) => c !== '') : cells[i];
  return row;
}

export async function openTsv(input: Input, format: Pick<TsvFormat, 'trailing'>): Promise<OpenedFile> {
  const opened = await openStream(input);
  const chunks = lineChunks(opened.stream, input.name, 'a TSV file');
  const first = await chunks.next();
  const lines: string[] = first.done === true ? [] : first.value;
  const header = lines.shift() ?? '';
  const columns = header
    .replace(/^\uFEFF/, '')
    .split('\t')
    .map((c) => c.trim());
  const trailingAt = format.trailing === undefined ? -1 : columns.indexOf(format.trailing);
  if (format.trailing !== undefined && trailingAt !== columns.length - 1 && columns.includes(format.trailing))
    throw new SourceError(`${input.name}: "${format.trailing}" holds the trailing cells, so it must be the header's last column`);
  let ended = first.done === true;
  return {
    name: input.name,
    columns,
    rowCount: undefined,
    fraction: () => (opened.size === undefined ? undefined : opened.bytesRead() / opened.size),
    async *batches(skip: number, wanted: readonly string[], batchRows: number): AsyncGenerator<RowBatch> {
      const picks = wanted.map((name) => [name, columns.indexOf(name)] as const).filter(([, i]) => i >= 0);
      let n = 0;
      let batch: RowBatch = { firstRow: 1, rows: [] };
      const take = function* (block: readonly string[]): Generator<RowBatch> {
        for (const line of block) {
          n += 1;
          if (n <= skip) continue;
          if (batch.rows.length === 0) batch.firstRow = n;
          batch.rows.push(cellsToRow(line.split('\t'), columns, picks, trailingAt));
          if (batch.rows.length >= batchRows) {
            yield batch;
            batch = { firstRow: n + 1, rows: [] };
          }
        }
      };
      yield* take(lines.splice(0));
      while (!ended) {
        const next = await chunks.next();
        if (next.done === true) ended = true;
        else yield* take(next.value);
      }
      if (batch.rows.length > 0) yield batch;
    },
    close: async () => {
      await chunks.return(undefined);
      opened.stream.destroy();
    },
  };
}
