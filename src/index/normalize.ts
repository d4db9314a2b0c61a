/**
 * Matching keys for titles and artists. Both sides of a comparison (dataset rows at
 * index time, user input at query time) go through the same functions, so equality
 * of keys is the "exact" basis and the keys are also what Typesense searches.
 */
import { isPlainWords } from './ascii-tokens.js';
import { foldCase, tokens } from './fold.js';
import { alternatesOf } from './title-alternates.js';

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
const FEATURING_RAW = /^[\s\p{P}]*(?:feat|ft|featuring|with)\b\.?\s*/u;

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

/** What a bracketed part is: noise or a featuring credit (dropped), a version, or part of the title. */
type PartKind = 'drop' | 'featuring' | 'version' | 'title';

function bracketPart(raw: string): { text: string; kind: PartKind } {
  const p = tokens(raw);
  if (p === '' || NOISE.test(p)) return { text: '', kind: 'drop' };
  // A credit keeps its separators ("feat. A, B & C"): credits.ts splits it into artists.
  if (isFeaturing(p)) return { text: raw.replace(FEATURING_RAW, ''), kind: 'featuring' };
  return { text: p, kind: isVersion(p) ? 'version' : 'title' };
}

interface Decorations {
  /** The title without noise, credits and versions (alternates included). */
  head: string;
  versions: string[];
  /** Bracketed parts that are another form of the title: another script, or the long form of an abbreviation. */
  alternates: string[];
  /** The head without its alternates (empty when there are none). */
  plainHead: string;
  /** Artists credited in the title: "(feat. X)", "feat. X", "(with X)". */
  featured: string[];
}

interface Piece {
  text: string;
  part: boolean;
}

function joinPieces(pieces: readonly Piece[], keep: (p: Piece) => boolean): string {
  return pieces
    .filter(keep)
    .map((p) => p.text)
    .join(' ');
}

const trimmedNonEmpty = (featured: readonly string[]): string[] => featured.map((f) => f.trim()).filter((f) => f !== '');

function stripDecorations(folded: string): Decorations {
  const versions: string[] = [];
  const featured: string[] = [];
  // Most titles have no brackets: no pieces to gather, no alternates to look for.
  if (!OPENERS.test(folded)) {
    const head = finishHead(folded, versions, featured);
    return { head, versions, alternates: [], plainHead: '', featured: featured.length === 0 ? featured : trimmedNonEmpty(featured) };
  }
  // Text outside brackets and bracketed title parts, in order.
  const pieces: Piece[] = [];
  {
    let depth = 0;
    let part = '';
    let text = '';
    let opener = '';
    for (const ch of folded) {
      if (depth === 0 && ch in CLOSE) {
        depth = 1;
        opener = ch;
        part = '';
      } else if (depth > 0) {
        if (ch === opener) depth++;
        else if (ch === CLOSE[opener]) depth--;
        if (depth === 0) {
          const p = bracketPart(part);
          if (p.kind === 'version') versions.push(p.text);
          else if (p.kind === 'featuring') featured.push(p.text);
          else if (p.kind === 'title') {
            pieces.push({ text, part: false }, { text: p.text, part: true });
            text = '';
          }
        } else part += ch;
      } else text += ch;
    }
    pieces.push({ text: depth > 0 ? `${text} ${part}` : text, part: false });
  }
  const full = finishHead(
    joinPieces(pieces, () => true),
    versions,
    featured,
  );
  const parts = pieces.filter((p) => p.part).map((p) => p.text);
  const alternates =
    parts.length > 0
      ? alternatesOf(
          parts,
          joinPieces(pieces, (p) => !p.part),
        )
      : [];
  // The same title without its alternates: "Gangnam Style (강남스타일)" is also "Gangnam Style".
  const plainHead =
    alternates.length === 0
      ? ''
      : finishHead(
          joinPieces(pieces, (p) => !(p.part && alternates.includes(p.text))),
          [],
          [],
        );
  return { head: full, versions, alternates, plainHead, featured: trimmedNonEmpty(featured) };
}

const DASHED = /\s[-–—|]\s/;
const DASH = /[-–—|]/;
const FEAT_WORD = / (?:feat|ft|featuring) /;

/** Dashed suffixes and an unbracketed "feat." run: versions and credits out, the rest of the title kept. */
function finishHead(head: string, versions: string[], featured: string[]): string {
  let main = head;
  // " - Remastered 2011", " - Live at Wembley": dashed suffixes after the first one (a title with no dash has none).
  if (DASH.test(head)) {
    const dashed = head.split(DASHED);
    main = dashed[0] ?? '';
    for (const suffix of dashed.slice(1)) {
      const p = tokens(suffix);
      if (p === '' || NOISE.test(p)) continue;
      if (isFeaturing(p)) featured.push(p.slice(p.indexOf(' ') + 1));
      else if (isVersion(p)) versions.push(p);
      else main += ` ${suffix}`;
    }
  }
  const words = tokens(main);
  // Tokens have no edge spaces, so without "ft" or "feat" in them they are the head as they stand.
  if (!words.includes('ft') && !words.includes('feat')) return words;
  // Unbracketed "feat. X" runs to the end of the title.
  const padded = ` ${words} `;
  const feat = FEAT_WORD.exec(padded);
  if (feat) featured.push(padded.slice(feat.index + feat[0].length).trim());
  return (feat ? padded.slice(0, feat.index) : padded).trim();
}

// Scripts whose letters mark a bracketed part as the same title written another way.
/** The key a title is matched by: noise and featuring credits removed, versions kept. */
export function normalizeTitle(title: string): string {
  const { head, versions } = stripDecorations(foldCase(title));
  const key = [head, ...versions].join(' ').trim();
  // A title that is nothing but decoration ("(Live)") keeps its own words.
  return key === '' ? tokens(foldCase(title)) : key;
}

export interface TitleKeys {
  /** normalizeTitle(title) */
  key: string;
  /** Other keys the same title is matched by (its forms in another script or in long form), each with its versions. */
  alternates: string[];
  /** Artists credited inside the title ("feat. X"), as written there. */
  featured: string[];
}

/** A title spelled out letter by letter: "p y t", "s o s" (Latin letters and digits only; CJK keys are spaced per character anyway). */
const SPELLED = /^[a-z0-9](?: [a-z0-9])+$/;

/**
 * The key of a folded title or album of plain words (isPlainWords), or undefined: the text
 * itself, which has no brackets, dashes or marks to strip and is already tokens, unless "ft" or
 * "feat" is in it (finishHead may cut a credit there). What the index-builder meets on most
 * rows; the general path gives the same key (test/index/fast-paths.test.ts holds them equal).
 */
function plainKey(folded: string): string | undefined {
  return !isPlainWords(folded) || folded.includes('ft') || folded.includes('feat') ? undefined : folded;
}

/** Every key of a title, in one pass: the index-builder stores them and a query is matched by any of them. */
export function titleKeys(title: string): TitleKeys {
  const folded = foldCase(title);
  const plain = plainKey(folded);
  // A spelled-out title ("s o s") also has its letters run together as a key: the general path adds it.
  if (plain !== undefined && !SPELLED.test(plain)) return { key: plain, alternates: [], featured: [] };
  return keysOfFolded(folded);
}

/** @internal `titleKeys` without its plain-words shortcut, exported for the equivalence test. */
export function titleKeysInFull(title: string): TitleKeys {
  return keysOfFolded(foldCase(title));
}

function keysOfFolded(folded: string): TitleKeys {
  const d = stripDecorations(folded);
  const joined = withVersions(d.head, d.versions);
  const key = joined === '' ? tokens(folded) : joined;
  // Without bracketed alternates (plainHead is then empty) only a spelled-out head adds a key:
  // the head with its versions is the key itself.
  if (d.alternates.length === 0 && !SPELLED.test(d.head)) return { key, alternates: [], featured: d.featured };
  const alternates = new Set<string>();
  if (d.alternates.length === 0) addForm(alternates, d.head, d.versions, key);
  else for (const form of [d.plainHead, ...d.alternates, d.head]) addForm(alternates, form, d.versions, key);
  return { key, alternates: [...alternates], featured: d.featured };
}

/** `[head, ...versions].join(' ').trim()`, without the array when there are no versions. */
function withVersions(head: string, versions: readonly string[]): string {
  return versions.length === 0 ? head.trim() : [head, ...versions].join(' ').trim();
}

/** A form of the title as a key with the title's versions, unless it is the main key. */
function addForm(alternates: Set<string>, form: string, versions: readonly string[], key: string): void {
  const forms = [form.trim()];
  // "P.Y.T." is also written "PYT".
  if (SPELLED.test(forms[0] ?? '')) forms.push(forms[0]?.replace(/ /g, '') ?? '');
  for (const f of forms) {
    const alt = withVersions(f, versions);
    if (f !== '' && alt !== key) alternates.add(alt);
  }
}

/** The song a version belongs to: `normalizeTitle` without version parts. */
export function baseTitle(title: string): string {
  const folded = foldCase(title);
  return plainKey(folded) ?? baseOfFolded(title, folded);
}

/** @internal `baseTitle` without its plain-words shortcut, exported for the equivalence test. */
export function baseTitleInFull(title: string): string {
  return baseOfFolded(title, foldCase(title));
}

function baseOfFolded(title: string, folded: string): string {
  const { head } = stripDecorations(folded);
  return head === '' ? normalizeTitle(title) : head;
}

const EDITION = /[([][^()[\]]{0,80}\b(?:deluxe|edition|expanded|anniversary|bonus|special)\b[^()[\]]{0,80}[)\]]/gi;

/**
 * The key a release is found by: its title's base form (case, accents, punctuation and version
 * words such as "Deluxe" or "Remastered" set aside), so "Nevermind (Remastered)" and
 * "NEVERMIND" are one album, as a musician means them.
 */
export function albumKey(album: string): string {
  // Edition labels in brackets ("(Deluxe Edition)", "[20th Anniversary]") name the same release; the input is clamped by callers.
  // Without a bracket there is no label, and the album is keyed once.
  const plain = album.includes('(') || album.includes('[') ? album.replace(EDITION, ' ') : album;
  const key = baseTitle(plain);
  return key === '' && plain !== album ? baseTitle(album) : key;
}

/**
 * `baseTitle` and `versionOf` of one title, folding and stripping it once: what a row shown as a
 * match needs. A title of plain words has no brackets or dashes, so no version.
 */
export function titleParts(title: string): { base: string; version: string | undefined } {
  const folded = foldCase(title);
  const plain = plainKey(folded);
  if (plain !== undefined) return { base: plain, version: undefined };
  const { head, versions } = stripDecorations(folded);
  return { base: head === '' ? normalizeTitle(title) : head, version: versions.length > 0 ? versions.join(', ') : undefined };
}

/**
 * @internal Version words of a title by the general path: the equivalence test's oracle for
 * `titleParts`, which shows them beside a match ("Live", "Remix").
 */
export function versionOf(title: string): string | undefined {
  const { versions } = stripDecorations(foldCase(title));
  return versions.length > 0 ? versions.join(', ') : undefined;
}

export function normalizeArtist(artist: string): string {
  return tokens(foldCase(artist));
}
