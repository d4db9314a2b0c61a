/**
 * How a typed query can be read. "Never Gonna Give You Up - Rick Astley" and "Rick Astley -
 * Never Gonna Give You Up" are both common, so a query with a spaced dash and no separate
 * artist is tried both ways (and as a title that holds a dash itself); the reading whose
 * artist is credited on a row with that title wins, and the answer says which it used.
 */

export type ReadingOrder =
  /** Title and artist given separately (song:… artist:…): read as given. */
  | 'as-given'
  /** "Title - Artist": split at the last spaced dash, so a title may hold dashes itself. */
  | 'title-artist'
  /** "Artist - Title": split at the first spaced dash, so the title may carry " - Live". */
  | 'artist-title'
  /** The whole text as a title, no artist. */
  | 'title-only';

export interface Reading {
  title: string;
  artist?: string | undefined;
  order: ReadingOrder;
}

const DASHES = [' - ', ' – ', ' — '];

function dashAt(text: string, last: boolean): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  for (const d of DASHES) {
    const at = last ? text.lastIndexOf(d) : text.indexOf(d);
    if (at <= 0) continue;
    if (best === undefined || (last ? at > best.at : at < best.at)) best = { at, length: d.length };
  }
  return best;
}

function split(text: string, last: boolean): [string, string] | undefined {
  const d = dashAt(text, last);
  if (d === undefined) return undefined;
  const left = text.slice(0, d.at).trim();
  const right = text.slice(d.at + d.length).trim();
  return left === '' || right === '' ? undefined : [left, right];
}

/** The readings to try, most likely first. */
export function readingsOf(title: string, artist?: string): Reading[] {
  const t = title.trim();
  if (artist !== undefined && artist.trim() !== '') return [{ title: t, artist: artist.trim(), order: 'as-given' }];
  const titleFirst = split(t, true);
  const artistFirst = split(t, false);
  if (titleFirst === undefined || artistFirst === undefined) return [{ title: t, order: 'title-only' }];
  return [
    { title: titleFirst[0], artist: titleFirst[1], order: 'title-artist' },
    { title: artistFirst[1], artist: artistFirst[0], order: 'artist-title' },
    { title: t, order: 'title-only' },
  ];
}

/** "read as "Title" by Artist (artist first)", for the answer; undefined when the query was read as typed. */
export function describeReading(r: Reading, tried: number, nothingFound = false): string | undefined {
  if (tried <= 1) return undefined;
  if (nothingFound) return 'tried as title - artist, as artist - title and as one title';
  if (r.order === 'title-only') return `read as one title "${r.title}" (no artist matched either way round)`;
  const how = r.order === 'artist-title' ? 'artist first' : 'title first';
  return `read as "${r.title}" by ${r.artist ?? ''} (${how})`;
}
