/**
 * The exact title filter asks `title_keys` (one hash token per title key) on an index whose
 * info says its rows carry them, and `title_norm` / `title_alt` otherwise. Against the real
 * server: both forms give the same answers on the same rows, and an index an older builder
 * made (no `title_keys` in its schema or rows) is still searched, the old way.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSearchKey, importBatch, pointAlias, writeIndexInfo } from '../../index-builder/collection.js';
import { toDocument, type TrackRow } from '../../src/index/document.js';
import { tracksSchema } from '../../src/index/schema.js';
import { titleHash } from '../../src/index/title-hash.js';
import { planTitleQuery, planTitleSearches } from '../../src/search/plan.js';
import type { TitleQuery } from '../../src/search/port.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { adminClient, dropAliasAndCollection, fixtureIndex, uniqueName, type FixtureIndex } from '../helpers/typesense.js';

let n = 0;
const row = (title: string, artists: string[], dataset = 'laion-disco-12m'): TrackRow => {
  const id = `h${String(n++).padStart(9, '0')}`;
  return { dataset, rowKey: id, title, artists, platformIds: [{ platform: 'youtube', id }] };
};
const LONG = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');

const rows: TrackRow[] = [
  row('You and Me', ['Alpha']),
  row('You and Me', ['Alpha'], 'spotify-tracks'),
  row('You and Me', ['Beta'], 'sleeping-disco-9m'),
  // Every word of the title, not the title: never an exact row, in either form.
  row('Me and You', ['Alpha']),
  row('You and Me and Everyone', ['Alpha']),
  row('You', ['Alpha']),
  // Another script's form of the same title: found through title_alt, or its hash.
  row('Gangnam Style (강남스타일)', ['PSY']),
  row('강남스타일', ['PSY'], 'sleeping-disco-9m'),
  // A title too long for an array filter: its own key is still asked exactly.
  row(LONG, ['Gamma']),
  row(`${LONG} more`, ['Gamma']),
];

const queries: TitleQuery[] = [
  { title: 'You and Me' },
  { title: 'you & me', artist: 'Alpha' },
  { title: 'You and Me', artist: 'Beta', dataset: 'sleeping-disco-9m' },
  { title: '강남스타일', artist: 'PSY' },
  { title: 'Gangnam Style', artist: 'psy' },
  { title: LONG, artist: 'Gamma' },
  { title: 'You and Me', page: 2, perPage: 1 },
];

const admin = adminClient();
let hashed: FixtureIndex;
let plain: FixtureIndex;
beforeAll(async () => {
  hashed = await fixtureIndex(rows);
  // The same rows, with an info that does not say they carry hashes: the title_norm / title_alt form.
  plain = await fixtureIndex(rows, { titleHashes: undefined });
});
afterAll(async () => {
  await hashed.drop();
  await plain.drop();
});

describe('exact title filter by hash', () => {
  it('asks every key of the title as one hash token each', () => {
    const q = planTitleQuery({ title: 'Gangnam Style (강남스타일)', artist: 'PSY' }, true);
    const keys = q?.titleKeys ?? [];
    expect(keys).toEqual(expect.arrayContaining(['gangnam style', '강남스타일']));
    const filter = planTitleSearches(q ?? expect.fail('planned')).find((s) => s.role === 'exact-text')?.params.filter_by;
    expect(filter).toBe(`title_keys:=[${keys.map((k) => `\`${titleHash(k)}\``).join(',')}]`);
    expect(planTitleSearches(planTitleQuery({ title: 'x' }) ?? expect.fail('planned'))[0]?.params.filter_by).toBe(
      '(title_norm:=`x` || title_alt:=[`x`])',
    );
  });

  it.each(queries)('answers %j as the title_norm form does', async (query) => {
    const [byHash, byText] = await Promise.all([hashed.search.searchTracks(query), plain.search.searchTracks(query)]);
    expect(byHash).toEqual(byText);
    expect(byHash.exactTotal).toBeGreaterThan(0);
  });

  it('finds the song itself and counts it per dataset', async () => {
    const res = await hashed.search.searchTracks({ title: 'You and Me', artist: 'Alpha' });
    expect(res.exactTotal).toBe(2);
    expect(res.datasetTotals).toEqual({ 'laion-disco-12m': 1, 'spotify-tracks': 1 });
    const alt = await hashed.search.searchTracks({ title: 'Gangnam Style', artist: 'PSY' });
    expect(alt.datasetTotals).toEqual({ 'laion-disco-12m': 1, 'sleeping-disco-9m': 1 });
  });
});

describe('an index an older builder made', () => {
  const alias = uniqueName('oldfmt');
  afterAll(async () => {
    await dropAliasAndCollection(admin, alias);
  });

  it('has no title_keys in its schema or rows, and is searched by title_norm', async () => {
    const schema = tracksSchema(`${alias}_c1`);
    await admin
      .collections()
      .create({ name: schema.name, fields: schema.fields.filter((f) => f.name !== 'title_keys').map((f) => ({ ...f })) });
    const docs = rows.map((r) => {
      const { title_keys: _dropped, ...doc } = toDocument(r);
      return doc;
    });
    await importBatch(admin, schema.name, docs);
    await writeIndexInfo(admin, schema.name, { builtAt: '2026-06-01T00:00:00.000Z', sample: false, datasets: [] });
    await pointAlias(admin, alias, schema.name);
    const { nodes } = inject('typesense');
    const client = createTypesenseClient({ nodes, apiKey: await createSearchKey(admin, [alias]), timeoutMs: 5000 });
    const search = new TypesenseSearch({ client, collection: alias, infoTtlMs: 0 });
    const res = await search.searchTracks({ title: 'You and Me', artist: 'Alpha' });
    expect(res.exactTotal).toBe(2);
    expect(
      res.matches
        .filter((m) => m.basis === 'exact')
        .map((m) => m.dataset)
        .sort(),
    ).toEqual(['laion-disco-12m', 'spotify-tracks']);
  });
});
