/**
 * The exact title filter asks `title_keys` (one hash token per dataset and title key) on an
 * index whose info says its rows carry them, the key's hash alone on an index of the first
 * builder that hashed, and `title_norm` / `title_alt` otherwise. Against the real server: every
 * form gives the same answers on the same rows, and an index an older builder made (no
 * `title_keys` in its schema or rows) is still searched, the old way.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSearchKey, importBatch, pointAlias, writeIndexInfo } from '../../index-builder/collection.js';
import { toDocument, type TrackRow } from '../../src/index/document.js';
import { tracksSchema } from '../../src/index/schema.js';
import { titleHash, titleHashes } from '../../src/index/title-hash.js';
import { titleFilterForm } from '../../src/search/exact-filters.js';
import { exactByFilter, planTitleQuery, planTitleSearches } from '../../src/search/plan.js';
import type { TitleQuery } from '../../src/search/port.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { noteRequests } from '../helpers/noted-requests.js';
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
let keyHashed: FixtureIndex;
let plain: FixtureIndex;
beforeAll(async () => {
  hashed = await fixtureIndex(rows);
  // The first hashing builder's rows: the key's hash alone, and an info that says so.
  keyHashed = await fixtureIndex(rows, { titleHashes: true }, (doc) => ({
    ...doc,
    title_keys: titleHashes([doc.title_norm, ...(doc.title_alt ?? [])]),
  }));
  // The same rows, with an info that does not say they carry hashes: the title_norm / title_alt form.
  plain = await fixtureIndex(rows, { titleHashes: undefined });
});
afterAll(async () => {
  await hashed.drop();
  await keyHashed.drop();
  await plain.drop();
});

const DATASETS = ['laion-disco-12m', 'sleeping-disco-9m', 'spotify-tracks'];
const datasetForm = titleFilterForm({ titleHashes: 'dataset', datasets: DATASETS.map((id) => ({ id })) });
const hashList = (hashes: string[]): string => `title_keys:=[${hashes.map((h) => `\`${h}\``).join(',')}]`;

describe('exact title filter by hash', () => {
  it("asks every key of the title as one hash token per dataset, or the asked dataset's alone", () => {
    const q = planTitleQuery({ title: 'Gangnam Style (강남스타일)', artist: 'PSY' }, datasetForm) ?? expect.fail('planned');
    const keys = q.titleKeys;
    expect(keys).toEqual(expect.arrayContaining(['gangnam style', '강남스타일']));
    const filter = planTitleSearches(q).find((s) => s.role === 'exact-text')?.params.filter_by;
    expect(filter).toBe(hashList(DATASETS.flatMap((d) => keys.map((k) => titleHash(k, d)))));
    // Scoped to a dataset: that dataset's hashes are the scope, no `dataset:=` beside them.
    const scoped =
      planTitleQuery({ title: 'Gangnam Style', artist: 'PSY', dataset: 'sleeping-disco-9m' }, datasetForm) ?? expect.fail('planned');
    expect(exactByFilter(scoped).params.filter_by).toBe(
      `${hashList(scoped.titleKeys.map((k) => titleHash(k, 'sleeping-disco-9m')))} && artists_norm:=[\`psy\`]`,
    );
    // The first hashing builder's form: the key's hash alone; no hashes: the text form.
    const old = planTitleQuery(
      { title: 'Gangnam Style (강남스타일)', artist: 'PSY' },
      titleFilterForm({ titleHashes: true, datasets: [] }),
    );
    expect(planTitleSearches(old ?? expect.fail('planned'))[0]?.params.filter_by).toBe(hashList(keys.map((k) => titleHash(k))));
    expect(planTitleSearches(planTitleQuery({ title: 'x' }) ?? expect.fail('planned'))[0]?.params.filter_by).toBe(
      '(title_norm:=`x` || title_alt:=[`x`])',
    );
    // An info that names no dataset to hash with: the text form.
    expect(titleFilterForm({ titleHashes: 'dataset', datasets: [] })).toEqual({ by: 'text' });
  });

  it.each(queries)('answers %j as the title_norm form does', async (query) => {
    const [byHash, byKey, byText] = await Promise.all([
      hashed.search.searchTracks(query),
      keyHashed.search.searchTracks(query),
      plain.search.searchTracks(query),
    ]);
    expect(byHash).toEqual(byText);
    expect(byKey).toEqual(byText);
    expect(byHash.exactTotal).toBeGreaterThan(0);
  });

  it("counts a popular title's rows per dataset from each dataset's hashes", async () => {
    // More rows than one window of 250: the counts per dataset are asked, not read off the rows.
    const many = [
      ...Array.from({ length: 180 }, () => row('Intro', ['Someone'])),
      ...Array.from({ length: 120 }, () => row('Intro', ['Another'], 'sleeping-disco-9m')),
      row('Intro', ['Third'], 'spotify-tracks'),
      row('Outro', ['Someone']),
    ];
    const [a, b] = await Promise.all([fixtureIndex(many), fixtureIndex(many, { titleHashes: undefined })]);
    try {
      const [byHash, byText] = await Promise.all([a.search.searchTracks({ title: 'intro' }), b.search.searchTracks({ title: 'intro' })]);
      expect(byHash.datasetTotals).toEqual({ 'laion-disco-12m': 180, 'sleeping-disco-9m': 120, 'spotify-tracks': 1 });
      expect(byHash.exactTotal).toBe(301);
      expect(byHash).toEqual(byText);
      // One round trip (its requests sent at once), the page's rows alone: each dataset's rows are counted beside them, not read.
      const { nodes } = inject('typesense');
      const client = createTypesenseClient({ nodes, apiKey: a.searchKey, timeoutMs: 5000 });
      const noted = noteRequests(client);
      const counted = await new TypesenseSearch({ client, collection: a.alias, infoTtlMs: 60_000 }).searchTracks({ title: 'intro' });
      expect(counted).toEqual(byHash);
      const titleRound = noted.take().filter((n) => !JSON.stringify(n.body).includes('__index_info'));
      // One wave: every request after the first sent while another was in flight.
      expect(titleRound.filter((n) => n.beside === 0)).toHaveLength(1);
      const exact = titleRound.flatMap((n) => n.body.searches).find((s) => s.per_page !== 0 && s.filter_by?.includes('title_keys'));
      expect(exact?.per_page).toBe(25);
      const page3 = await a.search.searchTracks({ title: 'intro', page: 3, perPage: 100 });
      expect(page3.matches.filter((m) => m.basis === 'title')).toHaveLength(100);
      expect(page3.datasetTotals).toEqual(byHash.datasetTotals);
      expect(page3).toEqual(await b.search.searchTracks({ title: 'intro', page: 3, perPage: 100 }));
      const scoped = await a.search.searchTracks({ title: 'intro', dataset: 'sleeping-disco-9m', perPage: 100 });
      expect(scoped.exactTotal).toBe(120);
      expect(scoped.matches.filter((m) => m.basis === 'title').every((m) => m.dataset === 'sleeping-disco-9m')).toBe(true);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
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
