/**
 * Matching keys for titles and artists. Both sides of a comparison (dataset rows at
 * index time, user input at query time) go through the same functions, so equality
 * of keys is the "exact" basis and the keys are also what Typesense searches.
 */

// Words that name another version of a song: kept in the key, so "Song (Live)" is not
// "Song", but dropped by `baseTitle` so versions can be grouped under one song.
const VERSION_WORDS = [
  'live',
  'remix',
  'remixed',
  'mix',
  'acoustic',
  'instrumental',
  'demo',
  'cover',
  'karaoke',
  'unplugged',
  'edit',
  'version',
  'sped up',
  'slowed',
  'reverb',
  'nightcore',
  'extended',
  'rework',
  'bootleg',
  'a cappella',
  'acapella',
  'orchestral',
  'piano',
];

// Bracketed or dashed parts that only describe the upload, never the song.
const NOISE =
  /^(?:official(?: music| lyrics?| hd| 4k)?(?: video| audio| visuali[sz]er| clip| mv)?|(?:music|lyrics?|hd|hq|4k|audio|video) ?(?:video|audio)?|lyrics?|audio|visuali[sz]er|mv|m\/v|hd|hq|4k|8k|explicit|clean|(?:\d{4} )?remaster(?:ed)?(?: \d{4})?(?: version)?|remaster(?:ed)? (?:in )?\d{4}|(?:digitally )?remastered|mono|stereo|(?:original|album|single) version|from .+|with lyrics|letra|paroles|legendado|official|video ?clip|color coded lyrics.*|eng sub|prod\.? .+)$/;

const FEATURING = /^(?:feat|ft|featuring|with) /;

const MARKS_AFTER = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Arabic}])\p{M}+/gu;
// Scripts written without spaces between words: every character becomes a token, so a
// part of a title can be found the same way in every Typesense version.
const UNSPACED = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\u30FC])/gu;

// Most titles and names are plain ASCII: their folded form is their lower case, and their
// tokens can be cut in one pass. The index-builder runs these on every row (issue 3), so the
// general Unicode path below is kept for the rest; a property test holds both paths equal.
const NON_ASCII = /[\u0080-\uffff]/;
const isAscii = (text: string): boolean => !NON_ASCII.test(text);

function foldCase(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(MARKS_AFTER, '$1')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[ıİ]/g, 'i')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/đ/g, 'd');
}

/** Letters, digits and single spaces only; CJK characters spaced apart. */
function tokens(text: string): string {
  return isAscii(text) ? asciiTokens(text) : unicodeTokens(text);
}

/** @internal The general path of `tokens`, exported for the equivalence test. */
export function unicodeTokens(text: string): string {
  return text
    .replace(/['’‘`´]/g, '')
    .replace(/\s[&+]\s/g, ' and ')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .replace(UNSPACED, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * `unicodeTokens` for ASCII text in one pass: quotes dropped, a lone `&` or `+` between
 * spaces read as "and", every other run of non-alphanumerics one space, no edge spaces.
 */
export function asciiTokens(input: string): string {
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

const VERSION = new RegExp(`(?:^|\\s)(?:${VERSION_WORDS.join('|')})(?:\\s|$)`);

function isVersion(part: string): boolean {
  return VERSION.test(part);
}

function isFeaturing(part: string): boolean {
  return FEATURING.test(part);
}

/**
 * Splits a folded title into its head and its bracketed / dashed parts, dropping the
 * parts that are noise or featuring credits. Runs in linear time: one pass over the
 * characters, no backtracking patterns over user text.
 */
const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}', '【': '】', '「': '」' };
const OPENERS = /[([{【「]/;

/** A bracketed part's tokens: kept in the head, kept as a version, or dropped (empty text). */
function bracketPart(raw: string): { text: string; version: boolean } {
  const p = tokens(raw);
  if (p === '' || NOISE.test(p) || isFeaturing(p)) return { text: '', version: false };
  return { text: p, version: isVersion(p) };
}

function stripDecorations(folded: string): { head: string; versions: string[] } {
  const versions: string[] = [];
  const bracketed = OPENERS.test(folded);
  let head = bracketed ? '' : folded;
  let depth = 0;
  let part = '';
  const close = CLOSE;
  let opener = '';
  for (const ch of bracketed ? folded : '') {
    if (depth === 0 && ch in close) {
      depth = 1;
      opener = ch;
      part = '';
    } else if (depth > 0) {
      if (ch === opener) depth++;
      else if (ch === close[opener]) depth--;
      if (depth === 0) {
        const p = bracketPart(part);
        if (p.version) versions.push(p.text);
        else if (p.text !== '') head += ` ${p.text} `;
      } else part += ch;
    } else head += ch;
  }
  if (depth > 0) head += ` ${part}`;

  // " - Remastered 2011", " - Live at Wembley": dashed suffixes after the first one.
  const dashed = head.split(/\s[-–—|]\s/);
  let main = dashed[0] ?? '';
  for (const suffix of dashed.slice(1)) {
    const p = tokens(suffix);
    if (p === '' || NOISE.test(p) || isFeaturing(p)) continue;
    if (isVersion(p)) versions.push(p);
    else main += ` ${suffix}`;
  }
  // Unbracketed "feat. X" runs to the end of the title.
  const padded = ` ${tokens(main)} `;
  const feat = / (?:feat|ft|featuring) /.exec(padded);
  return { head: (feat ? padded.slice(0, feat.index) : padded).trim(), versions };
}

/** The key a title is matched by: noise and featuring credits removed, versions kept. */
export function normalizeTitle(title: string): string {
  const { head, versions } = stripDecorations(foldCase(title));
  const key = [head, ...versions].join(' ').trim();
  // A title that is nothing but decoration ("(Live)") keeps its own words.
  return key === '' ? tokens(foldCase(title)) : key;
}

/** The song a version belongs to: `normalizeTitle` without version parts. */
export function baseTitle(title: string): string {
  const { head } = stripDecorations(foldCase(title));
  return head === '' ? normalizeTitle(title) : head;
}

/** Version words of a title, for showing "Live", "Remix" beside a match. */
export function versionOf(title: string): string | undefined {
  const { versions } = stripDecorations(foldCase(title));
  return versions.length > 0 ? versions.join(', ') : undefined;
}

export function normalizeArtist(artist: string): string {
  return tokens(foldCase(artist));
}

/**
 * One credit string can name several artists ("A feat. B", "A & B", "A, B"): the full
 * string and each part are keys, so either spelling matches.
 */
export function artistKeys(artists: readonly string[]): string[] {
  if (artists.length === 1) return [...creditKeys(artists[0] ?? '')];
  const keys = new Set<string>();
  for (const artist of artists) for (const key of creditKeys(artist)) keys.add(key);
  return [...keys];
}

const CREDIT_SEPARATOR = /\s*(?:,|;|\/|&|\bx\b|\bfeat\.?|\bft\.?|\bfeaturing\b|\bwith\b|\band\b)\s*/i;
// Credits repeat from row to row (a dataset holds many songs per artist), so the builder
// computes each one once while it is frequent. Bounded: emptied when full.
const CREDIT_MEMO_MAX = 50_000;
const creditMemo = new Map<string, readonly string[]>();

function creditKeys(artist: string): readonly string[] {
  const known = creditMemo.get(artist);
  if (known !== undefined) return known;
  const keys = new Set<string>();
  const whole = normalizeArtist(artist);
  if (whole !== '') keys.add(whole);
  for (const part of artist.split(CREDIT_SEPARATOR)) {
    const key = part === artist ? whole : normalizeArtist(part);
    if (key !== '') keys.add(key);
  }
  const found = [...keys];
  if (creditMemo.size >= CREDIT_MEMO_MAX) creditMemo.clear();
  creditMemo.set(artist, found);
  return found;
}
