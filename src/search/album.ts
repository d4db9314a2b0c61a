/**
 * `/trained album:`: what to ask Typesense for a release, as a pure function. A release is
 * every row whose album key is the query's (albumKey: case, accents, version and edition
 * labels set aside), narrowed to an artist's credits when one is given: album titles such as
 * "Greatest Hits" name many releases, and only the artist tells them apart.
 */
import { queryCredit } from '../index/credits.js';
import { albumKey } from '../index/normalize.js';
import { clampQuery, exactOne } from './filter.js';
import { creditClause } from './exact-filters.js';

export interface AlbumQuery {
  album: string;
  artist?: string | undefined;
  /** Most rows read (default ALBUM_MAX_ROWS): a release is tens of rows, a common title across artists thousands. */
  max?: number | undefined;
}

export const ALBUM_MAX_ROWS = 1000;

export interface PlannedAlbumQuery {
  key: string;
  filter: string;
  max: number;
}

/** undefined: nothing to search for (an empty title, or an artist whose every key is too long to filter on). */
export function planAlbumQuery(query: AlbumQuery): PlannedAlbumQuery | undefined {
  const key = albumKey(clampQuery(query.album));
  if (key === '') return undefined;
  const max = Math.max(1, Math.min(query.max ?? ALBUM_MAX_ROWS, ALBUM_MAX_ROWS));
  const byAlbum = exactOne('album_norm', key);
  const artist = query.artist?.trim() ?? '';
  if (artist === '') return { key, filter: byAlbum, max };
  const credit = creditClause(queryCredit(clampQuery(artist)));
  return credit === undefined ? undefined : { key, filter: `${byAlbum} && ${credit}`, max };
}
