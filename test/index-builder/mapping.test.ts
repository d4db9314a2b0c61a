/**
 * The descriptor format, one rule at a time, on rows shaped as the publishers write them:
 * a dataset's own row key, several platform-id columns, list-valued columns, ids read from
 * links, one primary artist plus a list, separated lists only when the descriptor says so,
 * and an explicit error for a named column the file lacks.
 */
import { describe, expect, it } from 'vitest';
import { descriptorFor } from '../../index-builder/datasets/index.js';
import { descriptorProblems } from '../../index-builder/datasets/descriptor-problems.js';
import type { DatasetDescriptor, Mapping } from '../../index-builder/datasets/descriptor.js';
import { checkRejectsSoFar, BuildRefused } from '../../index-builder/guards.js';
import { compileMapping, WrongFileError, type RawRow } from '../../index-builder/mapping.js';
import { emptyCheckpoint } from '../../index-builder/state.js';

async function sleeping(): Promise<DatasetDescriptor> {
  const d = await descriptorFor('sleeping-disco-9m');
  if (d === undefined) throw new Error('no sleeping-disco-9m descriptor');
  return d;
}

function custom(mapping: Mapping): DatasetDescriptor {
  return {
    id: 'custom',
    name: 'Custom',
    publisher: 'p',
    licence: 'l',
    homepage: 'https://example.org',
    version: 'v',
    claimedRows: 10,
    description: 'A dataset written for one test.',
    format: { type: 'jsonl' },
    mapping,
  };
}

const ROW: RawRow = {
  song_id: 378195,
  title: 'Chandelier',
  song_url: 'https://genius.com/Sia-chandelier-lyrics',
  primary_artist: 'Sia',
  featured_artists: [],
  album_name: '1000 Forms of Fear',
  youtube_links: ['https://www.youtube.com/watch?v=2vjPBrBU-TM'],
};

function mapOne(d: DatasetDescriptor, row: RawRow) {
  return compileMapping(d, 'a.jsonl', Object.keys(row)).map(row);
}

describe('Sleeping-DISCO-9M rows as the author’s scripts read them', () => {
  it('keys the row by the Genius song id and indexes the page and every YouTube link as ids', async () => {
    const r = mapOne(await sleeping(), {
      ...ROW,
      youtube_links: [
        'https://youtu.be/2vjPBrBU-TM',
        'https://www.youtube.com/watch?v=2vjPBrBU-TM',
        'https://m.youtube.com/watch?v=aaaaaaaaaaa',
      ],
    });
    expect(r).toMatchObject({
      ok: true,
      row: {
        rowKey: '378195',
        rowKeyPlatform: 'genius',
        url: 'https://genius.com/Sia-chandelier-lyrics',
        platformIds: [
          { platform: 'genius', id: '378195' },
          { platform: 'genius', id: 'sia-chandelier-lyrics' },
          { platform: 'youtube', id: '2vjPBrBU-TM' },
          { platform: 'youtube', id: 'aaaaaaaaaaa' },
        ],
      },
    });
    const none = mapOne(await sleeping(), { ...ROW, youtube_links: [] });
    expect(none.ok && none.row.platformIds?.filter((p) => p.platform === 'youtube')).toEqual([]);
  });

  it('one primary artist, never split on its comma, then the featured list', async () => {
    const r = mapOne(await sleeping(), {
      ...ROW,
      primary_artist: 'Tyler, The Creator',
      featured_artists: ['Kali Uchis', 'Tyler, The Creator'],
    });
    expect(r.ok && r.row.artists).toEqual(['Tyler, The Creator', 'Kali Uchis']);
  });

  it('with no title field, reads the title from song_url’s page path, and says so', async () => {
    const { title: _omit, ...row } = ROW;
    const compiled = compileMapping(await sleeping(), 'a.jsonl', Object.keys(row));
    expect(compiled.used).toContain("title ← song_url's page path (no one of (title | song_title | name | full_title) column in the file)");
    expect(
      compiled.map({ ...row, primary_artist: 'Tyler, The Creator', song_url: 'https://genius.com/Tyler-the-creator-see-you-again-lyrics' }),
    ).toMatchObject({
      ok: true,
      row: { title: 'see you again', artists: ['Tyler, The Creator'] },
    });
    expect(compiled.map({ ...row, song_url: 'https://genius.com/Someone-else-song-lyrics' })).toEqual({
      ok: false,
      reason: "no title, and none in song_url's page path",
    });
  });

  it('Genius’s full_title ("Title by Artist") loses its " by Artist"', async () => {
    const { title: _omit, ...row } = ROW;
    const r = mapOne(await sleeping(), {
      ...row,
      full_title: 'HUMBLE.\u00a0by\u00a0Kendrick\u00a0Lamar',
      primary_artist: 'Kendrick Lamar',
    });
    expect(r.ok && r.row.title).toBe('HUMBLE.');
  });

  it('a file that lacks a column the descriptor names is an explicit error naming it', async () => {
    const { youtube_links: _omit, ...row } = ROW;
    const d = await sleeping();
    expect(() => compileMapping(d, 'a.jsonl', [...Object.keys(row), 'yt_links'])).toThrow(WrongFileError);
    expect(() => compileMapping(d, 'a.jsonl', [...Object.keys(row), 'yt_links'])).toThrow(
      'a.jsonl does not look like the expected file: expected columns youtube_links; found song_id, title, song_url, primary_artist, featured_artists, album_name, yt_links',
    );
  });

  it('a link that is not the platform’s is skipped and reported, the row kept', async () => {
    const r = mapOne(await sleeping(), { ...ROW, youtube_links: ['https://vimeo.com/1', 'not a link', 42] });
    expect(r).toMatchObject({ ok: true, idProblems: ['youtube_links: not a youtube link'] });
  });
});

describe('the format, for datasets still to come', () => {
  it('splits a text column only on the separator its descriptor gives', () => {
    const d = custom({ rowKey: 'id', title: 't', artists: [{ column: 'a', separator: ';' }, { column: 'b' }] });
    expect(mapOne(d, { id: '1', t: 'x', a: 'Ingrid Michaelson;ZAYN', b: 'Earth, Wind & Fire' })).toMatchObject({
      ok: true,
      row: { artists: ['Ingrid Michaelson', 'ZAYN', 'Earth, Wind & Fire'] },
    });
  });

  it('reads a row key out of a link (rowKeyPattern), and several id columns per platform', () => {
    const d = custom({
      rowKey: 'url',
      rowKeyPattern: 'youtube',
      title: 't',
      artists: { column: 'a' },
      platformIds: [
        { platform: 'youtube', column: 'rowKey' },
        { platform: 'spotify', column: 'sp', from: 'link' },
        { platform: 'spotify', column: 'sp2' },
      ],
    });
    const r = mapOne(d, {
      url: 'https://youtu.be/dQw4w9WgXcQ?t=1',
      t: 'x',
      a: 'y',
      sp: 'https://open.spotify.com/intl-de/track/4PTG3Z6ehGkBFwjybzWkR8?si=abc',
      sp2: '1iJBSr7s7jYXzM8EGcbK5b',
    });
    expect(r).toMatchObject({
      ok: true,
      row: {
        rowKey: 'dQw4w9WgXcQ',
        rowKeyPlatform: 'youtube',
        platformIds: [
          { platform: 'youtube', id: 'dQw4w9WgXcQ' },
          { platform: 'spotify', id: '4PTG3Z6ehGkBFwjybzWkR8' },
          { platform: 'spotify', id: '1iJBSr7s7jYXzM8EGcbK5b' },
        ],
      },
    });
  });

  it('an optional column may be missing; a named one may not', () => {
    const ok = custom({ rowKey: 'id', title: 't', artists: { column: 'a' }, album: { column: 'alb', optional: true } });
    expect(compileMapping(ok, 'f', ['id', 't', 'a']).missingOptional).toEqual(['album (alb)']);
    const strict = custom({ rowKey: 'id', title: 't', artists: { column: 'a' }, album: 'alb' });
    expect(() => compileMapping(strict, 'f', ['id', 't', 'a'])).toThrow('expected columns alb; found id, t, a');
  });

  it('descriptor files with a wrong shape are named problems, not crashes', () => {
    expect(
      descriptorProblems({
        id: 'x',
        name: 'x',
        publisher: 'x',
        licence: 'x',
        homepage: 'x',
        version: 'x',
        description: 'x',
        claimedRows: 1,
        format: { type: 'csv', maxCellLines: -1 },
        mapping: {
          rowKey: 'id',
          title: { column: [] },
          artists: [{ separator: ';' }],
          platformIds: [{ platform: 'myspace', column: 'x' }],
        },
      }),
    ).toEqual([
      '"format.maxCellLines" must be a whole number',
      '"mapping.title" must name a column (a name or a list of candidate names)',
      '"mapping.artists[0].column" is missing',
      '"mapping.platformIds[0]" must be { "platform": youtube|spotify|fma|genius|jamendo, "column": NAME }',
    ]);
  });
});

describe('rejects, early', () => {
  it('a full build stops as soon as its rejects pass the threshold of the rows its publisher claims', () => {
    const d = custom({ rowKey: 'id', title: 't', artists: { column: 'a' } });
    const c = { ...emptyCheckpoint(), read: 5, rejects: [{ reason: 'missing title', count: 1, firstRows: ['f:2'] }] };
    const opts = { maxRejected: 0.01, allowShrink: false, allowPartial: false };
    // 1 of 5 read is 20%, but the dataset claims 10 rows: 1 ≤ 1% of 10 is not yet certain, 2 are.
    expect(() => checkRejectsSoFar({ ...d, claimedRows: 100 }, c, opts)).not.toThrow();
    const two = { ...c, rejects: [{ reason: 'missing title', count: 2, firstRows: ['f:2', 'f:3'] }] };
    expect(() => checkRejectsSoFar({ ...d, claimedRows: 100 }, two, opts)).toThrow(BuildRefused);
    expect(() => checkRejectsSoFar({ ...d, claimedRows: 100 }, two, { ...opts, allowPartial: true })).not.toThrow();
  });
});
