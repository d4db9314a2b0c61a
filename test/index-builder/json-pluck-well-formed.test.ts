/** Well-formed object lines: json-pluck reads from the bytes the fields JSON.parse of the whole line and `project` gave. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pluckObject } from '../../index-builder/readers/json-pluck.js';
import { agrees, before, line, plan, settings, show, taken, write } from './json-pluck-helpers.js';

describe('reading the wanted fields from the bytes', () => {
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

  it('walks nesting as deep as JSON.parse does, without recursion', () => {
    const deep = 100_000;
    agrees(`{"qna":${'['.repeat(deep)}${']'.repeat(deep)},"title":"t"}`);
    agrees(`{"qna":${'{"a":'.repeat(deep)}1${'}'.repeat(deep)},"title":"t"}`);
    agrees(`{"qna":${'['.repeat(deep)}${']'.repeat(deep - 1)},"title":"t"}`);
  });
});

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
});
