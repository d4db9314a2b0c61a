/**
 * Reading one cell's value the way a descriptor says: text, a number, artist names, platform
 * ids (bare or inside links), a title from a Genius page path. Pure functions of the value,
 * so the mapping can stay a loop over columns.
 */
import { recogniseCanonical } from '../src/links/canonical.js';
import { recogniseUrl } from '../src/links/platforms.js';
import type { Platform } from '../src/index/schema.js';

/** Bare ids as each platform writes them; links are reduced to these first. */
export const ID_PATTERNS: Record<Platform, RegExp> = {
  youtube: /^[A-Za-z0-9_-]{11}$/,
  spotify: /^[A-Za-z0-9]{22}$/,
  fma: /^\d{1,9}$/,
  // A Genius song id; a page path (the other Genius id) only ever comes from a link.
  genius: /^\d{1,12}$/,
  // A Jamendo track number, as jamendo.com/track/{n} and MTG-Jamendo's track_0000214 write it.
  jamendo: /^[1-9]\d{0,11}$/,
};

/** More ids than this in one row's list are not indexed (a row is one song, not a playlist). */
export const MAX_IDS_PER_COLUMN = 20;

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return undefined;
}

/**
 * Artist names from one column: a list gives one name per text item; text is one name,
 * split only on a separator the descriptor gives. undefined: the value is not text at all.
 */
export function artistsOf(value: unknown, separator: string | undefined): string[] | undefined {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    const names: string[] = [];
    for (const item of value) {
      const t = text(item)?.trim();
      if (t !== undefined && t !== '') names.push(t);
    }
    return names;
  }
  const t = text(value);
  if (t === undefined) return undefined;
  const names = separator === undefined ? [t] : t.split(separator);
  return names.map((a) => a.trim()).filter((a) => a !== '');
}

/** A link as datasets write it: with or without its scheme. */
function parseLink(value: string): URL | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : /^[\w.-]+\.[a-z]{2,}\//i.test(value) ? `https://${value}` : undefined;
  if (withScheme === undefined) return undefined;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

function recogniseLink(value: string): ReturnType<typeof recogniseUrl> {
  const url = parseLink(value);
  return url === undefined ? undefined : recogniseUrl(url);
}

/**
 * The platform id in one value: a bare id, or (with `link`) the id of a track link of that
 * platform, read by the same recogniser that reads links pasted in chat, so an id stored
 * here and one looked up from chat always agree.
 */
export function idOf(platform: Platform, value: string, link: boolean, pattern?: RegExp): string | undefined {
  let v = value.trim();
  if (pattern !== undefined) {
    const group = pattern.exec(v)?.[1];
    if (group === undefined) return undefined;
    v = group;
  }
  if (ID_PATTERNS[platform].test(v)) return v;
  if (!link || v.length > 2000) return undefined;
  const found = recogniseCanonical(v) ?? recogniseLink(v);
  if (found === undefined || found.kind !== 'track' || found.id === undefined) return undefined;
  const on: string = found.platform === 'youtube-music' ? 'youtube' : found.platform;
  return on === platform ? found.id : undefined;
}

export type IdsResult = { ids: string[]; problem?: string };

/** Ids in a cell that holds one value or a list of them (0..n ids). */
export function idsOf(platform: Platform, value: unknown, link: boolean, pattern?: RegExp): IdsResult {
  if (value === null || value === undefined || value === '') return { ids: [] };
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  const ids: string[] = [];
  let problem: string | undefined;
  for (const item of values) {
    const t = text(item);
    const id = t === undefined ? undefined : idOf(platform, t, link, pattern);
    if (id === undefined) problem ??= t === undefined ? 'not text' : `not a ${platform} ${link ? 'link' : 'id'}`;
    else if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > MAX_IDS_PER_COLUMN) return { ids: ids.slice(0, MAX_IDS_PER_COLUMN), problem: `more than ${MAX_IDS_PER_COLUMN} ids` };
  return problem === undefined ? { ids } : { ids, problem };
}

/** Genius's page path for a name: lower case, accents and apostrophes dropped, `&` as "and", dashes between words. */
export function geniusSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The title in a Genius page path (`tyler-the-creator-see-you-again-lyrics`, as the link
 * recogniser gives it): what follows the artist's slug, before `-lyrics`, words spaced.
 * undefined when the path does not start with the artist.
 */
export function titleFromGeniusPath(path: string, artist: string | undefined): string | undefined {
  if (artist === undefined || !path.endsWith('-lyrics')) return undefined;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not valid percent-encoding: read as written.
  }
  const body = decoded.slice(0, -'-lyrics'.length);
  const prefix = `${geniusSlug(artist)}-`;
  if (prefix === '-' || !body.startsWith(prefix) || body.length === prefix.length) return undefined;
  return body.slice(prefix.length).replace(/-+/g, ' ').trim();
}

/**
 * " by " in any case, its spaces ordinary or no-break. A title whose lower case ends with
 * " by {artist}" has it: no character but these lower-cases to a space, a "b" or a "y".
 */
const BY_WORD = /[ \u00a0][bB][yY][ \u00a0]/;

/** "Title by Artist" (Genius's full_title, with ordinary or no-break spaces) → "Title". */
export function dropByArtist(title: string, artist: string | undefined): string {
  // Most titles have no " by ": one scan instead of four copies of the text (the builder runs this per row).
  return BY_WORD.test(title) ? dropByArtistInFull(title, artist) : title;
}

/** @internal `dropByArtist` without its shortcut, exported for the equivalence test. */
export function dropByArtistInFull(title: string, artist: string | undefined): string {
  if (artist === undefined || artist === '') return title;
  const spaced = title.replace(/\u00a0/g, ' ');
  const suffix = ` by ${artist.replace(/\u00a0/g, ' ')}`;
  return spaced.toLowerCase().endsWith(suffix.toLowerCase()) && spaced.length > suffix.length
    ? spaced.slice(0, spaced.length - suffix.length).trim()
    : title;
}

/** A URL template ("https://…/{column}") split once into text and names, filled per row. */
export function compileTemplate(template: string): (values: (name: string) => string | undefined) => string | undefined {
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

export function templateColumns(template: string | undefined): string[] {
  return [...(template ?? '').matchAll(/\{([^}]+)\}/g)].map((x) => x[1] ?? '').filter((c) => c !== 'rowKey');
}
