/**
 * A dataset descriptor says where a dataset comes from and how its columns map to the
 * index. A further dataset in a format we already read is a new JSON file in this
 * directory, not new code.
 */
import type { DatasetInfo, Platform } from '../../src/index/schema.js';

/** A column name, or candidates tried in order (for files whose columns are not verified). */
export type ColumnRef = string | readonly string[];

export interface CsvFormat {
  type: 'csv';
  /** File name inside a directory source (e.g. `tracks.csv`). */
  file?: string;
  delimiter?: string;
  /**
   * 1 (default): one header line. 3: FMA's pandas `header=[0,1]` layout: a group row, a
   * field row and a row holding only the index name; columns become `group.field`.
   */
  headerRows?: 1 | 3;
  /** A second file joined by key, e.g. FMA's raw_tracks.csv for track URLs; optional at build time. */
  join?: { file: string; key: string; columns: Readonly<Record<string, string>> };
}

export interface JsonlFormat {
  type: 'jsonl';
}

export interface ParquetFormat {
  type: 'parquet';
}

export type Format = CsvFormat | JsonlFormat | ParquetFormat;

export interface Mapping {
  rowKey: ColumnRef;
  title: ColumnRef;
  /** A list column, or a text column split on `separator`. */
  artists: { column: ColumnRef; separator?: string };
  album?: ColumnRef;
  duration?: { column: ColumnRef; unit: 's' | 'ms' };
  /** A template: `{column}` is replaced by that column's value (`{rowKey}` by the row key). */
  url?: string;
  platformIds?: readonly { platform: Platform; column: string }[];
  /** `youtube`: the row key may be a YouTube URL and is reduced to the 11-character id. */
  rowKeyPattern?: 'youtube';
}

export interface DatasetDescriptor {
  id: string;
  name: string;
  publisher: string;
  licence: string;
  homepage: string;
  version: string;
  claimedRows: number;
  /** Short and neutral: shown to users by `/trained about`. */
  description: string;
  format: Format;
  mapping: Mapping;
  note?: string;
  /** false: the column names are not verified against the published files; unused columns are reported. */
  columnsVerified?: boolean;
}

export function candidates(ref: ColumnRef): readonly string[] {
  return typeof ref === 'string' ? [ref] : ref;
}

/** The platform whose id is the row key: the bot looks such ids up through the document id. */
export function rowKeyPlatform(d: DatasetDescriptor): Platform | undefined {
  const rowKeys = new Set(['rowKey', ...candidates(d.mapping.rowKey)]);
  return d.mapping.platformIds?.find((p) => rowKeys.has(p.column))?.platform;
}

/** The descriptor fields the bot shows, plus the row count of this build. */
export function datasetInfo(d: DatasetDescriptor, rows: number, version = d.version): DatasetInfo {
  return {
    rowKeyPlatform: rowKeyPlatform(d),
    id: d.id,
    name: d.name,
    publisher: d.publisher,
    licence: d.licence,
    homepage: d.homepage,
    version,
    description: d.description,
    claimedRows: d.claimedRows,
    rows,
  };
}

/** Checks a parsed JSON value; returns the problems instead of throwing. */
export function descriptorProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) return ['not an object'];
  const v = value as Record<string, unknown>;
  for (const key of ['id', 'name', 'publisher', 'licence', 'homepage', 'version', 'description']) {
    if (typeof v[key] !== 'string' || v[key] === '') problems.push(`"${key}" must be a non-empty string`);
  }
  if (typeof v.id === 'string' && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(v.id))
    problems.push('"id" must be lower-case letters, digits and dashes');
  if (typeof v.claimedRows !== 'number' || !Number.isInteger(v.claimedRows) || v.claimedRows < 0) {
    problems.push('"claimedRows" must be a whole number');
  }
  const format = v.format as { type?: unknown } | undefined;
  if (!['csv', 'jsonl', 'parquet'].includes(String(format?.type))) problems.push('"format.type" must be csv, jsonl or parquet');
  const mapping = v.mapping as Record<string, unknown> | undefined;
  if (mapping === undefined || typeof mapping !== 'object') problems.push('"mapping" is missing');
  else {
    for (const key of ['rowKey', 'title']) if (mapping[key] === undefined) problems.push(`"mapping.${key}" is missing`);
    if ((mapping.artists as { column?: unknown } | undefined)?.column === undefined) problems.push('"mapping.artists.column" is missing');
  }
  return problems;
}
