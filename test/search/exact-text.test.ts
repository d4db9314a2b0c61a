/**
 * The exact rows of a one-artist query are asked as the artist's words over the title's rows
 * (`exact-text`, no filter on the artist: its cost grew with the artist's rows). Against the real
 * server, the answers must be those of the filter form (`exactByFilter`) ranked the same way:
 * rows that only share the artist's words are neither counted nor kept from the candidates, and
 * a result past one window of 250 is asked again by filter.
 */
import type { MultiSearchRequestsWithoutUnionSchema, SearchResponse } from 'typesense';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackRow } from '../../src/index/document.js';
import { exactByFilter, planTitleQuery, planTitleSearches, type PlannedTitleQuery } from '../../src/search/plan.js';
import { rankCandidates, type TrackHit } from '../../src/search/rank.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

const yt = (id: string): NonNullable<TrackRow['platformIds']> => [{ platform: 'youtube', id }];
let n = 0;
const row = (title: string, artists: string[], dataset = 'laion-disco-12m'): TrackRow => {
  const id = `row${String(n++).padStart(8, '0')}`;
  return { dataset, rowKey: id, title, artists, platformIds: yt(id) };
};

const rows: TrackRow[] = [
  row('Hello', ['Adele']),
  row('Hello', ['Adele'], 'sleeping-disco-9m'),
  row('Hello', ['Lionel Richie feat. Adele'], 'spotify-tracks'),
  // The artist's words, another artist: the text query returns these, the filter never did.
  row('Hello', ['Adele Band']),
  row('Hello', ['The Adele Tribute', 'Someone']),
  row('Helo', ['Adele']),
  // More rows hold the words "adele band" on this title than one window: asked again by filter.
  ...Array.from({ length: 258 }, () => row('Intro', ['Adele Band'])),
  row('Intro', ['Adele Band'], 'sleeping-disco-9m'),
  row('Intro', ['Adele Band'], 'sleeping-disco-9m'),
  row('Intro', ['Adele Band Live']),
];

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(rows);
});
afterAll(async () => {
  await fx.drop();
});

/** What the filter form answers: the same searches with `exactByFilter` first, ranked by rank.ts. */
async function byFilter(q: PlannedTitleQuery) {
  const plan = planTitleSearches(q);
  plan[0] = exactByFilter(q);
  const body: MultiSearchRequestsWithoutUnionSchema<TrackHit, string> = {
    searches: plan.map((p) => ({ collection: fx.alias, query_by: 'title_norm', ...p.params })),
  };
  const res = await fx.admin.multiSearch.perform<TrackHit[]>(body, {});
  return rankCandidates(
    q,
    plan.map((p, i) => ({ role: p.role, response: res.results[i] as SearchResponse<TrackHit> })),
  );
}

describe('exact rows by the artist words over the title rows', () => {
  it.each([
    ['Hello', 'Adele', 25],
    ['Hello', 'Adele', 1],
    ['Hello', 'Adele Band', 25],
    ['Intro', 'Adele Band', 25],
    ['Helo', 'Adele', 25],
  ])('answers "%s" by %s (%i a page) as the filter form does', async (title, artist, perPage) => {
    const q = planTitleQuery({ title, artist, perPage });
    if (q === undefined) throw new Error('no plan');
    expect(planTitleSearches(q)[0]?.role).toBe('exact-text');
    const got = await fx.search.searchTracks({ title, artist, perPage });
    const want = await byFilter(q);
    expect(got.matches).toEqual(want.matches);
    expect(got.exactTotal).toBe(want.exactTotal);
    expect(got.hasMore).toBe(want.hasMore);
  });
  it('counts only credited rows, and leaves another artist with the same words to the candidates', async () => {
    const got = await fx.search.searchTracks({ title: 'Hello', artist: 'Adele' });
    expect(got.exactTotal).toBe(3);
    expect(got.datasetTotals).toEqual({ 'laion-disco-12m': 1, 'sleeping-disco-9m': 1, 'spotify-tracks': 1 });
    const fuzzy = got.matches.filter((m) => m.basis === 'fuzzy').map((m) => m.artists[0]);
    expect(fuzzy).toContain('Adele Band');
  });
  it('asks again by filter when more rows hold the words than one window', async () => {
    const got = await fx.search.searchTracks({ title: 'Intro', artist: 'Adele Band' });
    expect(got.exactTotal).toBe(260);
    expect(got.hasMore).toBe(true);
    expect(got.datasetTotals).toEqual({ 'laion-disco-12m': 258, 'sleeping-disco-9m': 2 });
  });
});
