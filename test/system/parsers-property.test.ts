/**
 * Reliability check 27, property part: the parsers hostile text reaches (text invocation,
 * link extraction, normalisation, CSV reading, filter values) checked on generated inputs
 * with fast-check, seeded so every run asks the same questions and a failure replays.
 * fast-check over hand-picked cases: it shrinks a failing input to a minimal one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsv } from '../../index-builder/readers/csv.js';
import { Malformed } from '../../index-builder/readers/types.js';
import { readingsOf } from '../../src/core/readings.js';
import { parseTextInvocation } from '../../commands/index.js';
import { stripControl } from '../../src/core/text-invocation.js';
import { normalizeArtist, normalizeTitle } from '../../src/index/normalize.js';
import { extractLinks, MAX_LINKS_PER_MESSAGE } from '../../src/links/extract.js';
import { exactAny, exactOne } from '../../src/search/filter.js';

const SEED = 20261130;
const settings = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/** Text people and datasets send: any Unicode, plus the characters our parsers treat specially. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom(...'`*:-–—/\\()[]<>@&|"\'\n\r\t\u0000\u0001\u001f\u007f\u0085\u009f\u2028\u2029\u200b\u202e#?=%.,_ '),
    maxLength: 200,
  }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** YouTube ids as YouTube makes them: 10 base64url characters, then one carrying the last 4 bits. */
const youtubeId = fc
  .tuple(
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'),
      minLength: 10,
      maxLength: 10,
    }),
    fc.constantFrom(...'AEIMQUYcgkosw048'),
  )
  .map(([head, last]) => head + last);

describe('text invocation', () => {
  it('never throws, and always answers with a command or a short error', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const parsed = parseTextInvocation(text);
        if (parsed.ok) expect(['song', 'artist', 'link', 'about', 'help', 'list', 'settings']).toContain(parsed.command);
        else expect(parsed.error.length).toBeLessThan(300);
      }),
      settings(3000),
    );
  });

  it('reads "song:<title> artist:<name>" back as the title and artist given', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöüé0123456789'), minLength: 1, maxLength: 12 });
    const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(words, words, (title, artist) => {
        const parsed = parseTextInvocation(`/trained song:${title} artist:${artist}`);
        expect(parsed).toEqual({ ok: true, command: 'song', options: { title, artist } });
      }),
      settings(1000),
    );
  });

  it('reads "<a> - <b>" both ways, each part a piece of what was typed', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        const text = `${a} - ${b}`;
        for (const r of readingsOf(text)) {
          expect(text.includes(r.title)).toBe(true);
          if (r.artist !== undefined) expect(text.includes(r.artist)).toBe(true);
          expect(r.title.length + (r.artist?.length ?? 0)).toBeLessThanOrEqual(text.length);
        }
      }),
      settings(2000),
    );
  });

  it('leaves no control character but newlines', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const ch of stripControl(text)) {
          const c = ch.codePointAt(0) ?? 0;
          expect(c === 0x0a || (c >= 0x20 && (c < 0x7f || c > 0x9f) && c !== 0x2028 && c !== 0x2029), `U+${c.toString(16)}`).toBe(true);
        }
      }),
      settings(2000),
    );
  });
});

describe('link extraction', () => {
  it('never throws; returns at most the cap, each an https URL and a known platform', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const links = extractLinks(text);
        expect(links.length).toBeLessThanOrEqual(MAX_LINKS_PER_MESSAGE);
        for (const l of links) expect(new URL(l.normalizedUrl).protocol).toBe('https:');
      }),
      settings(3000),
    );
  });

  it('finds a YouTube id wherever it stands in hostile text, and never invents one', () => {
    const around = fc.string({ unit: fc.constantFrom(...'abc xyz,.;!?()[]<>"\'\n\t'), maxLength: 40 });
    fc.assert(
      fc.property(
        around,
        youtubeId,
        around,
        fc.constantFrom('https://youtu.be/', 'https://www.youtube.com/watch?v=', 'youtube.com/shorts/'),
        (before, id, after, prefix) => {
          const links = extractLinks(`${before} ${prefix}${id} ${after}`);
          expect(links.map((l) => l.id)).toEqual([id]);
          expect(links[0]?.platform).toBe('youtube');
        },
      ),
      settings(2000),
    );
  });
});

describe('normalisation', () => {
  it('is total and gives trimmed, lower-case, single-spaced keys that normalise to themselves', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const key of [normalizeTitle(text), normalizeArtist(text)]) {
          expect(key).toBe(key.trim());
          expect(key).not.toMatch(/\s{2}/);
          expect(key).toBe(key.toLowerCase());
        }
        expect(normalizeArtist(normalizeArtist(text))).toBe(normalizeArtist(text));
      }),
      settings(3000),
    );
  });

  it('does not depend on case for ASCII titles', () => {
    const ascii = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -&'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(ascii, (text) => {
        expect(normalizeTitle(text.toUpperCase())).toBe(normalizeTitle(text.toLowerCase()));
      }),
      settings(2000),
    );
  });
});

describe('filter values', () => {
  it('never end in *, never contain a backtick or a boolean operator, and keep every clause closed', () => {
    fc.assert(
      fc.property(hostileText, fc.array(hostileText, { maxLength: 5 }), (one, many) => {
        for (const filter of [exactOne('title_norm', one), exactAny('platform_ids', many.length > 0 ? many : [one])]) {
          const parts = filter.split('`');
          expect(parts.length % 2).toBe(1); // every opened backtick is closed
          const values = parts.filter((_, i) => i % 2 === 1);
          const outside = parts.filter((_, i) => i % 2 === 0).join('');
          expect(outside).not.toMatch(/&&|\|\|/);
          for (const v of values) {
            expect(v.endsWith('*')).toBe(false);
            expect(v).not.toMatch(/&&|\|\|/);
          }
        }
      }),
      settings(3000),
    );
  });
});

describe('CSV reading', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trained-csv-prop-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back every field a standard CSV writer wrote: quotes, commas, newlines and all', async () => {
    const field = fc.string({
      unit: fc.oneof(fc.constantFrom(...'",\n\r; '), fc.constantFrom(...'aZ9ä日😀'), fc.string({ unit: 'grapheme', maxLength: 1 })),
      maxLength: 20,
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 30 }), async (rows) => {
        const path = join(dir, `f${n++}.csv`);
        await writeFile(path, Papa.unparse({ fields: ['id', 'title', 'artist'], data: rows }, { quotes: true, newline: '\n' }));
        const file = await openCsv({ location: path, name: 'f.csv' }, {});
        const read: string[][] = [];
        try {
          for await (const batch of file.batches(0, ['id', 'title', 'artist'], 7)) {
            for (const row of batch.rows) {
              expect(row).not.toBeInstanceOf(Malformed);
              const r = row as Record<string, unknown>;
              read.push([String(r.id), String(r.title), String(r.artist)]);
            }
          }
        } finally {
          await file.close();
        }
        expect(file.columns).toEqual(['id', 'title', 'artist']);
        expect(read).toEqual(rows);
      }),
      settings(300),
    );
  });
});
