/**
 * Every port call takes the caller's signal, and the core's lookup deadline aborts the
 * Typesense request itself, not only the wait for it: through the paused-server proxy a
 * stalled request's connection closes when the signal fires, long before the client's own
 * timeout. Also: Typesense's answers mapped to faults by typesense-js's error classes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Typesense from 'typesense';
import { SearchUnavailableError, type CallOptions } from '../../src/search/port.js';
import { createMetrics, instrumentSearch } from '../../src/ops/metrics.js';
import { fault } from '../../src/search/typesense-fault.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { botFor, DATASET_INFO, invoke, ROWS, testConfig } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { startPausableProxy, type PausableProxy } from '../stand-ins/discord/pausable-proxy.js';

let fx: FixtureIndex;
let proxy: PausableProxy;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  const node = inject('typesense').nodes[0];
  if (node === undefined) throw new Error('no Typesense node');
  proxy = await startPausableProxy({ host: node.host, port: node.port });
});
afterAll(async () => {
  await proxy.stop();
  await fx.drop();
});

/** A port through the proxy with its own connections and a client timeout far past the test's bounds. */
function viaProxy(): TypesenseSearch {
  return new TypesenseSearch({
    client: createTypesenseClient({
      nodes: [{ host: proxy.host, port: proxy.port, protocol: 'http' }],
      apiKey: fx.searchKey,
      timeoutMs: 30_000,
      retries: 0,
    }),
    collection: fx.alias,
    // Read every time, so an indexInfo call reaches the server too.
    infoTtlMs: 0,
  });
}

/** Polls (bounded) until the proxy's count (open connections, or stalled ones) is `count`. */
async function becomes(read: () => number, count: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (read() === count) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return read() === count;
}
const clientsBecome = (count: number, withinMs: number): Promise<boolean> => becomes(() => proxy.clients(), count, withinMs);
const stalledBecome = (count: number, withinMs: number): Promise<boolean> => becomes(() => proxy.stalled(), count, withinMs);
/** Polls (bounded) until some request is stalled at the proxy. */
async function someStalled(withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until && proxy.stalled() === 0) await new Promise((r) => setTimeout(r, 20));
  return proxy.stalled() > 0;
}

describe('the caller signal', () => {
  it.each([
    ['searchTracks', (s: TypesenseSearch, o: CallOptions) => s.searchTracks({ title: 'Bohemian Rhapsody', artist: 'Queen' }, o)],
    ['lookupByPlatformId', (s: TypesenseSearch, o: CallOptions) => s.lookupByPlatformId('youtube', 'dQw4w9WgXcQ', o)],
    ['suggest', (s: TypesenseSearch, o: CallOptions) => s.suggest('bohem', 'title', 10, o)],
    ['artistCoverage', (s: TypesenseSearch, o: CallOptions) => s.artistCoverage('Queen', o)],
    ['artistTracks', (s: TypesenseSearch, o: CallOptions) => s.artistTracks('Queen', 100, o)],
    ['indexInfo', (s: TypesenseSearch, o: CallOptions) => s.indexInfo(o)],
  ])('aborts a stalled %s request and closes its connection', async (_name, call) => {
    const search = viaProxy();
    // One request first, so the stalled one reuses its kept-alive connection.
    await search.indexInfo();
    await clientsBecome(1, 2000);
    const before = proxy.clients();
    proxy.pause();
    try {
      const ctrl = new AbortController();
      const started = Date.now();
      const pending = call(search, { signal: ctrl.signal });
      pending.catch(() => undefined);
      expect(await someStalled(1000)).toBe(true);
      expect(proxy.clients()).toBeGreaterThanOrEqual(before);
      setTimeout(() => ctrl.abort(), 200);
      await expect(pending).rejects.toMatchObject({ name: 'SearchUnavailableError', reason: 'aborted' });
      expect(Date.now() - started).toBeLessThan(5000);
      // Every connection the request used is gone (a title round's two at once too): Typesense is not left working for nobody.
      expect(await stalledBecome(0, 2000)).toBe(true);
    } finally {
      proxy.resume();
    }
  });

  it("the core's lookup deadline aborts the Typesense request, through the metrics wrapper production uses", async () => {
    const search = instrumentSearch(viaProxy(), createMetrics());
    await search.indexInfo();
    const bot = botFor(fx, { search, config: testConfig({ LOOKUP_DEADLINE_MS: '600' }) });
    await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }));
    const before = proxy.clients();
    expect(before).toBeGreaterThan(0);
    proxy.pause();
    try {
      const started = Date.now();
      const { reply } = await bot.handleCommand(invoke('song', { title: 'Bohemian Rhapsody', artist: 'Queen' }));
      expect(reply.headline).toContain('took longer than');
      expect(Date.now() - started).toBeLessThan(5000);
      // Every connection the stalled lookup used closes at the deadline, not at the client's 30 s timeout.
      expect(await stalledBecome(0, 2000)).toBe(true);
    } finally {
      proxy.resume();
      await bot.close();
    }
  });
});

describe('faults by error class', () => {
  const { Errors } = Typesense;
  it.each([
    [new Errors.RequestUnauthorized('Request failed with HTTP code 401', '', 401), 'unauthorized'],
    [new Errors.HTTPError('Request failed with HTTP code 403', '', 403), 'unauthorized'],
    [new Errors.ObjectNotFound('Request failed with HTTP code 404', '', 404), 'no-index'],
    [new Errors.ServerError('Request failed with HTTP code 503', '', 503), 'unreachable'],
    [new Errors.RequestMalformed('Request failed with HTTP code 400', '', 400), 'unreachable'],
    [new Error('timeout of 300ms exceeded'), 'timeout'],
    [new Error('connect ECONNREFUSED 127.0.0.1:1'), 'unreachable'],
  ])('%s is %s', (err, reason) => {
    expect(fault(err)).toMatchObject({ name: 'SearchUnavailableError', reason });
  });
  it('an aborted signal explains any error, and a fault stays itself', () => {
    const ctrl = new AbortController();
    ctrl.abort();
    expect(fault(new Error('Request aborted by caller.'), ctrl.signal).reason).toBe('aborted');
    const known = new SearchUnavailableError('x', 'no-index');
    expect(fault(known)).toBe(known);
  });
});
