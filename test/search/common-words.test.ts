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
import { aliasTarget } from '../../index-builder/collection.js';
import { buildSuggestions, swapSuggestions } from '../../index-builder/suggestions.js';
import { suggestAlias } from '../../src/index/schema.js';
import { titleHash } from '../../src/index/title-hash.js';
import { silentLogger } from '../../src/log.js';
import { dropAliasAndCollection, fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { searchProxy } from '../helpers/search-proxy.js';

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

/**
 * A title of common words only is compared with the autocomplete collection's popular titles
 * (`similar-titles`), then their rows are its candidates: a rare title holding the same words is
 * not reached, as it would be by the whole index's typo search. Without that collection, or with a
 * key that may not read it, the whole index is asked as before, and the answer still comes.
 */
describe('titles of common words only', () => {
  const popular: TrackRow[] = [
    row('Love You', ['Ada Vale']),
    row('Love You', ['Bo Lind'], 'fma'),
    ...Array.from({ length: 3 }, () => row('I Love You', ['Cy Moss'])),
    // Rare (one row): outside the two titles the autocomplete collection keeps.
    row('Love You Love Me Do', ['Di Rey']),
  ];
  const words = [
    { word: 'love', rows: 6 },
    { word: 'you', rows: 6 },
    { word: 'i', rows: 3 },
  ];
  let withSuggestions: FixtureIndex;
  let without: FixtureIndex;
  beforeAll(async () => {
    withSuggestions = await fixtureIndex(popular, { titleWords: words });
    without = await fixtureIndex(popular, { titleWords: words });
    const target = await aliasTarget(withSuggestions.admin, withSuggestions.alias);
    if (target === undefined) throw new Error('no collection');
    const built = await buildSuggestions({
      client: withSuggestions.admin,
      collection: target,
      alias: withSuggestions.alias,
      log: silentLogger,
      maxTitles: 2,
    });
    await swapSuggestions(withSuggestions.admin, withSuggestions.alias, built.collection);
  });
  afterAll(async () => {
    await dropAliasAndCollection(withSuggestions.admin, suggestAlias(withSuggestions.alias));
    await withSuggestions.drop();
    await without.drop();
  });

  const query = { title: 'Love You', artist: 'Ada Vale' };
  const candidates = (r: TitleResult): string[] => rowsOf(r, 'fuzzy').sort();

  it('takes the candidates from the rows of the popular titles like it', async () => {
    const res = await port(withSuggestions, 3).searchTracks(query);
    expect(rowsOf(res, 'exact')).toEqual(['laion-disco-12m:Love You:Ada Vale']);
    expect(candidates(res)).toEqual(['fma:Love You:Bo Lind', ...Array.from({ length: 3 }, () => 'laion-disco-12m:I Love You:Cy Moss')]);
    expect(res.datasetTotals).toEqual({ 'laion-disco-12m': 1 });
  });

  it("asks the similar titles' rows as soon as they are known, while the round's other half is still out", async () => {
    const { nodes } = inject('typesense');
    const node = nodes[0];
    if (node === undefined) throw new Error('no Typesense node');
    // The half holding the artist's searches is held until the similar titles' rows are asked (3 s at most).
    const standIn = await holdingProxy(
      node,
      (body) => body.includes('"query_by":"artists_norm"'),
      (body) => body.includes('"q":"*"') && body.includes('title_keys'),
      3000,
    );
    try {
      const split = new TypesenseSearch({
        client: createTypesenseClient({
          nodes: [{ host: '127.0.0.1', port: standIn.port, protocol: 'http' }],
          apiKey: withSuggestions.searchKey,
          timeoutMs: 10_000,
        }),
        collection: withSuggestions.alias,
        infoTtlMs: 60_000,
        commonWordRows: 3,
      });
      await split.indexInfo();
      standIn.arm();
      const res = await split.searchTracks(query);
      expect(standIn.log()).toContain('released by the request it waited for');
      expect(standIn.log()).not.toContain('released by timer');
      const whole = new TypesenseSearch({
        client: createTypesenseClient({ nodes, apiKey: withSuggestions.searchKey, timeoutMs: 5000 }),
        collection: withSuggestions.alias,
        commonWordRows: 3,
        splitRounds: false,
      });
      expect(res).toEqual(await whole.searchTracks(query));
      expect(candidates(res)).toContain('fma:Love You:Bo Lind');
    } finally {
      await standIn.stop();
    }
  });

  it('asks the whole index when the words are not that common, and reaches the rare title too', async () => {
    const res = await port(withSuggestions, 7).searchTracks(query);
    expect(candidates(res)).toContain('laion-disco-12m:Love You Love Me Do:Di Rey');
    expect(candidates(res)).toContain('fma:Love You:Bo Lind');
  });

  it('asks the whole index when there is no autocomplete collection', async () => {
    const res = await port(without, 3).searchTracks(query);
    expect(rowsOf(res, 'exact')).toEqual(['laion-disco-12m:Love You:Ada Vale']);
    expect(candidates(res)).toContain('laion-disco-12m:Love You Love Me Do:Di Rey');
  });

  it('asks the whole index when the key may not read the autocomplete collection', async () => {
    const { nodes } = inject('typesense');
    const narrow = await withSuggestions.admin
      .keys()
      .create({ description: 'tracks only', actions: ['documents:search'], collections: [withSuggestions.alias] });
    const search = new TypesenseSearch({
      client: createTypesenseClient({ nodes, apiKey: narrow.value ?? '', timeoutMs: 5000 }),
      collection: withSuggestions.alias,
      infoTtlMs: 0,
      commonWordRows: 3,
    });
    const res = await search.searchTracks(query);
    expect(rowsOf(res, 'exact')).toEqual(['laion-disco-12m:Love You:Ada Vale']);
    expect(candidates(res)).toContain('laion-disco-12m:Love You Love Me Do:Di Rey');
  });
});

describe('similar titles of a title alone', () => {
  it("asks only the other titles' rows: its own are the exact rows already", async () => {
    const rows2: TrackRow[] = [row('Love You', ['Ada Vale']), row('Love You', ['Bo Lind']), row('I Love You', ['Cy Moss'])];
    const own = await fixtureIndex(rows2, {
      titleWords: [
        { word: 'love', rows: 3 },
        { word: 'you', rows: 3 },
      ],
    });
    try {
      const target = await aliasTarget(own.admin, own.alias);
      if (target === undefined) throw new Error('no collection');
      const built = await buildSuggestions({ client: own.admin, collection: target, alias: own.alias, log: silentLogger });
      await swapSuggestions(own.admin, own.alias, built.collection);
      const { nodes } = inject('typesense');
      const client = createTypesenseClient({ nodes, apiKey: own.searchKey, timeoutMs: 5000 });
      const sent: string[] = [];
      const perform = client.multiSearch.perform.bind(client.multiSearch);
      client.multiSearch.perform = ((body: object, ...rest: unknown[]) => {
        sent.push(JSON.stringify(body));
        return (perform as (...a: unknown[]) => unknown)(body, ...rest);
      }) as typeof client.multiSearch.perform;
      const search = new TypesenseSearch({ client, collection: own.alias, infoTtlMs: 0, commonWordRows: 3 });
      const res = await search.searchTracks({ title: 'Love You' });
      expect(rowsOf(res, 'title').sort()).toEqual(['laion-disco-12m:Love You:Ada Vale', 'laion-disco-12m:Love You:Bo Lind']);
      expect(rowsOf(res, 'fuzzy')).toEqual(['laion-disco-12m:I Love You:Cy Moss']);
      // The last round trip: the rows of "i love you" alone, by its hash in each dataset.
      const last = JSON.parse(sent[sent.length - 1] ?? '{}') as { searches: { filter_by?: string }[] };
      expect(last.searches).toHaveLength(1);
      expect(last.searches[0]?.filter_by).toBe(`title_keys:=[\`${titleHash('i love you', 'laion-disco-12m')}\`]`);
    } finally {
      await dropAliasAndCollection(own.admin, suggestAlias(own.alias));
      await own.drop();
    }
  });
});

/**
 * A stand-in in front of Typesense: once armed, the first request `holds` picks is held until a
 * request `releases` picks comes (then both passed on), or `maxMs` pass; `log` says which released it.
 */
async function holdingProxy(
  target: { host: string; port: number },
  holds: (body: string) => boolean,
  releases: (body: string) => boolean,
  maxMs: number,
) {
  const log: string[] = [];
  let armed = false;
  let waiting: (() => void) | undefined;
  const proxy = await searchProxy(target, (_req, body, _res, forward) => {
    if (armed && holds(body)) {
      armed = false;
      const timer = setTimeout(() => {
        waiting = undefined;
        log.push('released by timer');
        forward();
      }, maxMs);
      waiting = () => {
        clearTimeout(timer);
        log.push('released by the request it waited for');
        forward();
      };
      return;
    }
    if (releases(body)) {
      const held = waiting;
      waiting = undefined;
      held?.();
    }
    forward();
  });
  return {
    ...proxy,
    arm: () => {
      armed = true;
    },
    log: () => [...log],
  };
}
