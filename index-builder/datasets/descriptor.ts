/**
 * A dataset descriptor says where a dataset comes from and how its columns map to the
 * index. A further dataset in a format we already read is a new JSON file in this
 * directory, not new code. The format is documented in docs/index-builder.md ("Datasets are
 * descriptors"); `descriptorProblems` (descriptor-problems.ts) checks a parsed file against it.
 */
import type { DatasetInfo, Platform } from '../../src/index/schema.js';

export const PLATFORMS: readonly Platform[] = ['youtube', 'spotify', 'fma', 'genius', 'jamendo'];

/** A column name, or candidates tried in order (for files whose columns are not verified). */
export type ColumnRef = string | readonly string[];

/** A column a file may lack: the field is then left empty and the report says so. */
export interface OptionalColumn {
  column: ColumnRef;
  optional?: boolean;
}

/** A second file joined by key, e.g. FMA's raw_tracks.csv for track URLs; optional at build time. */
export interface JoinSpec {
  file: string;
  key: string;
  /** Columns of the joined file → the names the mapping reads them by. */
  columns: Readonly<Record<string, string>>;
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
  join?: JoinSpec;
  /**
   * Most line breaks one quoted cell may hold (default 50). A cell past it is a quote that
   * never closed, swallowing the rows after it: the build stops and names the line.
   */
  maxCellLines?: number;
}

/**
 * Tab-separated values as IANA's text/tab-separated-values defines them: one header line,
 * fields split on tabs, no quoting (a `"` is part of the text: MTG-Jamendo's raw.meta.tsv has
 * titles with one). Read line by line, not through the CSV parser.
 */
export interface TsvFormat {
  type: 'tsv';
  file?: string;
  join?: JoinSpec;
  /**
   * The header's last column when it stands for "this cell and every one after it" (MTG-Jamendo's
   * TAGS: one tag per cell, so rows are longer than the header): its value is the list of them.
   */
  trailing?: string;
}

export interface JsonlFormat {
  type: 'jsonl';
}

export interface ParquetFormat {
  type: 'parquet';
}

export type Format = CsvFormat | TsvFormat | JsonlFormat | ParquetFormat;

/** The joined file of a delimited format, if the descriptor names one. */
export function joinOf(format: Format): JoinSpec | undefined {
  return format.type === 'csv' || format.type === 'tsv' ? format.join : undefined;
}

export interface TitleSpec {
  /** Absent only with `optional`: the dataset has no title at all (MusicCaps). */
  column?: ColumnRef;
  /**
   * When the file has none of `column`'s names: the title is read from the page path of the
   * link in this column (Genius: `Artist-title-lyrics`, the artist being the first artist).
   */
  fromLink?: { column: string; platform: 'genius' };
  /** Drops a trailing " by <first artist>" (Genius's `full_title` reads "Title by Artist"). */
  dropByArtist?: boolean;
  /**
   * The dataset has rows without a title (MusicCaps: a YouTube id and a clip window). Such a
   * row is indexed when it carries a platform id, and is answered by link only.
   */
  optional?: boolean;
}

/** A clip of the linked media: the row is a window of it, in seconds (MusicCaps's start_s, end_s). */
export interface ClipSpec {
  start: string;
  end: string;
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
  /**
   * A regular expression with one capture group: the id is the group, taken out of the value
   * (MTG-Jamendo's `track_0000214` holds Jamendo track 214: `^track_0*(\\d+)$`).
   */
  pattern?: string;
}

export interface Mapping {
  rowKey: ColumnRef;
  /** The row key column may hold a link to this platform (or its bare id): reduced to the id. */
  rowKeyPattern?: Platform;
  title: ColumnRef | TitleSpec;
  /**
   * One spec, or several whose names are joined in order (a primary artist, then featured ones).
   * Absent only when the title is optional: a dataset of clips names no artist.
   */
  artists?: ArtistSpec | readonly ArtistSpec[];
  album?: ColumnRef | OptionalColumn;
  duration?: { column: ColumnRef; unit: 's' | 'ms'; optional?: boolean };
  /** A template: `{column}` is replaced by that column's value (`{rowKey}` by the row key). */
  url?: string;
  platformIds?: readonly IdSpec[];
  clip?: ClipSpec;
}

/**
 * A way to reach the dataset's publisher that the publisher itself documents (a dataset card's
 * contact, its repository's issue tracker, a stated removal or opt-out process). Shown after
 * "present in", neutrally. `source` is where the publisher documents it and `checked` the day
 * someone read it there: a route without both is refused, so none is ever made up.
 */
export interface PublisherContact {
  kind: 'issue-tracker' | 'email' | 'form' | 'page';
  /** An https URL, or `mailto:` for an address. */
  url: string;
  /** The publisher's page that documents the route (https). */
  source: string;
  /** YYYY-MM-DD. */
  checked: string;
  /** What the source says, in a few words ("open an issue", "removal requests"). */
  note?: string;
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
  /** Routes to the publisher it documents; none: nothing is said. */
  contacts?: readonly PublisherContact[];
  /** What the layout was verified against: a list of "what — where" lines. */
  verified?: readonly string[];
}

export function candidates(ref: ColumnRef): readonly string[] {
  return typeof ref === 'string' ? [ref] : ref;
}

export function titleSpec(title: ColumnRef | TitleSpec): TitleSpec {
  return typeof title === 'string' || Array.isArray(title) ? { column: title as ColumnRef } : (title as TitleSpec);
}

export function artistSpecs(artists: ArtistSpec | readonly ArtistSpec[] | undefined): readonly ArtistSpec[] {
  if (artists === undefined) return [];
  return Array.isArray(artists) ? (artists as readonly ArtistSpec[]) : [artists as ArtistSpec];
}

export function optionalColumn(ref: ColumnRef | OptionalColumn): OptionalColumn {
  return typeof ref === 'string' || Array.isArray(ref) ? { column: ref as ColumnRef } : (ref as OptionalColumn);
}

/** The platform whose id is the row key: the bot looks such ids up through the document id. */
export function rowKeyPlatform(d: DatasetDescriptor): Platform | undefined {
  const rowKeys = new Set(['rowKey', ...candidates(d.mapping.rowKey)]);
  return d.mapping.platformIds?.find((p) => rowKeys.has(p.column) && p.from !== 'link' && p.pattern === undefined)?.platform;
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
    ...(d.contacts !== undefined && d.contacts.length > 0 ? { contacts: d.contacts.map((c) => ({ ...c })) } : {}),
  };
}
