/** Incremental builds into the live collection: the other datasets and their info kept, and the title filter form the kept rows allow. */
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex, type BuildReport } from '../../index-builder/build.js';
import { createSearchKey, createTracksCollection, pointAlias, writeIndexInfo } from '../../index-builder/collection.js';
import { buildSampleIndex } from '../../index-builder/sample.js';
import { silentLogger } from '../../src/log.js';
import { tracksSchema, type IndexInfo } from '../../src/index/schema.js';
import { uniqueName } from '../helpers/typesense.js';
import { admin, aliases, build, dropAliases, fixture, searchOn } from './build-setup.js';

afterAll(dropAliases);

describe('incremental', () => {
  /** Spotify's fixture built incrementally into what `alias` points at. */
  const addSpotify = (alias: string): Promise<BuildReport> =>
    buildIndex({
      client: admin,
      sources: [{ dataset: 'spotify-tracks', location: fixture('spotify') }],
      alias,
      incremental: true,
      maxRejected: 1,
      log: silentLogger,
      progress: false,
    });

  it('upserts into the live collection and keeps the other datasets and their info', async () => {
    const alias = uniqueName('ib');
    aliases.push(alias);
    const first = await buildSampleIndex(admin, silentLogger, alias);
    const spotifyBefore = first.datasets.find((d) => d.dataset === 'spotify-tracks')?.indexed ?? 0;
    const report = await addSpotify(alias);
    expect(report.collection).toBe(first.collection);
    // Of the fixture's 5 distinct tracks, 2 are already in the sample (Rick Astley, To Begin Again).
    expect(report.datasets).toEqual([{ dataset: 'spotify-tracks', imported: 7, indexed: spotifyBefore + 3, duplicatesMerged: 4 }]);
    const info = await searchOn(alias, await createSearchKey(admin, [alias])).indexInfo();
    expect(info?.datasets.map((d) => [d.id, d.rows])).toEqual([
      ...first.datasets.filter((d) => d.dataset !== 'spotify-tracks').map((d) => [d.dataset, d.indexed]),
      ['spotify-tracks', spotifyBefore + 3],
    ]);
    expect(info?.titleHashes).toBe('dataset');
    await expect(build([{ dataset: 'fma', location: fixture('fma') }], { incremental: true })).rejects.toThrow(
      /points nowhere: run a full build first/,
    );
  });

  /** Builds Spotify's fixture incrementally into `collection` behind a new alias; the info it leaves. */
  async function incrementInto(collection: string): Promise<IndexInfo | undefined> {
    const alias = uniqueName('ib');
    aliases.push(alias);
    await pointAlias(admin, alias, collection);
    await addSpotify(alias);
    return searchOn(alias, await createSearchKey(admin, [alias])).indexInfo();
  }

  it('keeps the title_norm filter form when the rows it keeps came without hashes', async () => {
    // A collection an older builder filled: its info says nothing of hashes, so its other datasets' rows have none.
    const collection = uniqueName('ibold');
    await createTracksCollection(admin, collection);
    await writeIndexInfo(admin, collection, { builtAt: '2026-06-01T00:00:00.000Z', sample: false, datasets: [] });
    const info = await incrementInto(collection);
    expect(info?.datasets.map((d) => d.id)).toEqual(['spotify-tracks']);
    expect(info?.titleHashes).toBe(false);
  });

  it('keeps it when the rows it keeps hash the title key alone (the first hashing builder)', async () => {
    const collection = uniqueName('ibold');
    await createTracksCollection(admin, collection);
    await writeIndexInfo(admin, collection, { builtAt: '2026-11-01T00:00:00.000Z', sample: false, datasets: [], titleHashes: true });
    expect((await incrementInto(collection))?.titleHashes).toBe(false);
  });

  it('keeps it when the collection does not index title_keys at all', async () => {
    // An older builder's schema (a resumed or incremental build finishes it), whatever its info claims.
    const collection = uniqueName('ibold');
    const schema = tracksSchema(collection);
    await admin
      .collections()
      .create({ name: collection, fields: schema.fields.filter((f) => f.name !== 'title_keys').map((f) => ({ ...f })) });
    await writeIndexInfo(admin, collection, { builtAt: '2026-06-01T00:00:00.000Z', sample: false, datasets: [], titleHashes: 'dataset' });
    expect((await incrementInto(collection))?.titleHashes).toBe(false);
  });
});
