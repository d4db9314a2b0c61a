/** fuzzyPerPage, the rows the whole index's typo search of a title reads, set on TypesenseSearch and asked of the real server. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TrackRow } from '../../src/index/document.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

describe('fuzzyPerPage', () => {
  // 30 rows of one title by as many artists: a misspelt title's typo search finds them all.
  const screens: TrackRow[] = Array.from({ length: 30 }, (_, i) => ({
    dataset: 'fma',
    rowKey: String(1000 + i),
    title: 'Screen',
    artists: [`Artist ${i}`],
    platformIds: [{ platform: 'fma' as const, id: String(1000 + i) }],
  }));
  let many: FixtureIndex;
  beforeAll(async () => {
    many = await fixtureIndex(screens);
  });
  afterAll(async () => {
    await many.drop();
  });
  it("reads that many rows in the whole index's typo search", async () => {
    const { nodes } = inject('typesense');
    const client = createTypesenseClient({ nodes, apiKey: many.searchKey, timeoutMs: 5000 });
    const ask = (fuzzyPerPage?: number) =>
      new TypesenseSearch({ client, collection: many.alias, ...(fuzzyPerPage === undefined ? {} : { fuzzyPerPage }) }).searchTracks({
        title: 'Screem',
        artist: 'Nobody Here',
      });
    expect((await ask()).matches.filter((m) => m.basis === 'fuzzy')).toHaveLength(30);
    expect((await ask(5)).matches.filter((m) => m.basis === 'fuzzy')).toHaveLength(5);
  });
});
