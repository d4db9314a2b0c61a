/**
 * Credit equivalence: when two artist credits name the same artist. Dataset cells and
 * queries write one credit many ways ("The Killers" / "Killers", "A & B" / "A and B" /
 * "A x B" / ["A", "B"], "A feat. B" / "A ft. B", "BTS (방탄소년단)"), and the index must
 * match them all without letting one artist's song claim another's.
 *
 * Two kinds of separator, on purpose:
 * - featuring markers (feat., ft., featuring, with) and list cells split a credit into
 *   artists for certain: each part is a *solid* key, enough on its own to match;
 * - `&`, `and`, `+`, `x`, `,`, `/`, `;` also join names that are one artist ("Simon &
 *   Garfunkel", "Tyler, The Creator", "Florence + The Machine", "AC/DC"): their pieces are
 *   *parts*, which match only all together, never one alone. So "Garfunkel" or "Florence"
 *   never claims a song of the duo or the band, while "Calvin Harris x Dua Lipa" still
 *   finds rows listing both.
 */
import { isPlainWords } from './ascii-tokens.js';
import { normalizeArtist } from './normalize.js';
import { remembered } from '../search/remembered.js';

/** The keys a row is matched by: `solid` in `artists_norm`, `parts` in `artist_parts`. */
export interface CreditKeys {
  solid: string[];
  parts: string[];
}

/** One way a query names an artist: any solid key equal, or every fragment present. */
export interface CreditSegment {
  solid: string[];
  /** Two or more pieces of a name joined by `&`, `and`, `x`, …: all must be credited. */
  fragments: string[];
}

/** A query's credit: it matches a row when any one segment does. */
export interface QueryCredit {
  segments: CreditSegment[];
  /** The whole credit's key (for grouping and display). */
  key: string;
}

const FEATURING_SPLIT = /\s+(?:feat\.?|ft\.?|featuring|with)\s+/i;
const FEATURING_LEAD = /^\s*(?:feat\.?|ft\.?|featuring|with)\s+/i;
const SOFT_SPLIT = /\s*(?:,|;|\/|&|\+)\s*|\s+(?:and|x)\s+/i;
const BRACKETS = /[([]([^()[\]]*)[)\]]/g;
/** Bracket contents that disambiguate rather than name: "(2)", "(UK)", "(Official)". */
const NOT_ALIAS = /^(?:\d+|uk|us|usa|official|band|rapper|singer|dj|artist|group)$/;
/** A credit with more pieces than this is not split into parts (a list of a whole orchestra). */
const MAX_FRAGMENTS = 8;

/** "The Killers" and "Killers" are one artist; "The The" stays "the". */
export function withoutThe(key: string): string {
  return key.startsWith('the ') && key.length > 4 ? key.slice(4) : key;
}

/** The key of one artist name: normalised, leading "The" dropped. */
export function artistKey(name: string): string {
  return withoutThe(normalizeArtist(name));
}

interface ParsedCredit {
  whole: string;
  segments: CreditSegment[];
  /** `rowCreditKeys` of this credit alone: most rows have one cell, and it repeats. */
  alone: CreditKeys;
}

/** `plain` is `artistKey(text)`, when the caller has it already. */
function segmentOf(text: string, plain = artistKey(text)): CreditSegment | undefined {
  if (plain === '') return undefined;
  const split = text.split(SOFT_SPLIT);
  // One piece is the whole name again: no need to key it a second time.
  if (split.length < 2) return { solid: [plain], fragments: [] };
  const pieces = split.map(artistKey).filter((k) => k !== '');
  if (pieces.length < 2 || pieces.length > MAX_FRAGMENTS) return { solid: [plain], fragments: [] };
  // "A & B", "A and B" and "A x B" are one credit: the pieces joined the same way make one more solid key.
  const canonical = pieces.join(' and ');
  return { solid: canonical === plain ? [plain] : [plain, canonical], fragments: pieces };
}

/** One credit string: its whole key, the name outside brackets, bracketed aliases and featured artists, split by featuring markers. */
function parseCredit(credit: string): ParsedCredit {
  const whole = artistKey(credit);
  const segments: CreditSegment[] = [];
  const add = (s: CreditSegment | undefined): void => {
    if (s !== undefined) segments.push(s);
  };
  let outside = credit;
  if (credit.includes('(') || credit.includes('[')) {
    outside = credit.replace(BRACKETS, (_, inner: string) => {
      if (FEATURING_LEAD.test(inner)) for (const f of inner.replace(FEATURING_LEAD, '').split(FEATURING_SPLIT)) add(segmentOf(f));
      else {
        const alias = artistKey(inner);
        if (alias !== '' && !NOT_ALIAS.test(alias)) segments.push({ solid: [alias], fragments: [] });
      }
      return ' ';
    });
  }
  const named = outside.split(FEATURING_SPLIT);
  // The whole credit first, then the artists it names.
  if (whole !== '') segments.unshift({ solid: [whole], fragments: [] });
  if (named.length > 1 || outside !== credit) add(segmentOf(outside));
  // A credit with no featuring marker and no brackets names itself, whose key is `whole`.
  for (const name of named) add(segmentOf(name, name === credit ? whole : artistKey(name)));
  return { whole, segments, alone: keysOf([segments]) };
}

// Credits repeat from row to row (a dataset holds many songs per artist), so the builder
// computes each one once while it is frequent. Bounded: emptied when full.
const CREDIT_MEMO_MAX = 50_000;
const parsed = remembered(parseCredit, CREDIT_MEMO_MAX);

/**
 * The keys of a row's credits: every list cell, and the artists credited inside its title
 * ("Uptown Funk (feat. Bruno Mars)"), are solid; pieces of names joined by `&`, `,`, … are parts.
 */
export function rowCreditKeys(artists: readonly string[], featuredInTitle: readonly string[] = []): CreditKeys {
  // Most rows have one cell and no credit in the title: that cell's keys.
  if (artists.length === 1 && featuredInTitle.length === 0) {
    const cell = artists[0] ?? '';
    const plain = plainNameKey(cell);
    return plain === undefined ? parsedKeys(cell) : { solid: [plain], parts: [] };
  }
  const cells: CreditSegment[][] = [];
  for (const cell of artists) cells.push(segmentsOf(cell));
  for (const cell of featuredInTitle) cells.push(segmentsOf(cell));
  return keysOf(cells);
}

/** A cell's segments; a plain name's is its key alone (its parse repeats that key, which counts once). */
function segmentsOf(cell: string): CreditSegment[] {
  const plain = plainNameKey(cell);
  return plain === undefined ? parsed(cell).segments : [{ solid: [plain], fragments: [] }];
}

/** @internal One cell's keys through the full parse (memoised), copied as callers may change them; exported for the equivalence test. */
export function parsedKeys(cell: string): CreditKeys {
  const { alone } = parsed(cell);
  return { solid: alone.solid.slice(), parts: alone.parts.slice() };
}

/** A word that splits a credit into artists or pieces (FEATURING_SPLIT, SOFT_SPLIT), anywhere in a lower-case name. */
const JOINING_WORD = /(?:^| )(?:feat|ft|featuring|with|and|x)(?= |$)/;

/**
 * The key of a credit that names one artist plainly: ASCII letters and digits in words parted
 * by single spaces, none of them a word that joins names. Most credits are such, and most of
 * those are seen once in a build, so computing their key costs less than parsing them and
 * keeping them in the memo (whose entries live long enough to burden the garbage collector).
 * Such a credit has no brackets or separators, so its parse is its key alone.
 */
function plainNameKey(credit: string): string | undefined {
  if (!isPlainWords(credit)) return undefined;
  const lower = credit.toLowerCase();
  return JOINING_WORD.test(lower) ? undefined : withoutThe(lower);
}

/** The solid keys and the parts of the cells' segments, each once, in order; a part that is also solid is solid only. */
function keysOf(cells: readonly (readonly CreditSegment[])[]): CreditKeys {
  const solid = new Set<string>();
  const parts = new Set<string>();
  for (const segments of cells)
    for (const s of segments) {
      for (const k of s.solid) solid.add(k);
      for (const f of s.fragments) parts.add(f);
    }
  for (const k of solid) parts.delete(k);
  return { solid: [...solid], parts: [...parts] };
}

/** How a query names an artist (one credit string, as typed). */
export function queryCredit(artist: string): QueryCredit {
  const p = parsed(artist);
  return { segments: p.segments, key: p.whole };
}

/**
 * The other names one credit cell gives its artist: the whole, the name outside brackets
 * and a bracketed alias ("IU (아이유)" → "iu 아이유", "iu", "아이유"). Never a co-credited
 * artist: another artist's own song of the same title is not this one.
 */
export function aliasKeys(cell: string): string[] {
  const keys = new Set<string>([artistKey(cell)]);
  if (cell.includes('(') || cell.includes('[')) {
    keys.add(artistKey(cell.replace(BRACKETS, ' ')));
    for (const [, inner = ''] of cell.matchAll(BRACKETS)) {
      const alias = artistKey(inner);
      if (!FEATURING_LEAD.test(inner) && !NOT_ALIAS.test(alias)) keys.add(alias);
    }
  }
  keys.delete('');
  return [...keys];
}

/** True when the row credits the artist the query names (the `exact` basis's artist half). */
export function creditMatches(query: QueryCredit, row: CreditKeys): boolean {
  const solid = new Set(row.solid);
  const any = (k: string): boolean => solid.has(k) || row.parts.includes(k);
  return query.segments.some((s) => s.solid.some((k) => solid.has(k)) || (s.fragments.length >= 2 && s.fragments.every(any)));
}
