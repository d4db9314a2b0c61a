/**
 * Rows per dataset are counted with the dataset's word as a typo-free text query over the
 * filter's rows (counts.ts): `&& dataset:=d` cost the whole dataset's rows on every count. On the
 * real server the counts must be the rows' own, also beside an id that is not certainly one word
 * (asked by filter). Ids that share a word ("ab-c", "a-bc": "abc" to Typesense, to its filters as
 * much as to its text queries) never reach an index: loadDescriptors refuses them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackRow } from '../../src/index/document.js';
import { datasetCounts, datasetWord } from '../../src/search/counts.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let n = 0;
const row = (dataset: string, title: string, artist: string): TrackRow => ({
  dataset,
  rowKey: `r${String(n++).padStart(6, '0')}`,
  title,
  artists: [artist],
});

/** Rows of "Intro" by Ghost per dataset: more than one window of 250, so the port counts by search. */
const INTRO: Record<string, number> = {
  'laion-disco-12m': 180,
  'sleeping-disco-9m': 70,
  'spotify-tracks': 9,
  'mtg-jamendo': 4,
  Odd_Set: 3,
};
const rows: TrackRow[] = [
  ...Object.entries(INTRO).flatMap(([d, count]) => Array.from({ length: count }, () => row(d, 'Intro', 'Ghost'))),
  // Same dataset words, other titles and artists: never counted.
  ...Array.from({ length: 30 }, () => row('mtg-jamendo', 'Outro', 'Someone')),
  ...Array.from({ length: 30 }, () => row('laion-disco-12m', 'Interlude', 'Someone')),
];

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(rows);
});
afterAll(async () => {
  await fx.drop();
});

describe('counting rows per dataset', () => {
  it('asks a dataset whose id is certainly one word of its own by that word, and the others by filter', () => {
    expect(datasetWord('laion-disco-12m')).toBe('laiondisco12m');
    expect(datasetWord('Odd_Set')).toBeUndefined();
    const searches = datasetCounts('title_norm:=`intro`', ['laion-disco-12m', 'Odd_Set', 'a--b', 'two words']);
    expect(searches[0]).toMatchObject({
      q: 'laiondisco12m',
      query_by: 'dataset',
      num_typos: 0,
      prefix: false,
      filter_by: 'title_norm:=`intro`',
    });
    // Typesense may make other words of these (an underscore, a doubled dash, a space).
    for (const s of searches.slice(1)) expect(s).toMatchObject({ q: '*', filter_by: expect.stringMatching(/ && dataset:=`/) as unknown });
  });

  it('gives a popular title its rows per dataset, each dataset alone, as the rows hold them', async () => {
    const got = await fx.search.searchTracks({ title: 'Intro', artist: 'Ghost', perPage: 25 });
    expect(got.exactTotal).toBe(266);
    expect(got.datasetTotals).toEqual(INTRO);
  });

  it("gives an artist's coverage per dataset as the rows hold them", async () => {
    const cov = await fx.search.artistCoverage('Ghost');
    expect(cov.totalRows).toBe(266);
    expect(cov.rowsByDataset).toEqual(INTRO);
  });
});
