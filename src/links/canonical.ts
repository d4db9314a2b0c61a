/**
 * The index-builder's fast path for the link forms a dataset writes exactly. Its own file because
 * it reads the text, not a parsed URL, and only the builder calls it; the recognisers in
 * platforms.ts stay the answer it must equal.
 */
import { link, type Recognised } from './platforms.js';

// The two link forms Sleeping-DISCO-9M writes on every row (song_url, youtube_links), spelled
// exactly: anything else, even the same link written another way, is not matched here.
const CANONICAL_YOUTUBE = /^https:\/\/www\.youtube\.com\/watch\?v=([A-Za-z0-9_-]{11})$/;
const CANONICAL_GENIUS = /^https:\/\/genius\.com\/([A-Za-z0-9_.%~!$'*+,;=@-]{8,200})$/;

/**
 * What `recogniseUrl(new URL(text))` gives, for a link already in one of the two forms above;
 * undefined for any other text, which the caller then parses. The URL parser changes nothing in
 * these forms (no case to fold in the host, no dot segment, nothing it percent-encodes), so the
 * answer is read from the text itself: the index-builder meets them millions of times, and
 * parsing each costs more than the rest of its row's mapping. A property test holds the two
 * equal (test/links/canonical.test.ts).
 */
export function recogniseCanonical(text: string): Recognised | undefined {
  const video = CANONICAL_YOUTUBE.exec(text)?.[1];
  if (video !== undefined) return link('youtube', 'track', text, video);
  const page = CANONICAL_GENIUS.exec(text)?.[1];
  // A song page to `genius`: one segment of slug characters, longer than "-lyrics" and ending with it.
  if (page === undefined || !page.endsWith('-lyrics')) return undefined;
  return link('genius', 'track', text, page.toLowerCase());
}
