/** Lines json-pluck leaves to JSON.parse: values that are no object, a broken structure anywhere, truncated and corrupted lines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pluckObject } from '../../index-builder/readers/json-pluck.js';
import { readRow } from '../../index-builder/readers/jsonl.js';
import { Malformed } from '../../index-builder/readers/types.js';
import { agrees, before, bytes, line, mutate, mutation, plan, settings, show, taken, value, write } from './json-pluck-helpers.js';

describe('reading the wanted fields from the bytes', () => {
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
});

describe('reading generated lines', () => {
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
});
