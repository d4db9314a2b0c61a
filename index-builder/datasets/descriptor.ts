/**
 * A dataset descriptor says where a dataset comes from and how its columns map to the
 * index. A further dataset in a format we already read is a new JSON file in this
 * directory, not new code. The format is documented in docs/index-builder.md ("Datasets are
 * descriptors"); `descriptorProblems` checks a parsed file against it.
 */
import type { DatasetInfo, Platform } from '../../src/index/schema.js';

export const PLATFORMS: readonly Platform[] = ['youtube', 'spotify', 'fma', 'genius'];

/** A column name, or candidates tried in order (for files whose columns are not verified). */
export type ColumnRef = string | readonly string[];

/** A column a file may lack: the field is then left empty and the report says so. */
export interface OptionalColumn {
  column: ColumnRef;
  optional?: boolean;
}

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
  /**
   * Most line breaks one quoted cell may hold (default 50). A cell past it is a quote that
   * never closed, swallowing the rows after it: the build stops and names the line.
   */
  maxCellLines?: number;
}

export interface JsonlFormat {
  type: 'jsonl';
}

export interface ParquetFormat {
  type: 'parquet';
}

export type Format = CsvFormat | JsonlFormat | ParquetFormat;

export interface TitleSpec {
  column: ColumnRef;
  /**
   * When the file has none of `column`'s names: the title is read from the page path of the
   * link in this column (Genius: `Artist-title-lyrics`, the artist being the first artist).
   */
  fromLink?: { column: string; platform: 'genius' };
  /** Drops a trailing " by <first artist>" (Genius's `full_title` reads "Title by Artist"). */
  dropByArtist?: boolean;
}

/**
 * One source of artist names. A text value is ONE name ("Tyler, The Creator"), unless a
 * `separator` says the column is a separated list (Spotify's `;`); a list value gives one
 * name per item.
 */
export interface ArtistSpec extends OptionalColumn {
  separator?: string;
}

/**
 * A platform id a row carries. `column` may be `rowKey`, or a column holding one value or a
 * list of values (0..n ids per row, each findable). `from: "link"`: values are links in any
 * form the bot recognises in chat (or bare ids), reduced to the id.
 */
export interface IdSpec {
  platform: Platform;
  column: string;
  from?: 'id' | 'link';
  optional?: boolean;
}

export interface Mapping {
  rowKey: ColumnRef;
  /** The row key column may hold a link to this platform (or its bare id): reduced to the id. */
  rowKeyPattern?: Platform;
  title: ColumnRef | TitleSpec;
  /** One spec, or several whose names are joined in order (a primary artist, then featured ones). */
  artists: ArtistSpec | readonly ArtistSpec[];
  album?: ColumnRef | OptionalColumn;
  duration?: { column: ColumnRef; unit: 's' | 'ms'; optional?: boolean };
  /** A template: `{column}` is replaced by that column's value (`{rowKey}` by the row key). */
  url?: string;
  platformIds?: readonly IdSpec[];
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
  /** false: the column names are not all verified against the published files; unused columns are reported. */
  columnsVerified?: boolean;
}

export function candidates(ref: ColumnRef): readonly string[] {
  return typeof ref === 'string' ? [ref] : ref;
}

export function titleSpec(title: ColumnRef | TitleSpec): TitleSpec {
  return typeof title === 'string' || Array.isArray(title) ? { column: title as ColumnRef } : (title as TitleSpec);
}

export function artistSpecs(artists: ArtistSpec | readonly ArtistSpec[]): readonly ArtistSpec[] {
  return Array.isArray(artists) ? (artists as readonly ArtistSpec[]) : [artists as ArtistSpec];
}

export function optionalColumn(ref: ColumnRef | OptionalColumn): OptionalColumn {
  return typeof ref === 'string' || Array.isArray(ref) ? { column: ref as ColumnRef } : (ref as OptionalColumn);
}

/** The platform whose id is the row key: the bot looks such ids up through the document id. */
export function rowKeyPlatform(d: DatasetDescriptor): Platform | undefined {
  const rowKeys = new Set(['rowKey', ...candidates(d.mapping.rowKey)]);
  return d.mapping.platformIds?.find((p) => rowKeys.has(p.column) && p.from !== 'link')?.platform;
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

const isColumnRef = (v: unknown): boolean =>
  (typeof v === 'string' && v !== '') || (Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && c !== ''));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A column reference, alone or as `{ column, optional }`. */
function columnProblems(where: string, v: unknown, problems: string[]): void {
  const ref = isObject(v) ? v.column : v;
  if (!isColumnRef(ref)) problems.push(`"${where}" must name a column (a name or a list of candidate names)`);
  if (isObject(v) && v.optional !== undefined && typeof v.optional !== 'boolean')
    problems.push(`"${where}.optional" must be true or false`);
}

function mappingProblems(mapping: Record<string, unknown>, problems: string[]): void {
  if (!isColumnRef(mapping.rowKey)) problems.push('"mapping.rowKey" must name a column');
  if (mapping.rowKeyPattern !== undefined && !PLATFORMS.includes(mapping.rowKeyPattern as Platform))
    problems.push(`"mapping.rowKeyPattern" must be one of ${PLATFORMS.join(', ')}`);
  if (mapping.title === undefined) problems.push('"mapping.title" is missing');
  else {
    columnProblems('mapping.title', mapping.title, problems);
    const from = isObject(mapping.title) ? mapping.title.fromLink : undefined;
    if (from !== undefined && (!isObject(from) || typeof from.column !== 'string' || from.platform !== 'genius'))
      problems.push('"mapping.title.fromLink" must be { "column": NAME, "platform": "genius" }');
  }
  if (mapping.artists === undefined) problems.push('"mapping.artists.column" is missing');
  else {
    const specs = Array.isArray(mapping.artists) ? mapping.artists : [mapping.artists];
    if (specs.length === 0) problems.push('"mapping.artists" must name at least one column');
    specs.forEach((s: unknown, i) => {
      const where = Array.isArray(mapping.artists) ? `mapping.artists[${i}]` : 'mapping.artists';
      if (!isObject(s) || s.column === undefined) problems.push(`"${where}.column" is missing`);
      else columnProblems(where, s, problems);
      if (isObject(s) && s.separator !== undefined && (typeof s.separator !== 'string' || s.separator === ''))
        problems.push(`"${where}.separator" must be a non-empty string`);
    });
  }
  if (mapping.album !== undefined) columnProblems('mapping.album', mapping.album, problems);
  if (mapping.duration !== undefined) {
    const d = mapping.duration;
    if (!isObject(d) || !isColumnRef(d.column) || (d.unit !== 's' && d.unit !== 'ms'))
      problems.push('"mapping.duration" must be { "column": NAME, "unit": "s" or "ms" }');
  }
  if (mapping.url !== undefined && typeof mapping.url !== 'string') problems.push('"mapping.url" must be a template string');
  if (mapping.platformIds !== undefined) {
    if (!Array.isArray(mapping.platformIds)) problems.push('"mapping.platformIds" must be a list');
    else
      mapping.platformIds.forEach((p: unknown, i) => {
        if (!isObject(p) || !PLATFORMS.includes(p.platform as Platform) || typeof p.column !== 'string' || p.column === '')
          problems.push(`"mapping.platformIds[${i}]" must be { "platform": ${PLATFORMS.join('|')}, "column": NAME }`);
        else if (p.from !== undefined && p.from !== 'id' && p.from !== 'link')
          problems.push(`"mapping.platformIds[${i}].from" must be "id" or "link"`);
      });
  }
}

/** Checks a parsed JSON value; returns the problems instead of throwing. */
export function descriptorProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return ['not an object'];
  const v = value;
  for (const key of ['id', 'name', 'publisher', 'licence', 'homepage', 'version', 'description']) {
    if (typeof v[key] !== 'string' || v[key] === '') problems.push(`"${key}" must be a non-empty string`);
  }
  if (typeof v.id === 'string' && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(v.id))
    problems.push('"id" must be lower-case letters, digits and dashes');
  if (typeof v.claimedRows !== 'number' || !Number.isInteger(v.claimedRows) || v.claimedRows < 0) {
    problems.push('"claimedRows" must be a whole number');
  }
  const format = v.format as { type?: unknown; maxCellLines?: unknown } | undefined;
  if (!['csv', 'jsonl', 'parquet'].includes(String(format?.type))) problems.push('"format.type" must be csv, jsonl or parquet');
  const cellLines = format?.maxCellLines;
  if (cellLines !== undefined && (typeof cellLines !== 'number' || !Number.isInteger(cellLines) || cellLines < 0))
    problems.push('"format.maxCellLines" must be a whole number');
  if (!isObject(v.mapping)) problems.push('"mapping" is missing');
  else mappingProblems(v.mapping, problems);
  return problems;
}
