/** Each dataset's published fixture, hostile rows and all: rejects, merged duplicates, report, IndexInfo; descriptors; parquet codecs. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, type BuildReport } from '../../index-builder/build.js';
import { createSearchKey } from '../../index-builder/collection.js';
import { descriptorFor, loadDescriptors } from '../../index-builder/datasets/index.js';
import { silentLogger } from '../../src/log.js';
import type { TypesenseSearch } from '../../src/search/typesense-search.js';
import { uniqueName } from '../helpers/typesense.js';
import { admin, aliases, build, dropAliases, fixture, rejects, searchOn } from './build-setup.js';

afterAll(dropAliases);

describe('descriptors', () => {
  it('has one descriptor per dataset with what /trained about shows', async () => {
    const all = await loadDescriptors();
    expect(all.map((d) => d.id)).toEqual(['fma', 'laion-disco-12m', 'mtg-jamendo', 'musiccaps', 'sleeping-disco-9m', 'spotify-tracks']);
    for (const d of all) {
      expect(d.description.length).toBeGreaterThan(20);
      expect(d.description).not.toMatch(/stolen|proof|safe|trained on this/i);
      expect(d.claimedRows).toBeGreaterThan(0);
    }
    expect((await descriptorFor('laion-disco-12m'))?.name).toBe('LAION-DISCO-12M');
    expect(await descriptorFor('nope')).toBeUndefined();
  });

  it('a further dataset in a known format is a descriptor file, not code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trained-descriptors-'));
    const extra = {
      id: 'fruit-songs',
      name: 'Fruit Songs',
      publisher: 'Test',
      licence: 'CC0',
      homepage: 'https://example.org',
      version: 'dataset.csv',
      claimedRows: 1,
      description: 'A one-row dataset that proves a new dataset needs no new code.',
      format: { type: 'csv' },
      mapping: { rowKey: 'id', title: 'name', artists: { column: 'colour' } },
    };
    await writeFile(join(dir, 'fruit-songs.json'), JSON.stringify(extra));
    const alias = uniqueName('ib');
    aliases.push(alias);
    const report = await buildIndex({
      client: admin,
      sources: [{ dataset: 'fruit-songs', location: fixture('wrong/dataset.csv') }],
      alias,
      log: silentLogger,
      progress: false,
      allowPartial: true,
      descriptors: await loadDescriptors(dir),
    });
    expect(report.datasets).toEqual([{ dataset: 'fruit-songs', imported: 1, indexed: 1, duplicatesMerged: 0 }]);
    await writeFile(join(dir, 'broken.json'), '{"id": "broken"}');
    await expect(loadDescriptors(dir)).rejects.toThrow(/dataset descriptor broken.json: "name" must be a non-empty string/);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('all four fixture sets, hostile rows included', () => {
  let report: BuildReport;
  let alias: string;
  let search: TypesenseSearch;

  beforeAll(async () => {
    ({ report, alias } = await build([
      { dataset: 'laion-disco-12m', location: fixture('laion') },
      { dataset: 'sleeping-disco-9m', location: fixture('sleeping') },
      // A directory is searched below too, as unzipped fma_metadata/ nests tracks.csv.
      { dataset: 'fma', location: fixture('.') },
      { dataset: 'spotify-tracks', location: fixture('spotify') },
    ]));
    search = searchOn(alias, await createSearchKey(admin, [alias]));
  });

  it('LAION parquet: list columns read, bad rows rejected with their row numbers', () => {
    const s = report.sources[0];
    expect(s).toMatchObject({ dataset: 'laion-disco-12m', read: 13, imported: 8, rejected: 5 });
    expect(rejects(report, 0)).toEqual({
      'missing title': ['train-00000-of-00001.parquet:2', 'train-00000-of-00001.parquet:3'],
      'invalid youtube id': ['train-00000-of-00001.parquet:9'],
      'missing row key': ['train-00000-of-00001.parquet:10'],
      'invalid row key': ['train-00000-of-00001.parquet:13'],
    });
  });

  it('Sleeping-DISCO JSONL as published: per-letter files, Genius song id as row key, wrong types and broken lines rejected', () => {
    const s = report.sources[1];
    expect(s).toMatchObject({ dataset: 'sleeping-disco-9m', read: 19, imported: 12, rejected: 7, files: ['a.jsonl', 'b.jsonl'] });
    expect(rejects(report, 1)).toEqual({
      'malformed JSON': ['a.jsonl:3'],
      'not a JSON object': ['a.jsonl:4'],
      'title is not text': ['a.jsonl:6'],
      'missing title': ['a.jsonl:7'],
      'invalid genius id': ['a.jsonl:12'],
      'artists are not text': ['a.jsonl:14'],
      'missing row key': ['a.jsonl:17'],
    });
    // A link that is not YouTube's is skipped, and the row kept with its other id.
    expect(s?.idProblems).toEqual([{ reason: 'youtube_links: not a youtube link', count: 1, firstRows: ['a.jsonl:16'] }]);
    expect(s?.used).toContain('artists ← primary_artist + featured_artists');
    expect(s?.unmappedColumns).toContain('lyrics');
  });

  it('Sleeping-DISCO: every YouTube link a row lists is findable by id; one name with a comma stays one artist', async () => {
    for (const id of ['bbbbbbbbbb1', 'bbbbbbbbb-1', 'bbbbbbbbb16', 'bbbbbbbbb18']) {
      expect(
        (await search.lookupByPlatformId('youtube', id)).map((m) => m.dataset),
        id,
      ).toEqual(['sleeping-disco-9m']);
    }
    const [tyler] = await search.lookupByPlatformId('youtube', 'bbbbbbbbb15');
    expect(tyler).toMatchObject({ rowKey: '90015', title: 'See You Again', artists: ['Tyler, The Creator', 'Kali Uchis'], basis: 'id' });
    expect(tyler?.url).toBe('https://genius.com/Tyler-the-creator-see-you-again-lyrics');
    // The Genius song page and the Genius song id both find the row.
    const byPath = await search.lookupByPlatformId('genius', 'tyler-the-creator-see-you-again-lyrics');
    expect(byPath.map((m) => m.rowKey)).toEqual(['90015']);
    expect((await search.lookupByPlatformId('genius', '90015')).map((m) => m.rowKey)).toEqual(['90015']);
    // YouTube ids are case-sensitive; Typesense's filter is not, so the lookup checks.
    expect(await search.lookupByPlatformId('youtube', 'BBBBBBBBB15')).toEqual([]);
    const [noLinks] = await search.lookupByPlatformId('genius', '90005');
    expect(noLinks).toMatchObject({ title: '1999', artists: ['Prince'] });
  });

  it('FMA: three header lines, raw_tracks.csv joined for URLs, a short line rejected', async () => {
    expect(report.sources[2]).toMatchObject({ dataset: 'fma', read: 9, imported: 6, rejected: 3 });
    expect(rejects(report, 2)).toEqual({
      'missing title': ['tracks.csv:3'],
      'invalid fma id': ['tracks.csv:7'],
      'wrong number of columns (4, expected 53)': ['tracks.csv:9'],
    });
    const [freeway] = await search.lookupByPlatformId('fma', '10');
    expect(freeway).toMatchObject({ title: 'Freeway', artists: ['Kurt Vile'], album: 'Constant Hitmaker' });
    const quoted = await search.searchTracks({ title: 'He said "hi" there, twice' });
    expect(quoted.matches.find((m) => m.dataset === 'fma')?.artists).toEqual(['Quote, Inc.']);
  });

  it('Spotify: unnamed index column, ;-separated artists, one row per track_id', async () => {
    expect(report.sources[3]).toMatchObject({ dataset: 'spotify-tracks', read: 9, imported: 7, rejected: 2 });
    const spotify = report.datasets.find((d) => d.dataset === 'spotify-tracks');
    expect(spotify).toEqual({ dataset: 'spotify-tracks', imported: 7, indexed: 5, duplicatesMerged: 2 });
    const rick = await search.lookupByPlatformId('spotify', '4PTG3Z6ehGkBFwjybzWkR8');
    expect(rick).toHaveLength(1);
    const [both] = await search.lookupByPlatformId('spotify', '1iJBSr7s7jYXzM8EGcbK5b');
    expect(both?.artists).toEqual(['Ingrid Michaelson', 'ZAYN']);
  });

  it('counts per dataset are rows read − rejected − duplicates merged', () => {
    expect(report.datasets).toEqual([
      { dataset: 'laion-disco-12m', imported: 8, indexed: 7, duplicatesMerged: 1 },
      { dataset: 'sleeping-disco-9m', imported: 12, indexed: 11, duplicatesMerged: 1 },
      { dataset: 'fma', imported: 6, indexed: 5, duplicatesMerged: 1 },
      { dataset: 'spotify-tracks', imported: 7, indexed: 5, duplicatesMerged: 2 },
    ]);
    expect(report).toMatchObject({ read: 50, imported: 33, rejected: 17, duplicatesMerged: 5, alias, incremental: false, sample: false });
  });

  it('one YouTube id is found in both datasets that list it; odd text survives', async () => {
    const rick = await search.lookupByPlatformId('youtube', 'dQw4w9WgXcQ');
    expect(rick.map((m) => m.dataset).sort()).toEqual(['laion-disco-12m', 'sleeping-disco-9m']);
    const [long] = await search.lookupByPlatformId('youtube', 'aaaaaaaaaa4');
    expect([...(long?.title ?? '')].length).toBe(1000);
    const [rtl] = await search.lookupByPlatformId('youtube', 'aaaaaaaaaa6');
    expect(rtl).toMatchObject({ title: 'تملي معاك', artists: ['عمرو دياب'] });
    const [emoji] = await search.lookupByPlatformId('youtube', 'bbbbbbbbbb7');
    expect(emoji).toMatchObject({ title: 'Party 🎉🎉', artists: ['Emoji 😀'] });
    const [noArtist] = await search.lookupByPlatformId('youtube', 'aaaaaaaaaa3');
    expect(noArtist?.artists).toEqual([]);
  });

  it('records IndexInfo from the descriptors: what the bot shows under /trained about', async () => {
    const info = await search.indexInfo();
    expect(info?.builtAt).toBe('2026-11-20T10:00:00.000Z');
    expect(info?.sample).toBe(false);
    expect(info?.datasets.map((d) => [d.id, d.name, d.rows])).toEqual([
      ['laion-disco-12m', 'LAION-DISCO-12M', 7],
      ['sleeping-disco-9m', 'Sleeping-DISCO-9M', 11],
      ['fma', 'Free Music Archive (FMA)', 5],
      ['spotify-tracks', 'Spotify Tracks Dataset', 5],
    ]);
    // Datasets keyed by a platform id say so: the bot looks those ids up through the document id.
    expect(info?.datasets.map((d) => d.rowKeyPlatform)).toEqual(['youtube', 'genius', 'fma', 'spotify']);
    const laion = info?.datasets[0];
    expect(laion).toMatchObject({ publisher: 'LAION e.V.', claimedRows: 12_320_916, version: 'data/train-0000{0..4}-of-00005.parquet' });
    expect(laion?.description).toMatch(/YouTube/);
    // Every row of a full build carries its title hashes, per dataset: the bot's exact title filter asks them.
    expect(info?.titleHashes).toBe('dataset');
  });

  it("records the title words of every row, each with the rows holding it, for the fuzzy searches' query", async () => {
    const res = await admin
      .collections(alias)
      .documents()
      .search({ q: '*', filter_by: 'dataset:!=`__meta__`', per_page: 250, include_fields: 'title_norm' });
    const counted = new Map<string, number>();
    for (const h of res.hits ?? []) {
      const key = (h.document as { title_norm?: string }).title_norm ?? '';
      for (const w of new Set(key.split(' ').filter((x) => x !== ''))) counted.set(w, (counted.get(w) ?? 0) + 1);
    }
    const info = await search.indexInfo();
    expect(res.found).toBe(report.datasets.reduce((a, d) => a + d.indexed, 0));
    expect(info?.titleWords?.length).toBe(counted.size);
    for (const { word, rows } of info?.titleWords ?? []) expect([word, rows]).toEqual([word, counted.get(word)]);
  });
});

describe('parquet compression', () => {
  // pyarrow writes snappy by default, but zstd, gzip, brotli and lz4 shards are common on Hugging Face.
  it.each(['zstd', 'gzip', 'brotli', 'lz4'])('reads a %s-compressed LAION shard (written by pyarrow)', async (codec) => {
    const { report } = await build([{ dataset: 'laion-disco-12m', location: fixture(`compressed/laion-${codec}.parquet`) }]);
    expect(report.sources[0]?.imported).toBe(3);
  });
});
