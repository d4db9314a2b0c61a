/** CSV attachments cut to a platform's per-file limit at a record boundary, with the cut stated in the answer. */
import { describe, expect, it } from 'vitest';
import { fitAttachments, fitCsv, formatBytes } from '../../src/core/attachment-limit.js';
import { toCsv } from '../../src/core/csv.js';
import { simpleReply } from '../../src/core/replies.js';

const bytes = (s: string): number => new TextEncoder().encode(s).length;

describe('fitCsv', () => {
  const csv = toCsv(
    ['title', 'note'],
    [
      ['plain', 'a'],
      ['with "quotes", a comma\r\nand a line break inside', 'b'],
      ['ünïcödé 中文 🎵', 'c'],
      ['last', 'd'],
    ],
  );

  it('keeps the whole file when it fits', () => {
    expect(fitCsv(csv, bytes(csv))).toEqual({ content: csv, rows: 4, keptRows: 4 });
  });

  it('cuts between records, never inside a quoted cell, counting UTF-8 bytes', () => {
    for (let limit = bytes(csv) - 1; limit > 0; limit--) {
      const fitted = fitCsv(csv, limit);
      expect(bytes(fitted.content)).toBeLessThanOrEqual(limit);
      expect(csv.startsWith(fitted.content)).toBe(true);
      // Every kept prefix ends at a record end: empty, or a CRLF outside quotes (an even number of quote marks).
      if (fitted.content !== '') {
        expect(fitted.content.endsWith('\r\n')).toBe(true);
        expect((fitted.content.match(/"/g) ?? []).length % 2).toBe(0);
      }
    }
    const oneRow = toCsv(['title', 'note'], [['plain', 'a']]);
    expect(fitCsv(csv, bytes(oneRow))).toEqual({ content: oneRow, rows: 4, keptRows: 1 });
  });
});

describe('fitAttachments', () => {
  const csv = toCsv(
    ['n'],
    Array.from({ length: 100 }, (_, i) => [String(i).padStart(4, '0')]),
  );
  const reply = {
    ...simpleReply('info', 'Export of 100 rows.', ['first line']),
    attachments: [{ filename: 'x.csv', contentType: 'text/csv', content: csv }],
  };

  it('says how many rows the file holds and the limit that cut it', () => {
    const fitted = fitAttachments(reply, 64, 'Discord');
    const content = fitted.attachments?.[0]?.content ?? '';
    expect(bytes(content)).toBeLessThanOrEqual(64);
    const kept = content.split('\r\n').filter((l) => l !== '').length - 1;
    expect(fitted.body).toEqual(['first line', `The CSV holds the first ${kept} of 100 rows: Discord takes files up to 64 bytes here.`]);
  });

  it('leaves a reply that fits untouched', () => {
    expect(fitAttachments(reply, 10 * 1024 * 1024, 'Discord')).toBe(reply);
  });

  it('writes limits the way platforms state them', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MiB');
    expect(formatBytes(4096)).toBe('4 KiB');
    expect(formatBytes(1_000_000_000)).toBe('1 GB');
  });
});
