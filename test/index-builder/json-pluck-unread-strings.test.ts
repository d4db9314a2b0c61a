/** The one documented difference: the text of strings nobody reads is skipped, not checked as JSON.parse checked it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRow } from '../../index-builder/readers/jsonl.js';
import { Malformed } from '../../index-builder/readers/types.js';
import { before, bytes, line, mutate, mutation, plan, settings, show, write } from './json-pluck-helpers.js';

describe('reading the wanted fields from the bytes', () => {
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
});

describe('reading generated lines', () => {
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
