/**
 * The port leaves the words its index info lists as common (on `commonWordRows` rows or more) out
 * of the fuzzy title searches, against the real server: rows holding the title's rarer word become
 * candidates the whole title's typo search never reached, the exact rows stay as they were, and an
 * index that lists no words, or none that common, is asked every word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { TrackRow } from '../../src/index/document.js';
import type { TitleResult } from '../../src/search/port.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let n = 0;
const row = (title: string, artists: string[], dataset = 'laion-disco-12m'): TrackRow => {
  const id = `cw${String(n++).padStart(8, '0')}`;
  return { dataset, rowKey: id, title, artists, platformIds: [{ platform: 'youtube', id }] };
};

const rows: TrackRow[] = [
  row('Without You', ['Ada Vale']),
  row('Without You', ['Ada Vale'], 'sleeping-disco-9m'),
  row('Without', ['Bo Lind'], 'fma'),
  row('Be With You', ['Cy Moss']),
  row('You', ['Di Rey']),
];

let fx: FixtureIndex;
let unlisted: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(rows, { titleWords: [{ word: 'you', rows: 4 }] });
  unlisted = await fixtureIndex(rows);
});
afterAll(async () => {
  await fx.drop();
  await unlisted.drop();
});

function port(index: FixtureIndex, commonWordRows: number): TypesenseSearch {
  const { nodes } = inject('typesense');
  return new TypesenseSearch({
    client: createTypesenseClient({ nodes, apiKey: index.searchKey, timeoutMs: 5000 }),
    collection: index.alias,
    infoTtlMs: 0,
    commonWordRows,
  });
}

const rowsOf = (r: TitleResult, basis: string): string[] =>
  r.matches.filter((m) => m.basis === basis).map((m) => `${m.dataset}:${m.title}:${m.artists.join('/')}`);

describe('fuzzy title searches without common words', () => {
  it("finds the title's rarer word's rows as candidates when the index lists its other word as common", async () => {
    const query = { title: 'Without You', artist: 'Ada Vale' };
    const reduced = await port(fx, 4).searchTracks(query);
    const whole = await port(fx, 5).searchTracks(query);
    expect(rowsOf(reduced, 'exact')).toEqual(rowsOf(whole, 'exact'));
    expect(rowsOf(reduced, 'exact')).toHaveLength(2);
    expect(rowsOf(reduced, 'fuzzy')).toContain('fma:Without:Bo Lind');
    // "you" on fewer rows than the threshold: the whole title is asked, and its typo search stops at the title's own rows.
    expect(rowsOf(whole, 'fuzzy')).not.toContain('fma:Without:Bo Lind');
  });

  it('asks every word of an index whose info lists no words', async () => {
    const res = await port(unlisted, 1).searchTracks({ title: 'Without You', artist: 'Ada Vale' });
    expect(rowsOf(res, 'fuzzy')).not.toContain('fma:Without:Bo Lind');
    expect(rowsOf(res, 'exact')).toHaveLength(2);
  });
});
