/**
 * The JSON Lines reader hands the mapping only the columns it reads (issue 17: a Sleeping-DISCO-9M
 * line is ~3 KB of lyrics around a few short fields, and a batch holding them all was work for
 * the garbage collector), and each of those exactly as JSON.parse read it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJsonl } from '../../index-builder/readers/jsonl.js';
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
});
