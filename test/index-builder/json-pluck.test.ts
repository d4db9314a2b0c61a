/**
 * The JSON Lines reader reads a line's wanted fields from its bytes (json-pluck.ts) instead of
 * JSON.parse-ing the whole line. Checked against what it replaced, JSON.parse of the decoded
 * line then `project`: by hand on each protection, and with fast-check on generated objects
 * (nesting, escapes, astral characters, repeated keys, blanks between tokens) and on their
 * truncated and corrupted variants. Seeded, so a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pluckObject, pluckPlan } from '../../index-builder/readers/json-pluck.js';
import { parseLine, project, readRow } from '../../index-builder/readers/jsonl.js';
import { Malformed } from '../../index-builder/readers/types.js';

const SEED = 20261201;
const settings = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/** Asked for in this order; names a key can only spell with escapes, or in UTF-8, included. */
const WANTED = ['song_id', 'title', '__proto__', 'A', 'é', '𝄞', 'quo"te', 'back\\slash', 'tab\tkey', 'constructor', '1', 'title'];
const plan = pluckPlan(WANTED);
const UNREAD = ['lyrics', 'qna', 'x', 'titl', 'title ', 'TITLE', '', 'song_idx', 'toString'];

/** What the reader gave before: the whole line decoded, JSON.parse-d, then projected. */
function before(line: Buffer): unknown {
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

const show = (value: unknown): string => JSON.stringify(canon(value));
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('reading the wanted fields from the bytes', () => {
  const agrees = (text: string): void => {
    const line = bytes(text);
    expect(show(readRow(line, plan)), text).toBe(show(before(line)));
  };
  const taken = (text: string): unknown => pluckObject(bytes(text), plan);

  it('gives what JSON.parse and the projection gave', () => {
    for (const text of [
      '{"song_id": 7, "title": "Song", "lyrics": "la la", "qna": [{"q": "who?", "a": "me"}]}',
      ' \t{ "title" : "T" , "song_id" :-0 }\t\r ',
      '{}',
      '{"title":"a","lyrics":"x","title":"b"}',
      '{"\\u0074itle":"escaped key","\\u00e9":1,"é":2,"\\ud834\\udd1e":3,"A":[],"\\u0041":{}}',
      '{"quo\\"te":1,"back\\\\slash":2,"tab\\tkey":3,"constructor":4,"1":5}',
      '{"title":"caf\\u00e9 \\ud83c\\udfb5 ☕ 𝄞","song_id":12345678901234567890}',
      '{"song_id":1e2,"title":-12.5E-3,"A":123456789012345,"é":1234567890123456,"𝄞":-0.0}',
      '{"title":null,"A":true,"é":false,"song_id":[1,[2,{"x":null}]]}',
    ])
      agrees(text);
  });

  it('keeps a field named "__proto__" as an own field, never the prototype', () => {
    for (const text of ['{"__proto__":{"polluted":true},"title":"t"}', '{"\\u005f_proto__":{"polluted":1},"__proto__":[2]}']) {
      agrees(text);
      const row = taken(text) as Record<string, unknown>;
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.hasOwn(row, '__proto__')).toBe(true);
      expect(row.polluted).toBeUndefined();
    }
  });

  it('leaves lines that are no object to JSON.parse, which names them', () => {
    for (const text of ['[1, 2]', '42', 'null', '"s"', ' [1', '\uFEFF{"title":"t"}', '{"title":"t"}\u00a0']) {
      expect(taken(text), text).toBeUndefined();
      agrees(text);
    }
    expect(readRow(bytes('[1, 2]'), plan)).toEqual(new Malformed('not a JSON object'));
    // A byte order mark is not JSON, as before: the row is malformed.
    expect(readRow(bytes('\uFEFF{"title":"t"}'), plan)).toEqual(new Malformed('malformed JSON'));
  });

  it('finds a broken structure anywhere, in the fields it skips too', () => {
    const long = 'word '.repeat(30);
    for (const text of [
      `{"title":"t","lyrics":"${long}`, // truncated inside a skipped string
      `{"title":"t","lyrics":"${long}\\"}`, // its closing quote escaped
      '{"title":"t","lyrics":"a\\"}',
      '{"title":"t","qna":[1,2}}', // unbalanced brackets in skipped values
      '{"title":"t","qna":{"a":1]}',
      '{"title":"t","qna":[[1]}',
      '{"title":"t","qna":[1 2]}', // missing commas and colons, in and out of skipped values
      '{"title":"t","qna":{"a" 1}}',
      '{"title":"t","qna":{"a":1 "b":2}}',
      '{"title":"t","qna":{1:2}}',
      '{"title":"t" "A":1}',
      '{"title" "t"}',
      '{"title":"t",}', // trailing commas
      '{"title":"t","qna":[1,]}',
      '{"title":"t","qna":{"a":1,}}',
      '{"title":"t","qna":[,1]}',
      '{"title":"t"} x', // garbage after the object or between values
      '{"title":"t"}}',
      '{"title":"t"}{}',
      '{"title":"t",x,"A":1}',
      '{"title":"t","x":1 x}',
      '{"title":"t","x":}',
      '{"title":"t","x":01}', // numbers and literals as JSON writes them
      '{"title":"t","x":1.}',
      '{"title":"t","x":.5}',
      '{"title":"t","x":-}',
      '{"title":"t","x":+1}',
      '{"title":"t","x":1e}',
      '{"title":"t","x":1e+}',
      '{"title":"t","x":1.5.5}',
      '{"title":"t","x":tru}',
      '{"title":"t","x":nul}',
      '{"title":"t","x":True}',
      '{"title":"t","x":NaN}',
      '{"title":"t","x":[truex]}',
      '{"title":"t\u0001"}', // a wanted value is read exactly: raw control character, bad escape
      '{"title":"\\x"}',
      '{"title":"\\u12"}',
      '{"title":"\\x","title":"t"}', // a repeated key's first value counts for JSON.parse too
      '{"\\q":1,"title":"t"}', // a bad key, even one nobody asked for
      '{"a\u0001":1,"title":"t"}',
      '{"title":"t"',
      '{"title":"t",',
      '{"title":',
      '{',
    ]) {
      expect(taken(text), text).toBeUndefined();
      expect(readRow(bytes(text), plan), text).toEqual(new Malformed('malformed JSON'));
      agrees(text);
    }
  });

  it('counts the backslashes before a quote, on short and long strings alike', () => {
    for (let n = 40; n < 60; n++) {
      const a = 'a'.repeat(n);
      for (const lyrics of [`${a}\\"x`, `${a}\\\\`, `${a}\\\\\\"\\\\`, `\\"${a}`, `${a}\\u0022`, `${a}\\\\\\\\`]) {
        const text = `{"lyrics":"${lyrics}","title":"t${n}","qna":["${lyrics}",{"${lyrics}":"${lyrics}"}]}`;
        expect(taken(text), text).toEqual({ title: `t${n}` });
        agrees(text);
      }
    }
  });

  it('does not check the text of strings nobody reads (the one documented difference)', () => {
    for (const text of [
      '{"title":"t","lyrics":"bad \\x escape"}',
      '{"title":"t","lyrics":"cut \\u12 escape"}',
      '{"title":"t","lyrics":"raw \u0001 control, raw \t tab"}',
      '{"title":"t","qna":[{"bad \\x key":"raw \u0002"}]}',
    ]) {
      expect(before(bytes(text)), text).toEqual(new Malformed('malformed JSON'));
      expect(readRow(bytes(text), plan), text).toEqual({ title: 't' });
    }
    // Bytes that are no UTF-8 were text with U+FFFD in it before, so such rows were kept, and still are.
    const broken = Buffer.concat([bytes('{"title":"t\u00e9","lyrics":"'), Buffer.from([0xc3, 0xff, 0xe2, 0x82]), bytes('"}')]);
    expect(show(readRow(broken, plan))).toBe(show(before(broken)));
  });

  it('walks nesting as deep as JSON.parse does, without recursion', () => {
    const deep = 100_000;
    agrees(`{"qna":${'['.repeat(deep)}${']'.repeat(deep)},"title":"t"}`);
    agrees(`{"qna":${'{"a":'.repeat(deep)}1${'}'.repeat(deep)},"title":"t"}`);
    agrees(`{"qna":${'['.repeat(deep)}${']'.repeat(deep - 1)},"title":"t"}`);
  });
});

// ---- Generated objects, written with random escapes and blanks, and their corrupted variants.

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
const { value } = fc.letrec<{ value: Json; array: Json; object: Json }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'json' }).map((items): Json => ({ kind: 'array', items })),
  object: fc
    .array(fc.tuple(key, tie('value')), { maxLength: 4, depthIdentifier: 'json' })
    .map((members): Json => ({ kind: 'object', members })),
}));
const line = fc.record({
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

function write(members: readonly [string, Json][], seed: number): Written {
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
const mutation = fc.record({ how: fc.constantFrom('insert', 'replace', 'delete'), at: fc.nat(), byte: fc.constantFrom(...MUTATION_BYTES) });
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** The line with one byte put in, changed or taken out, at a place inside unread text or outside it. */
function mutate(w: Written, m: Mutation, inUnread: boolean): Buffer | undefined {
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

describe('reading generated lines', () => {
  it('gives what JSON.parse and the projection gave, for every object', () => {
    fc.assert(
      fc.property(line, ({ members, seed }) => {
        const w = write(members, seed);
        const got = pluckObject(w.line, plan);
        expect(got).toBeDefined();
        expect(show(got)).toBe(show(before(w.line)));
      }),
      settings(3000),
    );
  });

  it('leaves every JSON value that is no object to JSON.parse', () => {
    fc.assert(
      fc.property(value, fc.integer(), (v, seed) => {
        fc.pre(v.kind !== 'object');
        const text = write([['x', v]], seed).line.toString('utf8');
        const inner = Buffer.from(text.slice(text.indexOf(':') + 1, text.lastIndexOf('}')), 'utf8');
        expect(pluckObject(inner, plan)).toBeUndefined();
        expect(show(readRow(inner, plan))).toBe(show(before(inner)));
      }),
      settings(1000),
    );
  });

  it('takes a truncated line as malformed, wherever it is cut', () => {
    fc.assert(
      fc.property(line, fc.nat(), ({ members, seed }, cut) => {
        const w = write(members, seed);
        const cutLine = w.line.subarray(0, cut % w.line.length);
        const want = before(cutLine);
        expect(pluckObject(cutLine, plan) === undefined).toBe(want instanceof Malformed);
        expect(show(readRow(cutLine, plan))).toBe(show(want));
      }),
      settings(3000),
    );
  });

  it('agrees exactly on every corruption outside the text of strings nobody reads', () => {
    fc.assert(
      fc.property(line, mutation, ({ members, seed }, m) => {
        const changed = mutate(write(members, seed), m, false);
        fc.pre(changed !== undefined);
        const want = before(changed);
        expect(pluckObject(changed, plan) === undefined).toBe(want instanceof Malformed);
        expect(show(readRow(changed, plan))).toBe(show(want));
      }),
      settings(5000),
    );
  });

  it('inside the text of a string nobody reads, either breaks the line as before or keeps the fields as they were', () => {
    fc.assert(
      fc.property(line, mutation, ({ members, seed }, m) => {
        const w = write(members, seed);
        const changed = mutate(w, m, true);
        fc.pre(changed !== undefined);
        const want = before(changed);
        const got = readRow(changed, plan);
        if (!(want instanceof Malformed) || got instanceof Malformed) expect(show(got)).toBe(show(want));
        else expect(show(got)).toBe(show(before(w.line)));
      }),
      settings(5000),
    );
  });
});
