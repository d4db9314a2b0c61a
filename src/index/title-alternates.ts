/**
 * A title's other forms inside its brackets (normalize.ts titleKeys): the same title in another
 * script, or the long form of its abbreviation, each stored as a key of its own.
 */
import { isAscii, tokens } from './fold.js';

const SCRIPTS: readonly RegExp[] = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Arabic}/u,
  /\p{Script=Hebrew}/u,
  /\p{Script=Hangul}/u,
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  /\p{Script=Thai}/u,
  /\p{Script=Devanagari}/u,
];

function scriptsOf(text: string): number {
  if (isAscii(text)) return /[a-z]/.test(text) ? 1 : 0;
  let mask = 0;
  SCRIPTS.forEach((re, i) => {
    if (re.test(text)) mask |= 1 << i;
  });
  return mask;
}

/** "sos" for "s o s" or "sos"; undefined for text that is not one short abbreviation. */
function abbreviation(key: string): string | undefined {
  const words = key.split(' ');
  if (words.length === 1) return key.length >= 2 && key.length <= 8 ? key : undefined;
  return words.every((w) => w.length === 1) ? words.join('') : undefined;
}

function initials(key: string): string {
  const words = key.split(' ');
  return words.length >= 2 ? words.map((w) => w[0] ?? '').join('') : '';
}

/**
 * Bracketed title parts that are the title again in another form: another script
 * ("Gangnam Style (강남스타일)") or the long form of an abbreviation ("SOS (Save Our Souls)"),
 * in either order. Each becomes a second title key; the rest of the title is the other.
 */
export function alternatesOf(parts: readonly string[], outside: string): string[] {
  const rest = tokens(outside);
  if (rest === '') return [];
  const restScripts = scriptsOf(rest);
  const restShort = abbreviation(rest);
  const restInitials = initials(rest);
  return parts.filter((p) => {
    const scripts = scriptsOf(p);
    if (scripts !== 0 && restScripts !== 0 && (scripts & restScripts) === 0) return true;
    const short = abbreviation(p);
    return (restShort !== undefined && initials(p) === restShort) || (short !== undefined && short === restInitials);
  });
}
