/**
 * The autocomplete collection (index-builder/suggestions.ts) against the real server: distinct
 * normalised titles and artists counted over the finished collection, the most frequent kept,
 * and short prefixes answered from it by the search port (longer ones, or an index without
 * it, from the track index as before).
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasTarget, dropCollection } from '../../index-builder/collection.js';
import { buildSuggestions, swapSuggestions, type SuggestionsReport } from '../../index-builder/suggestions.js';
import type { TrackRow } from '../../src/index/document.js';
import { suggestAlias } from '../../src/index/schema.js';
import { silentLogger } from '../../src/log.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { dropAliasAndCollection, fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let n = 0;
const row = (title: string, artists: string[]): TrackRow => ({
  dataset: 'laion-disco-12m',
  rowKey: `sg${String(n++).padStart(9, '0')}`,
  title,
  artists,
});
const times = (k: number, title: string, artists: string[]): TrackRow[] => Array.from({ length: k }, () => row(title, artists));

const rows: TrackRow[] = [
  ...times(5, 'Love', ['Lorde']),
  ...times(3, 'Lost', ['Lola Young', 'Lorde']),
  ...times(2, 'LOVE', ['Loretta Lynn']),
  row('Lobotomy', ['Lone Wolf']),
  row('Love', ['Lorde']),
];

let fx: FixtureIndex;
let built: SuggestionsReport;
beforeAll(async () => {
  fx = await fixtureIndex(rows);
  const target = await aliasTarget(fx.admin, fx.alias);
  if (target === undefined) throw new Error('no collection');
  // Two titles and two artists kept: what is left out shows where an answer came from.
  built = await buildSuggestions({ client: fx.admin, collection: target, alias: fx.alias, log: silentLogger, maxTitles: 2, maxArtists: 2 });
  await swapSuggestions(fx.admin, fx.alias, built.collection);
});
afterAll(async () => {
  const live = await aliasTarget(fx.admin, suggestAlias(fx.alias));
  await fx.admin
    .aliases(suggestAlias(fx.alias))
    .delete()
    .catch(() => undefined);
  if (live !== undefined) await dropCollection(fx.admin, live);
  await fx.drop();
});

describe('the autocomplete collection', () => {
  it('keeps the most frequent distinct keys of each kind with their row counts', async () => {
    expect(built.rows).toBe(rows.length);
    const docs = await fx.admin
      .collections(built.collection)
      .documents()
      .search({ q: '*', query_by: 'title,artist', sort_by: 'rows:desc', per_page: 10 });
    const got = (docs.hits ?? []).map((h) => h.document as { title?: string; artist?: string; rows: number });
    // "Love" and "LOVE" share one title key; "lost" (3) beats "lobotomy" (1).
    expect(got.filter((d) => d.title !== undefined).map((d) => [d.title, d.rows])).toEqual([
      ['love', 8],
      ['lost', 3],
    ]);
    expect(got.filter((d) => d.artist !== undefined).map((d) => d.rows)).toEqual([9, 3]);
  });

  it("counts every row's title words, the commonest first, for the index info", () => {
    // The index info document is not a row; each word once per row; all four words reach 0.1% of 12 rows.
    expect(built.titleWords).toEqual([
      { word: 'love', rows: 8 },
      { word: 'lost', rows: 3 },
      { word: 'lobotomy', rows: 1 },
    ]);
  });

  it('answers a short prefix from it, the most frequent first', async () => {
    expect(await fx.search.suggest('lo', 'title')).toEqual(['Love', 'Lost']);
    expect(await fx.search.suggest('lo', 'artist')).toEqual(['Lorde', 'Lola Young']);
  });

  it('answers a longer prefix from the track index, which holds every title', async () => {
    expect(await fx.search.suggest('lobot', 'title')).toEqual(['Lobotomy']);
  });

  it('answers a longer prefix from it alone when it holds enough completions, and asks the track index for the rest otherwise', async () => {
    const { nodes } = inject('typesense');
    // A key for the autocomplete collection only: an answer with it cannot have come from the track index.
    const onlySuggest = await fx.admin
      .keys()
      .create({ description: 'suggest only', actions: ['documents:search'], collections: [suggestAlias(fx.alias)] });
    const search = new TypesenseSearch({
      client: createTypesenseClient({ nodes, apiKey: onlySuggest.value ?? '', timeoutMs: 5000 }),
      collection: fx.alias,
    });
    expect(await search.suggest('lola yo', 'artist', 1)).toEqual(['Lola Young']);
    // Fewer than asked for: the track index is asked (and refuses this key).
    await expect(search.suggest('lola yo', 'artist', 2)).rejects.toThrow();
    // A last word of one letter would walk the commonest words' rows there: the popular completions answer.
    expect(await search.suggest('lola y', 'artist', 2)).toEqual(['Lola Young']);
    // With a key for both, the popular completion comes first and the track index adds the rest.
    expect(await fx.search.suggest('lorde', 'artist', 5)).toEqual(['Lorde']);
    expect(await fx.search.suggest('lobot', 'title', 5)).toEqual(['Lobotomy']);
  });

  it('answers a prefix after a common title word from it alone; the track index when that word is rarer', async () => {
    const own = await fixtureIndex([row('Love Xylophone', ['Ann']), row('Love', ['Bo']), row('Love', ['Cy'])], {
      titleWords: [
        { word: 'love', rows: 3 },
        { word: 'xylophone', rows: 1 },
      ],
    });
    try {
      const target = await aliasTarget(own.admin, own.alias);
      if (target === undefined) throw new Error('no collection');
      const popular = await buildSuggestions({ client: own.admin, collection: target, alias: own.alias, log: silentLogger, maxTitles: 1 });
      await swapSuggestions(own.admin, own.alias, popular.collection);
      const { nodes } = inject('typesense');
      const port = (commonWordRows: number) =>
        new TypesenseSearch({
          client: createTypesenseClient({ nodes, apiKey: own.searchKey, timeoutMs: 5000 }),
          collection: own.alias,
          commonWordRows,
        });
      // "love" on 3 rows: common at 3, so "love xy" is not asked of the track index, which alone holds "Love Xylophone".
      expect(await port(3).suggest('love xy', 'title')).not.toContain('Love Xylophone');
      expect(await port(4).suggest('love xy', 'title')).toContain('Love Xylophone');
    } finally {
      await dropAliasAndCollection(own.admin, suggestAlias(own.alias));
      await own.drop();
    }
  });

  it('falls back to the track index when the key may not read the autocomplete collection', async () => {
    const { nodes } = inject('typesense');
    const narrow = await fx.admin.keys().create({ description: 'tracks only', actions: ['documents:search'], collections: [fx.alias] });
    const search = new TypesenseSearch({
      client: createTypesenseClient({ nodes, apiKey: narrow.value ?? '', timeoutMs: 5000 }),
      collection: fx.alias,
    });
    expect(await search.suggest('lo', 'title')).toEqual(expect.arrayContaining(['Love', 'Lost', 'Lobotomy']));
  });
});
