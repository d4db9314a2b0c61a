/**
 * What the recognised platforms are called, for what people read: help, the link command's
 * advice and the answers that name a link's platform. Apart from the recognisers because those
 * readers need the names only, never the URL parsing (platforms.ts).
 */
import type { LinkPlatform } from './types.js';

/**
 * Every platform whose links are recognised, by the name people know it by. A Record over the
 * LinkPlatform union: a platform added there without a name here does not compile, and help
 * and the link command's advice list these names (test/commands/generated.test.ts).
 */
export const PLATFORM_NAMES: Record<LinkPlatform, string> = {
  youtube: 'YouTube',
  'youtube-music': 'YouTube Music',
  spotify: 'Spotify',
  'apple-music': 'Apple Music',
  deezer: 'Deezer',
  soundcloud: 'SoundCloud',
  tidal: 'Tidal',
  bandcamp: 'Bandcamp',
  fma: 'Free Music Archive',
  'amazon-music': 'Amazon Music',
  qobuz: 'Qobuz',
  pandora: 'Pandora',
  yandex: 'Yandex Music',
  genius: 'Genius',
  jamendo: 'Jamendo',
};

/** "YouTube, Spotify, …, A or B": the recognised platforms in one phrase. */
export function platformList(conjunction: 'and' | 'or'): string {
  const names = Object.values(PLATFORM_NAMES);
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1) ?? ''}`;
}
