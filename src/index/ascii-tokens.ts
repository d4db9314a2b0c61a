/**
 * `tokens` for plain ASCII text (fold.ts): most titles and names are ASCII, and the
 * index-builder tokenises every row (issue 3, issue 17), so they are cut in one pass over
 * their characters instead of seven regex passes. A property test holds this equal to the
 * general path (`unicodeTokens`) on every ASCII string it draws.
 */

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * `unicodeTokens` for ASCII text in one pass: quotes dropped, a lone `&` or `+` between
 * spaces read as "and", every other run of non-alphanumerics one space, no edge spaces.
 */
export function asciiTokens(input: string): string {
  if (isTokenForm(input)) return input;
  const text = input.includes("'") || input.includes('`') ? input.replace(/['`]/g, '') : input;
  let out = '';
  let pendingSpace = false;
  // The regex version consumes the space after a replaced " & ", so "a & & b" reads "a and b".
  let consumed = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      if (pendingSpace && out !== '') out += ' ';
      pendingSpace = false;
      out += text[i];
      continue;
    }
    if ((c === 38 || c === 43) && i > consumed + 1 && isSpace(text.charCodeAt(i - 1)) && isSpace(text.charCodeAt(i + 1))) {
      if (out !== '') out += ' ';
      out += 'and';
      pendingSpace = true;
      consumed = i + 1;
      i += 1;
      continue;
    }
    pendingSpace = true;
  }
  return out;
}

/**
 * Lower-case letters and digits in words parted by single spaces: what most titles and names
 * are once folded, and what `asciiTokens` would give back unchanged. Checked in one pass so the
 * builder's commonest row allocates no copy of its text.
 */
function isTokenForm(text: string): boolean {
  let wordBefore = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) wordBefore = true;
    else if (c === 32 && wordBefore) wordBefore = false;
    else return false;
  }
  return wordBefore || text === '';
}

/**
 * ASCII letters and digits in words parted by single spaces, nothing at either edge: text whose
 * folded form is its lower case, which is already in token form. Most titles, albums and names
 * are such; their keys are read from their lower case without the general passes.
 */
export function isPlainWords(text: string): boolean {
  let wordBefore = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) wordBefore = true;
    else if (c === 32 && wordBefore) wordBefore = false;
    else return false;
  }
  return wordBefore;
}
