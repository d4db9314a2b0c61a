/**
 * Offline link recognition (links.md): every track link form people paste, in linear
 * time over the message, de-duplicated by normalised URL and capped per message.
 */
import { findCandidates } from './candidates.js';
import { recogniseUrl, spotifyUri } from './platforms.js';
import type { RecognisedLink } from './types.js';

/** More links than this in one message are not answered one by one. */
export const MAX_LINKS_PER_MESSAGE = 10;

export function extractLinks(text: string, max = MAX_LINKS_PER_MESSAGE): RecognisedLink[] {
  const out: RecognisedLink[] = [];
  const seen = new Set<string>();
  for (const candidate of findCandidates(text)) {
    let found: Omit<RecognisedLink, 'url'> | undefined;
    if (candidate.href.toLowerCase().startsWith('spotify:')) {
      found = spotifyUri(candidate.href);
    } else {
      let url: URL | undefined;
      try {
        url = new URL(candidate.href);
      } catch {
        url = undefined;
      }
      found = url === undefined ? undefined : recogniseUrl(url);
    }
    if (found === undefined || seen.has(found.normalizedUrl)) continue;
    seen.add(found.normalizedUrl);
    out.push({ ...found, url: candidate.raw });
    if (out.length >= max) break;
  }
  return out;
}
