/**
 * The wanted top-level fields of one JSON object line, read from its bytes.
 *
 * A Sleeping-DISCO-9M line is ~3.6 KB of lyrics, annotations and Q&A around a few short
 * fields. Decoding the whole line and JSON.parse-ing it cost about a third of the builder's
 * CPU per row, and the builder shares two cores with Typesense. Here the object's structure
 * is walked on the bytes: a wanted field's value is cut out and decoded alone (a plain string
 * or a short integer directly, anything else by JSON.parse); any other value is stepped over,
 * its long strings by a native search for the closing quote.
 * Every byte that decides structure is ASCII and never part of a multi-byte UTF-8 sequence,
 * so a value's bytes decode to exactly the text JSON.parse would have seen in the whole line.
 *
 * What JSON.parse + projection gives, this gives too, for every line JSON.parse accepts: the
 * same fields and values, in the order asked for, the last of repeated keys, keys unescaped
 * ("\u0041"), a field named "__proto__" kept as an own field. Every line whose structure is
 * broken (truncated anywhere, a missing comma or colon, unbalanced brackets, anything after
 * the closing brace, a bad number or literal, a bad key, a bad wanted value) gets
 * `undefined`, and the caller lets JSON.parse of the whole line say why, as before.
 *
 * One difference, on purpose: the text between the quotes of a string in a field nobody
 * asked for (the strings nested in such a field and its object keys included) is skipped, not
 * checked. A bad escape ("\x", "\u12") or a raw control character there no longer makes the
 * row malformed as JSON.parse did: the row has the fields it would have had without the
 * fault. A quote or backslash that moves where such a string ends changes the structure after
 * it, and the line is malformed as before. Bytes that are not UTF-8 never were a fault there
 * (decoding made them U+FFFD) and are not now. If in doubt, the caller parses the line whole.
 */
import type { RawRow } from '../mapping.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** A position meaning "not well-formed". */
const BROKEN = -1;
/** fieldOf: a key nobody asked for, a key that is not valid JSON. */
const UNWANTED = -1;
const BAD_KEY = -2;

/** Strings up to this long are scanned in JS; longer ones by Buffer.indexOf (a native call costs more on short ones). */
const SHORT_STRING = 48;

/** Markers no JSON value can be: a wanted field not (yet) seen, a value JSON.parse refuses. */
const ABSENT = Symbol('absent');
const NOT_JSON = Symbol('not JSON');

const LITERALS: readonly (readonly number[])[] = ['true', 'false', 'null'].map((w) => [...Buffer.from(w)]);

/** The fields to read from every line of a file, prepared once. */
export interface PluckPlan {
  /** The wanted names without repeats, in the order asked. */
  readonly names: readonly string[];
  readonly byName: ReadonlyMap<string, number>;
  /** Names a key can spell without escapes (printable ASCII), by byte length: compared without decoding the key. */
  readonly plainByLength: readonly (readonly (readonly [Buffer, number])[] | undefined)[];
}

export function pluckPlan(wanted: readonly string[]): PluckPlan {
  const names = [...new Set(wanted)];
  const byName = new Map(names.map((name, i) => [name, i] as const));
  const plainByLength: (readonly [Buffer, number])[][] = [];
  names.forEach((name, i) => {
    const bytes = Buffer.from(name);
    if (!isPlain(bytes, 0, bytes.length)) return;
    (plainByLength[bytes.length] ??= []).push([bytes, i]);
  });
  return { names, byName, plainByLength };
}

/** The wanted fields of the object in `line`, or undefined when the line is not one well-formed JSON object. */
export function pluckObject(line: Buffer, plan: PluckPlan): RawRow | undefined {
  const end = line.length;
  const values: unknown[] = plan.names.map(() => ABSENT);
  let p = skipBlank(line, 0, end);
  if (line[p] !== OPEN_OBJECT) return undefined;
  p = skipBlank(line, p + 1, end);
  if (line[p] === CLOSE_OBJECT) p += 1;
  else {
    for (;;) {
      if (line[p] !== QUOTE) return undefined;
      const keyEnd = skipString(line, p, end);
      if (keyEnd === BROKEN) return undefined;
      const field = fieldOf(line, p + 1, keyEnd - 1, plan);
      if (field === BAD_KEY) return undefined;
      p = skipBlank(line, keyEnd, end);
      if (line[p] !== COLON) return undefined;
      const valueStart = skipBlank(line, p + 1, end);
      const valueEnd = skipValue(line, valueStart, end);
      if (valueEnd === BROKEN) return undefined;
      if (field !== UNWANTED) {
        // Read at each occurrence, not only the last: a repeated key's bad first value breaks the line for JSON.parse too.
        const value = valueOf(line, valueStart, valueEnd);
        if (value === NOT_JSON) return undefined;
        values[field] = value;
      }
      p = skipBlank(line, valueEnd, end);
      const next = line[p];
      p += 1;
      if (next === CLOSE_OBJECT) break;
      if (next !== COMMA) return undefined;
      p = skipBlank(line, p, end);
    }
  }
  if (skipBlank(line, p, end) !== end) return undefined;
  const row: Record<string, unknown> = {};
  for (let i = 0; i < values.length; i++) {
    const name = plan.names[i] ?? '';
    const value = values[i];
    if (value === ABSENT) continue;
    // A field named "__proto__" stays a field, as JSON.parse made it, not the object's prototype.
    if (name === '__proto__') Object.defineProperty(row, name, { value, enumerable: true, writable: true, configurable: true });
    else row[name] = value;
  }
  return row;
}

/**
 * What JSON.parse gives for the value in [from, to), its extent already checked, or NOT_JSON.
 * Strings without escapes and short integers, most of a row's fields, are read directly.
 */
function valueOf(line: Buffer, from: number, to: number): unknown {
  const first = line[from];
  if (first === QUOTE) {
    let ascii = true;
    for (let i = from + 1; i < to - 1; i++) {
      const c = line[i] ?? 0;
      if (c === BACKSLASH || c < 0x20) return parsed(line, from, to);
      if (c >= 0x80) ascii = false;
    }
    return line.toString(ascii ? 'latin1' : 'utf8', from + 1, to - 1);
  }
  const digitsFrom = first === MINUS ? from + 1 : from;
  if (to - digitsFrom > 15 || skipDigits(line, digitsFrom) !== to) return parsed(line, from, to);
  // At most 15 digits: exact in a double, as JSON.parse reads them ("-0" is -0 there too).
  let n = 0;
  for (let i = digitsFrom; i < to; i++) n = n * 10 + (line[i] ?? 0) - ZERO;
  return first === MINUS ? -n : n;
}

function parsed(line: Buffer, from: number, to: number): unknown {
  try {
    return JSON.parse(line.toString('utf8', from, to)) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The wanted field a key names (its text between the quotes), UNWANTED, or BAD_KEY when JSON.parse would refuse it. */
function fieldOf(line: Buffer, from: number, to: number, plan: PluckPlan): number {
  if (isPlain(line, from, to)) {
    const candidates = plan.plainByLength[to - from];
    if (candidates === undefined) return UNWANTED;
    for (const [bytes, field] of candidates) if (sameBytes(line, from, bytes)) return field;
    return UNWANTED;
  }
  // Escapes, UTF-8 or control characters: JSON.parse decides, as it would have for the whole line.
  let key: unknown;
  try {
    key = JSON.parse(line.toString('utf8', from - 1, to + 1));
  } catch {
    return BAD_KEY;
  }
  return plan.byName.get(key as string) ?? UNWANTED;
}

function sameBytes(line: Buffer, from: number, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (line[from + i] !== bytes[i]) return false;
  return true;
}

/** Printable ASCII without a backslash: text that means itself between JSON quotes. */
function isPlain(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i] ?? 0;
    if (c < 0x20 || c >= 0x80 || c === BACKSLASH) return false;
  }
  return true;
}

function skipBlank(line: Buffer, p: number, end: number): number {
  while (p < end) {
    const c = line[p];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
    p += 1;
  }
  return p;
}

/** Past the string opening at p (its text is not checked), or BROKEN when it never closes. */
function skipString(line: Buffer, p: number, end: number): number {
  let q = p + 1;
  for (const stop = Math.min(end, p + 1 + SHORT_STRING); q < stop; q += 1) {
    const c = line[q];
    if (c === QUOTE) return q + 1;
    if (c === BACKSLASH) q += 1;
  }
  for (;;) {
    q = line.indexOf(QUOTE, q);
    if (q === -1) return BROKEN;
    // Escaped when an odd number of backslashes precede it; the opening quote stops the count.
    let b = q - 1;
    while (line[b] === BACKSLASH) b -= 1;
    if ((q - b) % 2 === 1) return q + 1;
    q += 1;
  }
}

function skipValue(line: Buffer, p: number, end: number): number {
  const c = line[p];
  if (c === QUOTE) return skipString(line, p, end);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) return skipContainer(line, p, end);
  return skipScalar(line, p);
}

/**
 * Past the object or array opening at p, its brackets matched and its commas and colons
 * where JSON has them, or BROKEN. A loop with its own stack: nesting depth is the data's.
 */
function skipContainer(line: Buffer, p: number, end: number): number {
  const closers: number[] = [];
  for (;;) {
    // p is at a value.
    const c = line[p];
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const closer = c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
      p = skipBlank(line, p + 1, end);
      if (line[p] !== closer) {
        closers.push(closer);
        p = closer === CLOSE_OBJECT ? skipName(line, p, end) : p;
        if (p === BROKEN) return BROKEN;
        continue;
      }
      p += 1;
    } else {
      p = c === QUOTE ? skipString(line, p, end) : skipScalar(line, p);
      if (p === BROKEN) return BROKEN;
    }
    // p is past a value: close what it ends, then on to the next value.
    for (;;) {
      if (closers.length === 0) return p;
      const closer = closers[closers.length - 1];
      p = skipBlank(line, p, end);
      const d = line[p];
      if (d === closer) {
        closers.pop();
        p += 1;
        continue;
      }
      if (d !== COMMA) return BROKEN;
      p = skipBlank(line, p + 1, end);
      p = closer === CLOSE_OBJECT ? skipName(line, p, end) : p;
      if (p === BROKEN) return BROKEN;
      break;
    }
  }
}

/** Past `"name" :` and the blanks after it, at the member's value, or BROKEN. */
function skipName(line: Buffer, p: number, end: number): number {
  if (line[p] !== QUOTE) return BROKEN;
  p = skipString(line, p, end);
  if (p === BROKEN) return BROKEN;
  p = skipBlank(line, p, end);
  return line[p] === COLON ? skipBlank(line, p + 1, end) : BROKEN;
}

/** Past the number or literal at p, checked against JSON's grammar, or BROKEN. */
function skipScalar(line: Buffer, p: number): number {
  for (const literal of LITERALS) {
    if (line[p] !== literal[0]) continue;
    for (let i = 1; i < literal.length; i++) if (line[p + i] !== literal[i]) return BROKEN;
    return p + literal.length;
  }
  if (line[p] === MINUS) p += 1;
  if (line[p] === ZERO) p += 1;
  else if (isDigit(line[p])) p = skipDigits(line, p);
  else return BROKEN;
  if (line[p] === DOT) {
    if (!isDigit(line[p + 1])) return BROKEN;
    p = skipDigits(line, p + 1);
  }
  if (line[p] === 0x65 || line[p] === 0x45) {
    p += 1;
    if (line[p] === PLUS || line[p] === MINUS) p += 1;
    if (!isDigit(line[p])) return BROKEN;
    p = skipDigits(line, p);
  }
  return p;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}

function skipDigits(line: Buffer, p: number): number {
  while (isDigit(line[p])) p += 1;
  return p;
}
