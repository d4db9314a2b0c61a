/**
 * The words the row generator (realistic.ts) makes beyond the frequency lists (words.ts): the
 * artist pool's names, invented words, version suffixes. Apart from the generator because an
 * artist's name is a function of its rank and the seed alone, drawn from a stream of its own
 * (never the rows'), so the pool reads the same whatever the stream has drawn.
 */
import { rng } from './random.js';
import { LANGUAGES, type Language } from './words.js';

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ne', 'to', 'su', 'vi', 'da', 'zo', 'lin', 'rex', 'jay', 'bo', 'kai', 'ny', 'qua', 'fi'];
export const VERSIONS = [' (Live)', ' (Remix)', ' (Acoustic)', ' - Remastered', ' (Radio Edit)', ' (Instrumental)'];

export const capital = (w: string): string => (w.length === 0 ? w : `${w.charAt(0).toUpperCase()}${w.slice(1)}`);

export function invented(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return w;
}

/** The words band names are made of: the 5,000 / 20,000 most frequent of each language. */
const HEADS = new Map(LANGUAGES.map((l) => [l.code, { band: l.words.slice(0, 5000), word: l.words.slice(0, 20_000) }]));

/** Artist `rank`'s name, the same for every call: people, bands of words, one-word and invented names. */
export function makeArtistName(rank: number, seed: number): string {
  const rand = rng(Math.imul(rank + 1, 2654435761) ^ seed);
  const lang = LANGUAGES[Math.floor(rand() * LANGUAGES.length)] as Language;
  const en = LANGUAGES[0] as Language;
  const head = HEADS.get(lang.code) ?? { band: en.words, word: en.words };
  const pick = (list: readonly string[], fallback: readonly string[]): string => {
    const from = list.length > 0 ? list : fallback;
    return from[Math.floor(Math.pow(rand(), 2) * from.length)] ?? 'x';
  };
  const u = rand();
  if (u < 0.45) return `${capital(pick(lang.firstNames, en.firstNames))} ${capital(pick(lang.lastNames, en.lastNames))}`;
  if (u < 0.65) return `The ${capital(pick(head.band, en.words))} ${capital(pick(head.band, en.words))}`;
  if (u < 0.8) return capital(pick(head.word, en.words));
  if (u < 0.92) return `${capital(pick(head.word, en.words))} ${capital(pick(lang.lastNames, en.lastNames))}`;
  return `${capital(invented(rand))} ${capital(invented(rand))}`;
}
