/**
 * The JSON Lines reader hands the mapping only the columns it reads (issue 17: a Sleeping-DISCO-9M
 * line is ~3 KB of lyrics around a few short fields, and a batch holding them all was work for
 * the garbage collector), and each of those exactly as JSON.parse read it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJsonl } from '../../index-builder/readers/jsonl.js';
import { byteLineChunks, lineChunks } from '../../index-builder/readers/lines.js';
import { Malformed } from '../../index-builder/readers/types.js';

describe('JSON Lines rows', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trained-jsonl-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('carry the wanted columns only, as parsed, and a line that is no object stays malformed', async () => {
    const path = join(dir, 'a.jsonl');
    const lines = [
      { song_id: 1, title: 'Song', primary_artist: 'A', lyrics: 'la '.repeat(1000), youtube_links: ['https://youtu.be/x'], qna: [] },
      { song_id: 2, title: null, lyrics: '' },
    ].map((o) => JSON.stringify(o));
    // A column that is named like the prototype is a column like any other.
    lines.push('{"song_id": 3, "title": "T", "__proto__": {"polluted": true}}', '[1, 2]', '{not json');
    await writeFile(path, `${lines.join('\n')}\n`);
    const file = await openJsonl({ location: path, name: 'a.jsonl' });
    const rows: unknown[] = [];
    try {
      for await (const batch of file.batches(0, ['song_id', 'title', 'youtube_links', '__proto__', 'absent'], 2)) rows.push(...batch.rows);
    } finally {
      await file.close();
    }
    expect(file.columns).toEqual(expect.arrayContaining(['lyrics', 'qna', 'primary_artist', '__proto__']));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ song_id: 1, title: 'Song', youtube_links: ['https://youtu.be/x'] });
    expect(Object.keys(rows[1] as object)).toEqual(['song_id', 'title']);
    expect((rows[1] as Record<string, unknown>).title).toBeNull();
    const third = rows[2] as Record<string, unknown>;
    expect(Object.getPrototypeOf(third)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(third, '__proto__')?.value).toEqual({ polluted: true });
    expect(third.polluted).toBeUndefined();
    expect(rows[3]).toBeInstanceOf(Malformed);
    expect(rows[4]).toBeInstanceOf(Malformed);
  });

  it('reads lines as before: CRLF, blank lines, a BOM, repeated and escaped keys', async () => {
    const path = join(dir, 'b.jsonl');
    const text = [
      '\uFEFF{"song_id": 0, "title": "after a byte order mark"}', // not JSON, as before: malformed
      '{"song_id": 1, "title": "crlf", "lyrics": "a\\"b"}\r',
      '   \t\r',
      '\u00a0\uFEFF ',
      '{"\\u0073ong_id": 2, "title": "first", "title": "last", "qna": [{"q": 1}], "genius_annotation": null}',
      // A bad escape in a field the index never reads no longer rejects the row (json-pluck.ts).
      '{"song_id": 3, "title": "caf\u00e9 \ud834\udd1e", "lyrics": "bad \\x escape, kept"}',
      '{"song_id": 4, "title": "\\x"}',
      '{"song_id": 5, "qna": [1, 2}}',
      '{"song_id": 6, "title": "no line break at the end"}',
    ].join('\n');
    await writeFile(path, text);
    const file = await openJsonl({ location: path, name: 'b.jsonl' });
    const rows: unknown[] = [];
    const firsts: number[] = [];
    try {
      for await (const batch of file.batches(0, ['song_id', 'title'], 2)) {
        firsts.push(batch.firstRow);
        rows.push(...batch.rows);
      }
    } finally {
      await file.close();
    }
    expect(file.columns).toEqual(['song_id', 'title', 'lyrics', 'qna', 'genius_annotation']);
    expect(firsts).toEqual([1, 3, 5, 7]);
    expect(rows).toEqual([
      new Malformed('malformed JSON'),
      { song_id: 1, title: 'crlf' },
      { song_id: 2, title: 'last' },
      { song_id: 3, title: 'caf\u00e9 \ud834\udd1e' },
      new Malformed('malformed JSON'),
      new Malformed('malformed JSON'),
      { song_id: 6, title: 'no line break at the end' },
    ]);
  });
});

describe('lines cut from a byte stream', () => {
  const piece = fc.string({
    unit: fc.constantFrom('a', '{', '"', ' ', '\t', '\r', '\u00a0', '\uFEFF', '\u2028', 'é', '€', '𝄞'),
    maxLength: 12,
  });
  const file = fc.tuple(fc.array(fc.tuple(piece, fc.constantFrom('\n', '\r\n')), { maxLength: 12 }), piece);

  /** What lineChunks gave before: each line without its CR, the blank ones (as String.prototype.trim sees them) left out. */
  const expected = (text: string): string[] =>
    text
      .split('\n')
      .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
      .filter((l) => l.trim() !== '');

  it('are the same however the chunks split the lines, and the characters in them', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.array(fc.nat(), { maxLength: 8 }), async ([lines, last], cuts) => {
        const text = lines.map(([l, end]) => l + end).join('') + last;
        const bytes = Buffer.from(text, 'utf8');
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length)).filter((c) => c.length > 0);
        const asBytes: string[] = [];
        for await (const block of byteLineChunks(Readable.from(chunks), 'f', 'a file'))
          asBytes.push(...block.map((b) => b.toString('utf8')));
        const asText: string[] = [];
        for await (const block of lineChunks(Readable.from(chunks), 'f', 'a file')) asText.push(...block);
        expect(asBytes).toEqual(expected(text));
        expect(asText).toEqual(expected(text));
      }),
      { seed: 20261201, numRuns: 1000 },
    );
  });
});
