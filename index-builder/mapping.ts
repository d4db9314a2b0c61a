/**
 * Turns one raw row (a record of column values, whatever the file format) into a TrackRow,
 * or a reason it cannot be used. Pure: the readers feed it, the build counts what it says.
 */
import type { TrackRow } from '../src/index/document.js';
import type { Platform } from '../src/index/schema.js';
import { candidates, type ColumnRef, type DatasetDescriptor } from './datasets/descriptor.js';

export type RawRow = Readonly<Record<string, unknown>>;

export type MapResult = { ok: true; row: TrackRow } | { ok: false; reason: string };

/** The file does not have the columns this dataset needs. */
export class WrongFileError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string[],
    readonly found: string[],
  ) {
    super(
      `${file} does not look like the expected file: expected columns ${expected.join(', ')}; found ${
        found.length === 0 ? 'none' : found.slice(0, 30).join(', ') + (found.length > 30 ? ', …' : '')
      }`,
    );
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
  map(raw: RawRow): MapResult;
}

const ID_PATTERNS: Record<Platform, RegExp> = {
  youtube: /^[A-Za-z0-9_-]{11}$/,
  spotify: /^[A-Za-z0-9]{22}$/,
  fma: /^\d{1,9}$/,
};
const MAX_ROW_KEY = 200;

function pick(ref: ColumnRef, found: ReadonlySet<string>): string | undefined {
  return candidates(ref).find((c) => found.has(c));
}

function describe(ref: ColumnRef): string {
  const c = candidates(ref);
  return c.length === 1 ? (c[0] ?? '') : `one of (${c.join(' | ')})`;
}

/** The 11-character id from a YouTube id or watch/short/youtu.be URL. */
export function youtubeId(text: string): string | undefined {
  if (ID_PATTERNS.youtube.test(text)) return text;
  const m = /(?:[?&]v=|youtu\.be\/|\/shorts\/|\/embed\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/.exec(text);
  return m?.[1];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

function artistsOf(value: unknown, separator: string | undefined): string[] | undefined {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(text).filter((a): a is string => a !== undefined);
  const t = text(value);
  if (t === undefined) return undefined;
  return separator === undefined ? [t.trim()] : t.split(separator).map((a) => a.trim());
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return undefined;
}

/** A URL template ("https://…/{column}") split once into text and names, filled per row. */
function compileTemplate(template: string): (values: (name: string) => string | undefined) => string | undefined {
  const parts = template.split(/\{([^}]+)\}/); // odd indexes are names
  return (values) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (i % 2 === 0) {
        out += part;
        continue;
      }
      const v = values(part);
      if (v === undefined || v === '') return undefined;
      out += v;
    }
    return /^https?:\/\/[^\s]+$/.test(out) ? out : undefined;
  };
}

/**
 * Resolves the descriptor's columns against those found in the file. Throws WrongFileError
 * when a required field (row key, title, artists) has no column.
 */
export function compileMapping(descriptor: DatasetDescriptor, file: string, foundColumns: readonly string[]): CompiledMapping {
  const m = descriptor.mapping;
  const found = new Set(foundColumns);
  const rowKeyCol = pick(m.rowKey, found);
  const titleCol = pick(m.title, found);
  const artistsCol = pick(m.artists.column, found);
  if (rowKeyCol === undefined || titleCol === undefined || artistsCol === undefined) {
    const expected = [describe(m.rowKey), describe(m.title), describe(m.artists.column)];
    throw new WrongFileError(file, expected, [...foundColumns]);
  }
  const albumCol = m.album === undefined ? undefined : pick(m.album, found);
  const durationCol = m.duration === undefined ? undefined : pick(m.duration.column, found);
  const missingOptional: string[] = [];
  if (m.album !== undefined && albumCol === undefined) missingOptional.push(`album (${describe(m.album)})`);
  if (m.duration !== undefined && durationCol === undefined) missingOptional.push(`duration (${describe(m.duration.column)})`);
  const templateCols = [...(m.url ?? '').matchAll(/\{([^}]+)\}/g)].map((x) => x[1] ?? '').filter((c) => c !== 'rowKey');
  const used = [rowKeyCol, titleCol, artistsCol, albumCol, durationCol, ...templateCols].filter((c): c is string => c !== undefined);
  const columns = [...new Set(used)].filter((c) => found.has(c));
  const unmapped = foundColumns.filter((c) => c !== '' && !used.includes(c));
  const durationScale = m.duration?.unit === 'ms' ? 1 / 1000 : 1;
  const platformIds = m.platformIds ?? [];
  const fillUrl = m.url === undefined ? undefined : compileTemplate(m.url);

  const map = (raw: RawRow): MapResult => {
    const keyText = text(raw[rowKeyCol])?.trim();
    if (keyText === undefined || keyText === '') return { ok: false, reason: 'missing row key' };
    const rowKey = m.rowKeyPattern === 'youtube' ? youtubeId(keyText) : keyText;
    if (rowKey === undefined || rowKey.length > MAX_ROW_KEY) return { ok: false, reason: 'invalid row key' };
    const titleValue = raw[titleCol];
    const title = text(titleValue);
    if (title === undefined && titleValue !== null && titleValue !== undefined) return { ok: false, reason: 'title is not text' };
    if (title === undefined || title.trim() === '') return { ok: false, reason: 'missing title' };
    const artists = artistsOf(raw[artistsCol], m.artists.separator);
    if (artists === undefined) return { ok: false, reason: 'artists are not text' };
    const ids: { platform: Platform; id: string }[] = [];
    let rowKeyPlatform: Platform | undefined;
    for (const p of platformIds) {
      const id = p.column === 'rowKey' || p.column === rowKeyCol ? rowKey : text(raw[p.column])?.trim();
      const isRowKey = p.column === 'rowKey' || p.column === rowKeyCol;
      if (id !== undefined && ID_PATTERNS[p.platform].test(id)) {
        ids.push({ platform: p.platform, id });
        if (isRowKey) rowKeyPlatform = p.platform;
      } else if (isRowKey) return { ok: false, reason: `invalid ${p.platform} id` };
    }
    const row: TrackRow = { dataset: descriptor.id, rowKey, title: title.trim(), artists, platformIds: ids, rowKeyPlatform };
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
    return { ok: true, row };
  };
  return { columns, unmapped, missingOptional, map };
}
