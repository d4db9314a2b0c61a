/**
 * Turns an upload's title and channel (YouTube, SoundCloud) into a title and an artist.
 * Careful by design: a wrong artist is worse than none, so the split follows the
 * conventions uploads actually use and leans on the channel name to decide direction.
 * The title keeps its brackets ("(Official Video)"): normalizeTitle drops such noise.
 */
import { normalizeArtist } from '../../index/normalize.js';

export interface TitleArtist {
  title: string;
  artist: string | undefined;
}

const SEPARATORS = [' - ', ' – ', ' — '];

/** "RickAstleyVEVO", "Queen Official", "Adele - Topic" → the artist part, or undefined. */
export function channelArtist(channel: string | undefined): string | undefined {
  if (channel === undefined) return undefined;
  const cleaned = channel
    .replace(/\s+-\s+Topic$/i, '')
    .replace(/VEVO$/, '')
    .replace(/\s*\b(?:official(?:\s+(?:channel|page|youtube))?|music)$/i, '')
    .trim();
  return cleaned === '' ? undefined : cleaned;
}

function firstSeparator(title: string): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  for (const sep of SEPARATORS) {
    const at = title.indexOf(sep);
    if (at > 0 && (best === undefined || at < best.at)) best = { at, length: sep.length };
  }
  return best;
}

function sameArtist(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  const x = normalizeArtist(a).replace(/ /g, '');
  const y = normalizeArtist(b).replace(/ /g, '');
  return x !== '' && x === y;
}

/**
 * - Channel "X - Topic" (YouTube's auto-generated artist channels): artist X, title as is.
 * - "Artist - Title": split at the first dash; when the right side is the channel's name
 *   ("Title - Artist"), the other way round.
 * - No dash: the channel (cleaned of VEVO/Official/Topic) as the artist.
 */
export function splitUploadTitle(rawTitle: string, channel: string | undefined): TitleArtist {
  const title = rawTitle.trim();
  if (channel !== undefined && /\s-\s+Topic$/i.test(channel)) return { title, artist: channelArtist(channel) };
  const fromChannel = channelArtist(channel);
  const sep = firstSeparator(title);
  if (sep === undefined) return { title, artist: fromChannel };
  const left = title.slice(0, sep.at).trim();
  const right = title.slice(sep.at + sep.length).trim();
  if (left === '' || right === '') return { title, artist: fromChannel };
  // "Title - Artist" is rarer; take it only when the channel says so.
  if (!sameArtist(left, fromChannel) && sameArtist(right, fromChannel)) return { title: left, artist: right };
  return { title: right, artist: left };
}

/** SoundCloud and TIDAL oEmbed titles read "Title by Author": drop the author part. */
export function stripByAuthor(title: string, author: string | undefined): string {
  if (author === undefined) return title;
  const suffix = ` by ${author}`;
  return title.toLowerCase().endsWith(suffix.toLowerCase()) && title.length > suffix.length ? title.slice(0, -suffix.length).trim() : title;
}
