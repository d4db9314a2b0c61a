/**
 * Turns one raw row (a record of column values, whatever the file format) into a TrackRow,
 * or a reason it cannot be used. Pure: the readers feed it, the build counts what it says.
 * Every column the descriptor names must be in the file (unless marked optional): a file
 * whose layout changed stops the build with the names missing, instead of indexing rows
 * that quietly lack their ids.
 */
import type { TrackRow } from '../src/index/document.js';
import type { Platform } from '../src/index/schema.js';
import { artistSpecs, candidates, optionalColumn, titleSpec, type ColumnRef, type DatasetDescriptor } from './datasets/descriptor.js';
import {
  artistsOf,
  compileTemplate,
  dropByArtist,
  idOf,
  idsOf,
  numberOf,
  templateColumns,
  text,
  titleFromGeniusPath,
} from './mapping-values.js';
import { printableColumns } from './readers/types.js';

export type RawRow = Readonly<Record<string, unknown>>;

export type MapResult = { ok: true; row: TrackRow; idProblems?: readonly string[] | undefined } | { ok: false; reason: string };

/** The file does not have the columns this dataset's descriptor names. */
export class WrongFileError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string[],
    readonly found: string[],
  ) {
    super(`${file} does not look like the expected file: expected columns ${expected.join(', ')}; found ${printableColumns(found)}`);
    this.name = 'WrongFileError';
  }
}

export interface CompiledMapping {
  /** Columns the readers must provide (parquet reads only these). */
  columns: string[];
  /** Columns in the file that no field uses (reported for files whose layout is not verified). */
  unmapped: string[];
  /** Optional fields none of whose candidate columns exist. */
  missingOptional: string[];
  /** Which column each field was read from, and how (for the report: `title ← song_url (page path)`). */
  used: string[];
  map(raw: RawRow): MapResult;
}

const MAX_ROW_KEY = 200;

function pick(ref: ColumnRef, found: ReadonlySet<string>): string | undefined {
  return candidates(ref).find((c) => found.has(c));
}

function describe(ref: ColumnRef): string {
  const c = candidates(ref);
  return c.length === 1 ? (c[0] ?? '') : `one of (${c.join(' | ')})`;
}

interface ResolvedId {
  platform: Platform;
  column: string;
  link: boolean;
  isRowKey: boolean;
  pattern: RegExp | undefined;
}

/** One field of a descriptor's mapping against a file: which column it names, and which the file has. */
export interface FieldColumn {
  field: string;
  /** What the descriptor names: a column, or `one of (a | b)`. */
  wanted: string;
  /** The column found in the file, if any. */
  column: string | undefined;
  optional: boolean;
  /** Where the field comes from when its column is missing (`song_url's page path`). */
  fallback?: string | undefined;
}

/** Every column a descriptor names, matched against a file's columns (for the build and for `inspect`). */
export function fieldColumns(descriptor: DatasetDescriptor, found: ReadonlySet<string>): FieldColumn[] {
  const m = descriptor.mapping;
  const f = (field: string, ref: ColumnRef, optional = false): FieldColumn => ({
    field,
    wanted: describe(ref),
    column: pick(ref, found),
    optional,
  });
  const title = titleSpec(m.title);
  const out = [f('row key', m.rowKey)];
  if (title.column !== undefined) {
    const titleField = f('title', title.column, title.optional === true);
    if (titleField.column === undefined && title.fromLink !== undefined && found.has(title.fromLink.column))
      titleField.fallback = `${title.fromLink.column}'s page path`;
    out.push(titleField);
  }
  artistSpecs(m.artists).forEach((s, i) => out.push(f(i === 0 ? 'artists' : `artists (${i + 1})`, s.column, s.optional === true)));
  if (m.album !== undefined) {
    const album = optionalColumn(m.album);
    out.push(f('album', album.column, album.optional === true));
  }
  if (m.duration !== undefined) out.push(f('duration', m.duration.column, m.duration.optional === true));
  const rowKeys = ['rowKey', ...candidates(m.rowKey)];
  for (const p of m.platformIds ?? [])
    if (!rowKeys.includes(p.column) || p.from === 'link')
      out.push(f(`${p.platform} ids${p.from === 'link' ? ' (links)' : ''}`, p.column, p.optional === true));
  for (const c of templateColumns(m.url)) out.push(f('url', c, true));
  if (m.clip !== undefined) out.push(f('clip start', m.clip.start), f('clip end', m.clip.end));
  return out;
}

/** The columns a descriptor names, resolved against the file's; throws WrongFileError naming those missing. */
function resolveColumns(descriptor: DatasetDescriptor, file: string, found: ReadonlySet<string>, foundList: readonly string[]) {
  const m = descriptor.mapping;
  const fields = fieldColumns(descriptor, found);
  const missing = fields.filter((x) => x.column === undefined && !x.optional && x.fallback === undefined).map((x) => x.wanted);
  if (missing.length > 0) throw new WrongFileError(file, missing, [...foundList]);
  const missingOptional = fields
    .filter((x) => x.column === undefined && x.optional)
    .map((x) => (['title', 'album', 'duration', 'url'].includes(x.field) ? `${x.field} (${x.wanted})` : x.wanted));
  const rowKey = pick(m.rowKey, found) ?? '';
  const title = titleSpec(m.title);
  const titleCol = title.column === undefined ? undefined : pick(title.column, found);
  const fromLink = titleCol === undefined ? title.fromLink : undefined;
  const artists = artistSpecs(m.artists).map((s) => ({ spec: s, col: pick(s.column, found) }));
  const album = m.album === undefined ? undefined : optionalColumn(m.album);
  const albumCol = album === undefined ? undefined : pick(album.column, found);
  const durationCol = m.duration === undefined ? undefined : pick(m.duration.column, found);
  const ids: ResolvedId[] = [];
  for (const p of m.platformIds ?? []) {
    const isRowKey = p.column === 'rowKey' || p.column === rowKey || candidates(m.rowKey).includes(p.column);
    const col = p.column === 'rowKey' ? rowKey : pick(p.column, found);
    if (col !== undefined)
      ids.push({
        platform: p.platform,
        column: col,
        link: p.from === 'link',
        isRowKey: isRowKey && p.from !== 'link' && p.pattern === undefined,
        pattern: p.pattern === undefined ? undefined : new RegExp(p.pattern),
      });
  }
  const urlCols = templateColumns(m.url);
  return { rowKey, titleCol, fromLink, artists, albumCol, durationCol, ids, urlCols, missingOptional };
}

/**
 * Resolves the descriptor's columns against those found in the file. Throws WrongFileError
 * when a named column that is not optional has no match.
 */
export function compileMapping(descriptor: DatasetDescriptor, file: string, foundColumns: readonly string[]): CompiledMapping {
  const m = descriptor.mapping;
  const found = new Set(foundColumns);
  const r = resolveColumns(descriptor, file, found, foundColumns);
  const { rowKey: rowKeyCol, titleCol, fromLink, albumCol, durationCol } = r;
  const artists = r.artists.filter((a): a is { spec: (typeof a)['spec']; col: string } => a.col !== undefined);
  const titleOptions = titleSpec(m.title);
  const durationScale = m.duration?.unit === 'ms' ? 1 / 1000 : 1;
  const fillUrl = m.url === undefined ? undefined : compileTemplate(m.url);
  const rowKeyIds = r.ids.filter((p) => p.isRowKey);
  const otherIds = r.ids.filter((p) => !p.isRowKey);

  const usedCols = [
    rowKeyCol,
    titleCol,
    fromLink?.column,
    ...artists.map((a) => a.col),
    albumCol,
    durationCol,
    ...r.ids.map((p) => p.column),
    ...r.urlCols,
    m.clip?.start,
    m.clip?.end,
  ].filter((c): c is string => c !== undefined);
  const columns = [...new Set(usedCols)].filter((c) => found.has(c));
  const unmapped = foundColumns.filter((c) => c !== '' && !usedCols.includes(c));
  const used = [
    `row key ← ${rowKeyCol}`,
    titleCol !== undefined
      ? `title ← ${titleCol}`
      : fromLink !== undefined
        ? `title ← ${fromLink.column}'s page path (no ${describe(titleOptions.column ?? [])} column in the file)`
        : 'title ← none (rows answered by link only)',
    `artists ← ${artists.map((a) => a.col + (a.spec.separator !== undefined ? ` split on "${a.spec.separator}"` : '')).join(' + ') || 'none'}`,
    ...r.ids.map((p) => `${p.platform} ids ← ${p.column}${p.link ? ' (links)' : ''}`),
  ];

  const map = (raw: RawRow): MapResult => {
    const keyText = text(raw[rowKeyCol])?.trim();
    if (keyText === undefined || keyText === '') return { ok: false, reason: 'missing row key' };
    const rowKey = m.rowKeyPattern === undefined ? keyText : idOf(m.rowKeyPattern, keyText, true);
    if (rowKey === undefined || rowKey.length > MAX_ROW_KEY) return { ok: false, reason: 'invalid row key' };

    const names: string[] = [];
    for (const a of artists) {
      const got = artistsOf(raw[a.col], a.spec.separator);
      if (got === undefined) return { ok: false, reason: 'artists are not text' };
      for (const n of got) if (!names.includes(n)) names.push(n);
    }

    let title: string | undefined;
    if (titleCol !== undefined) {
      const titleValue = raw[titleCol];
      title = text(titleValue);
      if (title === undefined && titleValue !== null && titleValue !== undefined) return { ok: false, reason: 'title is not text' };
      if (title !== undefined && titleOptions.dropByArtist === true) title = dropByArtist(title, names[0]);
    } else if (fromLink !== undefined) {
      const link = text(raw[fromLink.column]);
      const path = link === undefined ? undefined : idOf('genius', link, true);
      title = path === undefined ? undefined : titleFromGeniusPath(path, names[0]);
      if (title === undefined) return { ok: false, reason: `no title, and none in ${fromLink.column}'s page path` };
    }
    if ((title === undefined || title.trim() === '') && titleOptions.optional !== true) return { ok: false, reason: 'missing title' };

    const ids: { platform: Platform; id: string }[] = [];
    let rowKeyPlatform: Platform | undefined;
    for (const p of rowKeyIds) {
      if (!idOf(p.platform, rowKey, false)) return { ok: false, reason: `invalid ${p.platform} id` };
      ids.push({ platform: p.platform, id: rowKey });
      rowKeyPlatform ??= p.platform;
    }
    let idProblems: string[] | undefined;
    for (const p of otherIds) {
      const got = idsOf(p.platform, raw[p.column], p.link, p.pattern);
      for (const id of got.ids) if (!ids.some((x) => x.platform === p.platform && x.id === id)) ids.push({ platform: p.platform, id });
      if (got.problem !== undefined) (idProblems ??= []).push(`${p.column}: ${got.problem}`);
    }

    // A row without a title is answered by link only: without an id, nothing could ever find it.
    if ((title ?? '').trim() === '' && ids.length === 0) return { ok: false, reason: 'no title and no platform id' };
    const row: TrackRow = { dataset: descriptor.id, rowKey, title: (title ?? '').trim(), artists: names, platformIds: ids, rowKeyPlatform };
    if (m.clip !== undefined) {
      const start = numberOf(raw[m.clip.start]);
      const end = numberOf(raw[m.clip.end]);
      if (start === undefined || end === undefined || !(start >= 0 && end > start && end < 2 ** 31))
        return { ok: false, reason: 'invalid clip window' };
      row.clip = { start, end };
    }
    if (albumCol !== undefined) {
      const album = text(raw[albumCol]);
      if (album !== undefined && album.trim() !== '') row.album = album.trim();
    }
    if (durationCol !== undefined) {
      const d = numberOf(raw[durationCol]);
      if (d !== undefined && Number.isFinite(d) && d > 0 && d * durationScale < 2 ** 31) row.duration = d * durationScale;
    }
    if (fillUrl !== undefined) {
      const url = fillUrl((name) => (name === 'rowKey' ? rowKey : text(raw[name])?.trim()));
      if (url !== undefined) row.url = url;
    }
    return { ok: true, row, idProblems };
  };
  return { columns, unmapped, missingOptional: r.missingOptional, used, map };
}
