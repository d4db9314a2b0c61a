/**
 * Case folding (normalize.ts `foldCase`) for text of ASCII and accented Latin-1 letters: "Jóvenes",
 * "Café", "Über". About one title, album or artist in twelve is such (Spanish, Portuguese, French,
 * German names), and the general path pays a Unicode decomposition and a script-class regex over
 * each, several times a row's plain-ASCII cost. Each letter below decomposes to one ASCII letter
 * and combining marks, which the general path drops; ASCII decomposes to itself. So folding such a
 * text is replacing each letter by its base and lower-casing: a property test holds this equal to
 * the general path on every character of Latin-1 and on mixed text.
 */

/** U+00C0–U+00FF: the ASCII base of each letter that is one, "." for the rest (Æ, Ð, ×, Ø, Þ, ß, æ, ð, ÷, ø, þ). */
const BASES = 'AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.y';

/** `foldCase(text)` for text of ASCII and the letters above; undefined for any other text. */
export function foldLatin1(text: string): string | undefined {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    const base = c >= 0xc0 && c <= 0xff ? BASES.charAt(c - 0xc0) : '.';
    if (base === '.') return undefined;
    out += text.slice(from, i) + base;
    from = i + 1;
  }
  return (out + text.slice(from)).toLowerCase();
}
