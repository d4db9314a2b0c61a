import { clampQuery } from '../search/filter.js';
import { rowCreditKeys } from './credits.js';
import { albumKey, titleKeys } from './normalize.js';
import { documentId, type Platform, type TrackDocument } from './schema.js';
import { titleHash, titleHashes } from './title-hash.js';

/** One dataset row in the index's terms, before normalisation. */
export interface TrackRow {
  dataset: string;
  rowKey: string;
  title: string;
  artists: readonly string[];
  album?: string | undefined;
  duration?: number | undefined;
  url?: string | undefined;
  platformIds?: readonly { platform: Platform; id: string }[];
  /** The platform whose id is this dataset's row key: that id is found through the document id, not stored again. */
  rowKeyPlatform?: Platform | undefined;
  /** The row is this window of the linked media, in seconds. */
  clip?: { start: number; end: number } | undefined;
}

/** Longest stored display string: a 10,000-character title is cut, not rejected. */
export const MAX_FIELD_CHARS = 1000;

function cut(text: string): string {
  // A string's code points never outnumber its UTF-16 units: short text needs no split.
  if (text.length <= MAX_FIELD_CHARS) return text;
  const chars = [...text];
  return chars.length <= MAX_FIELD_CHARS ? text : chars.slice(0, MAX_FIELD_CHARS).join('');
}

/**
 * A filter value longer than this many words is never sent against a `string[]` field
 * (Typesense 0.24.1 stalls on it, see MAX_ARRAY_FILTER_TOKENS); longer alternates are not stored.
 */
const MAX_ALT_TOKENS = 24;

export function toDocument(row: TrackRow): TrackDocument {
  const title = cut(row.title);
  // One pass, two arrays: the builder runs this on every row, and each array is garbage at once.
  const artists: string[] = [];
  const clamped: string[] = [];
  for (const cell of row.artists) {
    const artist = cut(cell);
    if (artist.trim() === '') continue;
    artists.push(artist);
    clamped.push(clampQuery(artist));
  }
  // Keys come from the same clamped text a query is cut to, so a long title pasted whole still matches itself.
  const keys = titleKeys(clampQuery(title));
  const credits = rowCreditKeys(clamped, keys.featured);
  const doc: TrackDocument = {
    id: documentId(row.dataset, row.rowKey),
    dataset: row.dataset,
    row_key: row.rowKey,
    title,
    artists,
    title_norm: keys.key,
    artists_norm: credits.solid,
  };
  // Only rows whose title or credit has another form pay for these fields.
  const alternates = keys.alternates.length === 0 ? keys.alternates : keys.alternates.filter((k) => k.split(' ').length <= MAX_ALT_TOKENS);
  if (alternates.length > 0) doc.title_alt = alternates;
  if (keys.key !== '')
    doc.title_keys = alternates.length === 0 ? [titleHash(keys.key, row.dataset)] : titleHashes([keys.key, ...alternates], row.dataset);
  if (credits.parts.length > 0) doc.artist_parts = credits.parts;
  if (row.platformIds !== undefined && row.platformIds.length > 0) {
    const extraIds: string[] = [];
    for (const p of row.platformIds)
      if (!(p.platform === row.rowKeyPlatform && p.id === row.rowKey)) extraIds.push(`${p.platform}:${p.id}`);
    if (extraIds.length > 0) doc.platform_ids = extraIds;
  }
  if (row.album !== undefined && row.album !== '') {
    doc.album = cut(row.album);
    const key = albumKey(clampQuery(doc.album));
    if (key !== '') doc.album_norm = key;
  }
  if (row.duration !== undefined && Number.isFinite(row.duration)) doc.duration = Math.round(row.duration);
  if (row.url !== undefined && row.url !== '') doc.url = row.url;
  if (row.clip !== undefined) {
    doc.clip_start = Math.round(row.clip.start);
    doc.clip_end = Math.round(row.clip.end);
  }
  return doc;
}
