/**
 * Writes parquet files laid out like LAION-DISCO-12M's shards (list<string> artist columns,
 * int64 duration), for the sample data, the test fixtures and the benchmark. Dev-only: it
 * uses hyparquet-writer, a dev dependency.
 */
import { fileWriter, ParquetWriter } from 'hyparquet-writer';

export interface LaionRow {
  song_id: string | null;
  title: string | null;
  artist_names: (string | null)[] | null;
  artist_ids: (string | null)[] | null;
  album_name: string | null;
  album_id: string | null;
  isExplicit: boolean | null;
  views: string | null;
  duration: number | null;
}

const text = (name: string) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }) as const;
const list = (name: string) => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 } as const,
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 } as const,
  { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' } as const,
];

export const LAION_SCHEMA = [
  { name: 'schema', num_children: 9 },
  text('song_id'),
  text('title'),
  ...list('artist_names'),
  ...list('artist_ids'),
  text('album_name'),
  text('album_id'),
  { name: 'isExplicit', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  text('views'),
  { name: 'duration', type: 'INT64', repetition_type: 'OPTIONAL' },
] as const;

/** A writer that takes rows in chunks, so a million-row file never sits in memory at once. */
export function laionWriter(path: string, rowGroupSize = 100_000) {
  const writer = new ParquetWriter({ writer: fileWriter(path), schema: LAION_SCHEMA.map((e) => ({ ...e })) });
  return {
    write(rows: readonly LaionRow[]): void {
      if (rows.length === 0) return;
      const column = <K extends keyof LaionRow>(k: K) => rows.map((r) => r[k]);
      writer.write({
        rowGroupSize,
        columnData: [
          { name: 'song_id', data: column('song_id') },
          { name: 'title', data: column('title') },
          { name: 'artist_names', data: column('artist_names') },
          { name: 'artist_ids', data: column('artist_ids') },
          { name: 'album_name', data: column('album_name') },
          { name: 'album_id', data: column('album_id') },
          { name: 'isExplicit', data: column('isExplicit') },
          { name: 'views', data: column('views') },
          { name: 'duration', data: rows.map((r) => (r.duration === null ? null : BigInt(r.duration))) },
        ],
      });
    },
    finish(): void {
      writer.finish();
    },
  };
}

export function writeLaionParquet(path: string, rows: readonly LaionRow[]): void {
  const w = laionWriter(path);
  w.write(rows);
  w.finish();
}
