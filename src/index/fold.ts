/**
 * Case folding and tokens, the first step of every key (normalize.ts; credits.ts through normalizeArtist): accents and
 * letters no normal form takes apart folded, then letters, digits and single spaces only, CJK
 * characters spaced apart. Plain ASCII, most titles and names, takes the one-pass shortcuts.
 */
import { asciiTokens } from './ascii-tokens.js';
import { foldLatin1 } from './latin-fold.js';

const MARKS_AFTER = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Arabic}])\p{M}+/gu;
// Scripts written without spaces between words: every character becomes a token, so a
// part of a title can be found the same way in every Typesense version.
const UNSPACED = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\u30FC])/gu;

// Most titles and names are plain ASCII: their folded form is their lower case, and their
// tokens can be cut in one pass. The index-builder runs these on every row (issue 3), so the
// general Unicode path below is kept for the rest; a property test holds both paths equal.
const NON_ASCII = /[\u0080-\uffff]/;
export const isAscii = (text: string): boolean => !NON_ASCII.test(text);

// The letters no normalisation form takes apart (folded one by one below): most text has none,
// and one test spares seven passes over it.
const UNDECOMPOSED = /[ßıİøØłŁæÆœŒđ]/;

export function foldCase(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return foldLatin1(text) ?? foldCaseInFull(text);
}

/** @internal `foldCase` without its Latin-1 shortcut, exported for the equivalence test. */
export function foldCaseInFull(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  const bare = text.normalize('NFKD').replace(MARKS_AFTER, '$1');
  // Accented Latin text is ASCII once its marks are gone, and no normal form changes ASCII.
  const folded = (isAscii(bare) ? bare : bare.normalize('NFKC')).toLowerCase();
  if (!UNDECOMPOSED.test(folded)) return folded;
  return folded
    .replace(/ß/g, 'ss')
    .replace(/[ıİ]/g, 'i')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/đ/g, 'd');
}

/** Letters, digits and single spaces only; CJK characters spaced apart. */
export function tokens(text: string): string {
  return isAscii(text) ? asciiTokens(text) : unicodeTokens(text);
}

/**
 * Presentation only (emoji variation selectors, the keycap), and marks left with no letter or
 * digit to sit on ("❤️": a symbol and U+FE0F). Typesense drops them, so a key holding one would
 * be another key than its own words to every filter on them (found by the scale bench at 5M rows).
 */
const PRESENTATION = /[\uFE00-\uFE0F\u20E3]|\uDB40[\uDD00-\uDDEF]/g;
const ORPHAN_MARKS = /(^|[^\p{L}\p{N}\p{M}])\p{M}+/gu;

/** @internal The general path of `tokens`, exported for the equivalence test. */
export function unicodeTokens(text: string): string {
  return text
    .replace(/['’‘`´]/g, '')
    .replace(PRESENTATION, '')
    .replace(ORPHAN_MARKS, '$1')
    .replace(/\s[&+]\s/g, ' and ')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .replace(UNSPACED, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}
