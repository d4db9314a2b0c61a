/** The json-pluck tests' shared parts: the reader before json-pluck to compare with, and generated lines to feed both. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { pluckObject, pluckPlan } from '../../index-builder/readers/json-pluck.js';
import { parseLine, project, readRow } from '../../index-builder/readers/jsonl.js';
import { Malformed } from '../../index-builder/readers/types.js';

const SEED = 20261201;
/** Seeded, so a failure replays. */
export const settings = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/** Asked for in this order; names a key can only spell with escapes, or in UTF-8, included. */
const WANTED = ['song_id', 'title', '__proto__', 'A', 'é', '𝄞', 'quo"te', 'back\\slash', 'tab\tkey', 'constructor', '1', 'title'];
export const plan = pluckPlan(WANTED);
const UNREAD = ['lyrics', 'qna', 'x', 'titl', 'title ', 'TITLE', '', 'song_idx', 'toString'];

/** What the reader gave before: the whole line decoded, JSON.parse-d, then projected. */
export function before(line: Buffer): unknown {
  const row = parseLine(line.toString('utf8'));
  return row instanceof Malformed ? row : project(row, WANTED);
}

/** Values as comparable text: key order, own "__proto__" fields, the prototype and -0 all show. */
function canon(value: unknown): unknown {
  if (value instanceof Malformed) return ['malformed', value.reason];
  if (Array.isArray(value)) return ['array', ...value.map(canon)];
  if (typeof value === 'number') return ['number', Object.is(value, -0) ? '-0' : value];
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.keys(value).map((k) => [k, canon((value as Record<string, unknown>)[k])]);
  return ['object', Object.getPrototypeOf(value) === Object.prototype, ...entries];
}

export const show = (value: unknown): string => JSON.stringify(canon(value));
export const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** The wanted fields read from the bytes give what they gave before (`text` names the line when they do not). */
export const agrees = (text: string): void => {
  const line = bytes(text);
  expect(show(readRow(line, plan)), text).toBe(show(before(line)));
};
/** What json-pluck reads from `text`, undefined when it leaves the line to JSON.parse. */
export const taken = (text: string): unknown => pluckObject(bytes(text), plan);

// ---- Generated objects (nesting, escapes, astral characters, repeated keys, blanks between tokens), written with random escapes
// and blanks, and their truncated and corrupted variants.

type Json =
  | { kind: 'literal'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'array'; items: Json[] }
  | { kind: 'object'; members: [string, Json][] };

const TRICKY = [...'"\\/\u0000\u001f\t\r\n\u007f\u2028é€𝄞 {}[],:u', '\ud800', '\udfff', '\ud834\udd1e'];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...TRICKY, 'a', 'b'), maxLength: 24 }),
  // Longer than the stretch scanned in JS, so the native search and its backslash count run.
  fc.string({ unit: fc.constantFrom(...TRICKY, 'a', 'a', 'a'), minLength: 40, maxLength: 160 }),
);
const number = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '1',
    '-7',
    '1.5',
    '-0.0',
    '1e3',
    '1E+3',
    '2e-7',
    '-12.5E-3',
    '123456789012345',
    '1234567890123456',
    '12345678901234567890',
  ),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
);
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('true', 'false', 'null').map((t): Json => ({ kind: 'literal', text: t })),
  number.map((t): Json => ({ kind: 'literal', text: t })),
  text.map((t): Json => ({ kind: 'string', text: t })),
);
const key = fc.oneof(fc.constantFrom(...WANTED, ...UNREAD), text);
export const { value } = fc.letrec<{ value: Json; array: Json; object: Json }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'json' }).map((items): Json => ({ kind: 'array', items })),
  object: fc
    .array(fc.tuple(key, tie('value')), { maxLength: 4, depthIdentifier: 'json' })
    .map((members): Json => ({ kind: 'object', members })),
}));
export const line = fc.record({
  members: fc.array(fc.tuple(fc.constantFrom(...WANTED, ...UNREAD), value), { maxLength: 10 }),
  seed: fc.integer(),
});

/** A line as bytes, and where the text of the strings nobody reads lies: [first byte, closing quote). */
interface Written {
  line: Buffer;
  unread: [number, number][];
}

/** mulberry32: the writer's choices (blanks, which characters to escape) come from the generated seed. */
function chooser(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

export function write(members: readonly [string, Json][], seed: number): Written {
  const random = chooser(seed);
  const pieces: Buffer[] = [];
  const unread: [number, number][] = [];
  let length = 0;
  const emit = (s: string): void => {
    const b = Buffer.from(s, 'utf8');
    pieces.push(b);
    length += b.length;
  };
  const blank = (): void => emit(['', '', '', ' ', '\t', '\r', ' \t '][Math.floor(random() * 7)] ?? '');
  const escape = (ch: string): string => {
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined && random() < 0.5) return short;
    let out = '';
    for (let i = 0; i < ch.length; i++) {
      const hex = ch.charCodeAt(i).toString(16).padStart(4, '0');
      out += `\\u${random() < 0.5 ? hex : hex.toUpperCase()}`;
    }
    return out;
  };
  const string = (s: string, isUnread: boolean): void => {
    emit('"');
    const from = length;
    for (const ch of s) {
      const cp = ch.codePointAt(0) ?? 0;
      const must = ch === '"' || ch === '\\' || cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff && random() < 0.9);
      emit(must || random() < 0.15 ? escape(ch) : ch);
    }
    if (isUnread) unread.push([from, length]);
    emit('"');
  };
  const json = (v: Json, isUnread: boolean): void => {
    if (v.kind === 'literal') emit(v.text);
    else if (v.kind === 'string') string(v.text, isUnread);
    else {
      emit(v.kind === 'array' ? '[' : '{');
      const items = v.kind === 'array' ? v.items.map((item) => [undefined, item] as const) : v.members;
      items.forEach(([name, item], i) => {
        blank();
        if (i > 0) {
          emit(',');
          blank();
        }
        if (name !== undefined) {
          string(name, isUnread);
          blank();
          emit(':');
          blank();
        }
        json(item, isUnread);
      });
      blank();
      emit(v.kind === 'array' ? ']' : '}');
    }
  };
  blank();
  emit('{');
  members.forEach(([name, item], i) => {
    blank();
    if (i > 0) {
      emit(',');
      blank();
    }
    string(name, false);
    blank();
    emit(':');
    blank();
    json(item, !WANTED.includes(name));
  });
  blank();
  emit('}');
  blank();
  return { line: Buffer.concat(pieces), unread };
}

/** Bytes a corruption puts in: JSON's own, blanks, control characters, bytes that are no UTF-8 (never a line feed). */
const MUTATION_BYTES = [...Buffer.from('{}[],:"\\ \t\r0-.e+xtfnu/')].concat([0x00, 0x01, 0x1f, 0x80, 0xc3, 0xff]);
export const mutation = fc.record({
  how: fc.constantFrom('insert', 'replace', 'delete'),
  at: fc.nat(),
  byte: fc.constantFrom(...MUTATION_BYTES),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** The line with one byte put in, changed or taken out, at a place inside unread text or outside it. */
export function mutate(w: Written, m: Mutation, inUnread: boolean): Buffer | undefined {
  const inserting = m.how === 'insert';
  const inside = (i: number): boolean => w.unread.some(([from, to]) => i >= from && (inserting ? i <= to : i < to));
  const places: number[] = [];
  for (let i = 0; i < w.line.length + (inserting ? 1 : 0); i++) if (inside(i) === inUnread) places.push(i);
  const at = places[m.at % Math.max(places.length, 1)];
  if (at === undefined) return undefined;
  const head = w.line.subarray(0, at);
  if (m.how === 'insert') return Buffer.concat([head, Buffer.from([m.byte]), w.line.subarray(at)]);
  if (m.how === 'replace') return Buffer.concat([head, Buffer.from([m.byte]), w.line.subarray(at + 1)]);
  return Buffer.concat([head, w.line.subarray(at + 1)]);
}
