/**
 * A title round sent as two requests at once when the port is otherwise idle (src/search/round.ts),
 * against the real Typesense: the same answers as one request, one request when another is in
 * flight, and a failing half stopping the other (its connection closed, not left to time out).
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { joinRound, splitRound } from '../../src/search/round.js';
import type { SearchRole } from '../../src/search/plan.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient, type TypesenseClient } from '../../src/typesense/client.js';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import type { TrackRow } from '../../src/index/document.js';
import { noteRequests } from '../helpers/noted-requests.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { startPausableProxy } from '../stand-ins/discord/pausable-proxy.js';
import { searchProxy } from '../helpers/search-proxy.js';

const roles = (...r: SearchRole[]) => r.map((role) => ({ role }));

describe('splitRound', () => {
  it("puts the whole index's typo search beside the rest", () => {
    expect(splitRound(roles('exact-text', 'fuzzy-title', 'fuzzy-title-by-artist', 'fuzzy-artist-by-title'))).toEqual([[0, 2, 3], [1]]);
    expect(splitRound(roles('exact', 'similar-titles', 'dataset-count', 'dataset-count'))).toEqual([[0, 2, 3], [1]]);
  });
  it('keeps a round with nothing to put beside it whole', () => {
    expect(splitRound(roles('exact'))).toEqual([[0]]);
    expect(splitRound(roles('exact', 'dataset-count'))).toEqual([[0, 1]]);
    expect(splitRound(roles('fuzzy-title'))).toEqual([[0]]);
  });
  it('joins the answers back in the plan order, and refuses a missing one', () => {
    expect(joinRound([[0, 2], [1]], [['a', 'c'], ['b']])).toEqual(['a', 'b', 'c']);
    expect(() => joinRound([[0, 1]], [['a']])).toThrow(/search 1/);
  });
});

/** A port whose client notes each request: its searches and how many of the port's requests were in flight beside it. */
function notingPort(fx: FixtureIndex, opts: { splitRounds?: boolean } = {}) {
  const { nodes } = inject('typesense');
  const client: TypesenseClient = createTypesenseClient({ nodes, apiKey: fx.searchKey, timeoutMs: 5000 });
  const noted = noteRequests<{ searches: unknown[] }>(client);
  const port = new TypesenseSearch({ client, collection: fx.alias, infoTtlMs: 60_000, ...opts });
  return { port, take: () => noted.take().map(({ body, beside }) => ({ searches: body.searches.length, beside })) };
}

/** Two noting ports on the same index, one splitting and one not, their index info read and their notes cleared. */
async function splitAndWhole(fx: FixtureIndex) {
  const split = notingPort(fx);
  const whole = notingPort(fx, { splitRounds: false });
  await Promise.all([split.port.indexInfo(), whole.port.indexInfo()]);
  split.take();
  whole.take();
  return { split, whole };
}

describe('a title round against Typesense', () => {
  let fx: FixtureIndex;
  beforeAll(async () => {
    fx = await fixtureIndex(ROWS, DATASET_INFO);
  });
  afterAll(async () => {
    await fx.drop();
  });

  const queries = [
    { title: 'Bohemian Rhapsody', artist: 'Queen' },
    { title: 'Bohemain Rapsody', artist: 'Quen' },
    { title: 'Bohemian Rhapsody' },
    { title: 'Food', artist: 'AWOL' },
    { title: 'Nothing Like This', artist: 'Nobody' },
  ];

  it('answers as one request does, sent as two at once when the port is idle', async () => {
    const { split, whole } = await splitAndWhole(fx);
    for (const q of queries) {
      const [a, b] = [await split.port.searchTracks(q), await whole.port.searchTracks(q)];
      expect(a).toEqual(b);
      const [first, second] = split.take();
      // The first title round: two requests, the second sent while the first was in flight.
      expect(first?.beside).toBe(0);
      expect(second?.beside).toBe(1);
      expect((first?.searches ?? 0) + (second?.searches ?? 0)).toBe(whole.take()[0]?.searches);
    }
  });

  it('sends a round as one request while another request of the port is in flight', async () => {
    const { port, take } = notingPort(fx);
    await port.indexInfo();
    take();
    await Promise.all([port.searchTracks(queries[0] ?? { title: '' }), port.searchTracks(queries[1] ?? { title: '' })]);
    const sent = take();
    // The first round goes alone and split; the second starts beside it and goes whole.
    expect(sent.some((s) => s.beside >= 1 && s.searches >= 4)).toBe(true);
  });
});

describe("an artist's pages against Typesense", () => {
  // 1,600 rows: page 1 and the counts per dataset, then pages 2–5 and 6–7 in two requests of up to four pages.
  const prolific: TrackRow[] = Array.from({ length: 1600 }, (_, i) => ({
    dataset: i % 3 === 0 ? 'fma' : 'spotify-tracks',
    rowKey: `p${i}`,
    title: `Song ${i % 700}`,
    artists: ['Prolific Person'],
  }));
  let fx: FixtureIndex;
  beforeAll(async () => {
    fx = await fixtureIndex([...ROWS, ...prolific], DATASET_INFO);
  });
  afterAll(async () => {
    await fx.drop();
  });

  it('reads the first page beside the counts, and the pages past it two requests at once, when the port is idle, with the same answers', async () => {
    const { split, whole } = await splitAndWhole(fx);
    const [a, b] = [await split.port.artistCoverage('Prolific Person'), await whole.port.artistCoverage('Prolific Person')];
    expect(a).toEqual(b);
    expect(a.totalRows).toBe(1600);
    expect(a.distinctTitles).toBe(700);
    const datasets = DATASET_INFO.datasets.length;
    // Page 1, and the counts per dataset sent while it was in flight; then pages 2–5, and 6–7 beside them.
    expect(split.take().map((r) => [r.searches, r.beside])).toEqual([
      [1, 0],
      [datasets, 1],
      [4, 0],
      [2, 1],
    ]);
    // One at a time: the same searches, each request after the last.
    expect(whole.take().map((r) => [r.searches, r.beside])).toEqual([
      [1 + datasets, 0],
      [4, 0],
      [2, 0],
    ]);
    const tracks = [await split.port.artistTracks('Prolific Person', 10_000), await whole.port.artistTracks('Prolific Person', 10_000)];
    expect(tracks[0]).toEqual(tracks[1]);
    expect(new Set(tracks[0]?.map((m) => m.rowKey)).size).toBe(1600);
  });
});

/**
 * A stand-in in front of Typesense: a request holding the whole index's typo search fails at once
 * (503), every other request is held unanswered; `held()` counts the held requests still open.
 */
async function failingHalf(target: { host: string; port: number }): Promise<{ port: number; held(): number; stop(): Promise<void> }> {
  const open = new Set<IncomingMessage>();
  const proxy = await searchProxy(target, (req, body, res, forward) => {
    if (req.url?.startsWith('/multi_search') === true && /"query_by":"title_norm"/.test(body) && !/"filter_by"/.test(body)) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"down"}');
      return;
    }
    if (req.url?.startsWith('/multi_search') === true && /"num_typos"/.test(body)) {
      open.add(req);
      res.on('close', () => open.delete(req));
      return;
    }
    forward();
  });
  return { ...proxy, held: () => open.size };
}

/** Polls (bounded) until `ok` holds. */
async function eventually(ok: () => boolean, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return ok();
}

describe("the caller's signal on a split round", () => {
  it('aborts both halves and closes both connections', async () => {
    const fx = await fixtureIndex(ROWS, DATASET_INFO);
    const node = inject('typesense').nodes[0];
    if (node === undefined) throw new Error('no Typesense node');
    const proxy = await startPausableProxy(node);
    try {
      const port = new TypesenseSearch({
        client: createTypesenseClient({
          nodes: [{ host: proxy.host, port: proxy.port, protocol: 'http' }],
          apiKey: fx.searchKey,
          timeoutMs: 30_000,
          retries: 0,
        }),
        collection: fx.alias,
        infoTtlMs: 60_000,
      });
      // The index info read first: the stall below is the title round's own.
      await port.indexInfo();
      proxy.pause();
      const ctrl = new AbortController();
      const pending = port.searchTracks({ title: 'Bohemian Rhapsody', artist: 'Queen' }, { signal: ctrl.signal });
      pending.catch(() => undefined);
      expect(await eventually(() => proxy.stalled() === 2, 2000)).toBe(true);
      ctrl.abort();
      await expect(pending).rejects.toMatchObject({ name: 'SearchUnavailableError', reason: 'aborted' });
      expect(await eventually(() => proxy.stalled() === 0, 2000)).toBe(true);
    } finally {
      proxy.resume();
      await proxy.stop();
      await fx.drop();
    }
  });
});

describe('a failing half', () => {
  it('stops the other half and fails the round at once', async () => {
    const fx = await fixtureIndex(ROWS, DATASET_INFO);
    const node = inject('typesense').nodes[0];
    if (node === undefined) throw new Error('no Typesense node');
    const standIn = await failingHalf(node);
    try {
      const port = new TypesenseSearch({
        client: createTypesenseClient({
          nodes: [{ host: '127.0.0.1', port: standIn.port, protocol: 'http' }],
          apiKey: fx.searchKey,
          timeoutMs: 30_000,
          retries: 0,
        }),
        collection: fx.alias,
      });
      await port.indexInfo();
      const started = Date.now();
      await expect(port.searchTracks({ title: 'Bohemian Rhapsody', artist: 'Queen' })).rejects.toMatchObject({
        name: 'SearchUnavailableError',
        reason: 'unreachable',
      });
      expect(Date.now() - started).toBeLessThan(5000);
      // The held half's connection closes: Typesense would not be left working for nobody.
      const until = Date.now() + 2000;
      while (standIn.held() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(standIn.held()).toBe(0);
    } finally {
      await standIn.stop();
      await fx.drop();
    }
  });
});
