/**
 * The lean search transport (src/typesense/lean-transport.ts) in place of typesense-js's
 * multi_search: answers exactly as typesense-js over axios gives them on the real server,
 * everything but a search still sent by typesense-js, and typesense-js's failover, retries,
 * error classes and timeout kept. The caller's abort closing the connection is
 * test/search/signal.test.ts (its proxy is on loopback, so it exercises this transport).
 * Local HTTP servers stand in only where Typesense cannot be made to misbehave (refuse,
 * fail with 503, never answer) or to show the headers it received.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Typesense from 'typesense';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

interface StandIn {
  port: number;
  seen: { method: string; url: string; headers: IncomingHttpHeaders }[];
  /** Whether the connection the `i`th request came on is still open. */
  stillOpen(i: number): boolean;
  close(): Promise<void>;
}

/** The port over one stand-in node, through createTypesenseClient as the bot builds it. */
function onStandIn(port: number, timeoutMs: number, retries: number): TypesenseSearch {
  const client = createTypesenseClient({ nodes: [{ host: '127.0.0.1', port, protocol: 'http' }], apiKey: 'k', timeoutMs, retries });
  return new TypesenseSearch({ client, collection: 'tracks', infoTtlMs: 0 });
}

/** A local HTTP server answering every request with `answer`, recording what it received. */
async function standIn(answer: (res: ServerResponse) => void): Promise<StandIn> {
  const seen: StandIn['seen'] = [];
  const sockets = new Set<Socket>();
  const carriers: Socket[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    carriers.push(req.socket);
    req.resume();
    req.on('end', () => answer(res));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    stillOpen: (i) => carriers[i] !== undefined && sockets.has(carriers[i]),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

/** A port that is closed: connections to it are refused. */
async function closedPort(): Promise<number> {
  const s = await standIn(() => undefined);
  const { port } = s;
  await s.close();
  return port;
}

describe('the lean search transport on the real server', () => {
  let fx: FixtureIndex;
  beforeAll(async () => {
    fx = await fixtureIndex(ROWS, DATASET_INFO);
  });
  afterAll(async () => {
    await fx.drop();
  });

  it('answers every kind of search exactly as typesense-js over axios does, on the real server', async () => {
    const { nodes } = inject('typesense');
    const lean = new TypesenseSearch({
      client: createTypesenseClient({ nodes, apiKey: fx.searchKey, timeoutMs: 5000 }),
      collection: fx.alias,
    });
    // typesense-js's own multi_search, over axios.
    const stockClient = new Typesense.Client({
      nodes: nodes.map((n) => ({ ...n })),
      apiKey: fx.searchKey,
      connectionTimeoutSeconds: 5,
      additionalHeaders: { 'Accept-Encoding': 'identity' },
      logLevel: 'silent',
    });
    const stock = new TypesenseSearch({ client: stockClient, collection: fx.alias });
    const asks = [
      (s: TypesenseSearch) => s.searchTracks({ title: 'Bohemian Rhapsody', artist: 'Queen' }),
      (s: TypesenseSearch) => s.searchTracks({ title: 'Bohemian Rapsody' }),
      (s: TypesenseSearch) => s.lookupByPlatformId('youtube', 'dQw4w9WgXcQ'),
      (s: TypesenseSearch) => s.artistCoverage('Queen'),
      (s: TypesenseSearch) => s.suggest('bohem', 'title', 10),
      (s: TypesenseSearch) => s.indexInfo(),
    ];
    let found = 0;
    for (const ask of asks) {
      const [a, b] = await Promise.all([ask(lean), ask(stock)]);
      expect(a).toEqual(b);
      if (JSON.stringify(a).includes('Queen') || JSON.stringify(a).includes('Rick')) found++;
    }
    // The comparison is between answers with rows in them, not between two empty results.
    expect(found).toBeGreaterThanOrEqual(3);
  });

  it('fails over to the next node when one refuses connections or answers 503, as typesense-js does', async () => {
    const { nodes } = inject('typesense');
    const real = nodes[0];
    if (real === undefined) throw new Error('no Typesense node');
    const failing = await standIn(json(503, { message: 'Not Ready or Lagging' }));
    try {
      for (const first of [await closedPort(), failing.port]) {
        const search = new TypesenseSearch({
          client: createTypesenseClient({
            nodes: [{ host: '127.0.0.1', port: first, protocol: 'http' }, real],
            apiKey: fx.searchKey,
            timeoutMs: 2000,
          }),
          collection: fx.alias,
        });
        const matches = await search.lookupByPlatformId('youtube', 'dQw4w9WgXcQ');
        expect(matches.map((m) => m.title)).toContain('Never Gonna Give You Up');
      }
      // The 503 node was asked (and marked unhealthy), not skipped.
      expect(failing.seen.filter((r) => r.url === '/multi_search').length).toBeGreaterThanOrEqual(1);
    } finally {
      await failing.close();
    }
  });
});

describe('the lean search transport against stand-ins', () => {
  it('sends a search itself and leaves every other call to axios', async () => {
    const server = await standIn(json(200, { results: [], ok: true }));
    try {
      const client = createTypesenseClient({
        nodes: [{ host: '127.0.0.1', port: server.port, protocol: 'http' }],
        apiKey: 'k',
        timeoutMs: 2000,
      });
      await client.multiSearch.perform({ searches: [{ collection: 'tracks', q: '*' }] }, {});
      await client.health.retrieve();
      const [search, health] = server.seen;
      expect(search).toMatchObject({ method: 'POST', url: '/multi_search' });
      expect(search?.headers['x-typesense-api-key']).toBe('k');
      expect(search?.headers['content-type']).toBe('application/json');
      expect(search?.headers['accept-encoding']).toBe('identity');
      // axios names itself in every request it sends; the lean transport sends no such header.
      expect(search?.headers['user-agent']).toBeUndefined();
      expect(health).toMatchObject({ method: 'GET', url: '/health' });
      expect(health?.headers['user-agent']).toMatch(/^axios\//);
    } finally {
      await server.close();
    }
  });

  it('retries a 5xx on every attempt and a 4xx never, raising typesense-js’s error classes', async () => {
    for (const [status, reason, attempts] of [
      [503, 'unreachable', 3],
      [404, 'no-index', 1],
      [401, 'unauthorized', 1],
    ] as const) {
      const server = await standIn(json(status, { message: 'from the stand-in' }));
      try {
        const client = createTypesenseClient({
          nodes: [{ host: '127.0.0.1', port: server.port, protocol: 'http' }],
          apiKey: 'k',
          timeoutMs: 2000,
          retries: 2,
        });
        // One search, no index-info read first (a title search reads it): every request seen is an attempt of that one.
        const search = new TypesenseSearch({ client, collection: 'tracks' });
        await expect(search.artistTracks('y')).rejects.toMatchObject({ name: 'SearchUnavailableError', reason });
        expect(server.seen.length, `HTTP ${status}`).toBe(attempts);
        const direct = client.multiSearch.perform({ searches: [{ collection: 'tracks', q: '*' }] }, {});
        await expect(direct).rejects.toMatchObject({
          httpStatus: status,
          message: expect.stringContaining('Server said: from the stand-in'),
        });
      } finally {
        await server.close();
      }
    }
  });

  it('takes a response cut off mid-body for a failure, and retries it', async () => {
    const cut = await standIn((res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '1000' });
      res.write('{"results":[{"found":1,');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    try {
      const search = onStandIn(cut.port, 5000, 1);
      const started = Date.now();
      await expect(search.searchTracks({ title: 'x', artist: 'y' })).rejects.toMatchObject({
        name: 'SearchUnavailableError',
        reason: 'unreachable',
      });
      // Well before the 5 s timeout: the cut was seen as it happened, and the attempt was made again.
      expect(Date.now() - started).toBeLessThan(2500);
      expect(cut.seen.length).toBe(2);
    } finally {
      await cut.close();
    }
  });

  it('never sends a request its caller aborted while it waited for a connection', async () => {
    const silent = await standIn(() => undefined);
    try {
      const search = onStandIn(silent.port, 5000, 0);
      const ctrl = new AbortController();
      const started = Date.now();
      // A fresh pool: the request waits for its connection when the caller gives up.
      const pending = search.lookupByPlatformId('youtube', 'dQw4w9WgXcQ', { signal: ctrl.signal });
      ctrl.abort();
      await expect(pending).rejects.toMatchObject({ name: 'SearchUnavailableError', reason: 'aborted' });
      expect(Date.now() - started).toBeLessThan(2500);
      // Bounded wait: nothing reaches the server, then or later.
      await new Promise((r) => setTimeout(r, 200));
      expect(silent.seen).toHaveLength(0);
    } finally {
      await silent.close();
    }
  }, 10_000);

  it('gives up on a server that never answers at the client timeout, as a timeout, and closes the connection', async () => {
    const silent = await standIn(() => undefined);
    try {
      const search = onStandIn(silent.port, 300, 0);
      const started = Date.now();
      await expect(search.lookupByPlatformId('youtube', 'dQw4w9WgXcQ')).rejects.toMatchObject({
        name: 'SearchUnavailableError',
        reason: 'timeout',
      });
      expect(Date.now() - started).toBeLessThan(3000);
      // Bounded wait for the server to see the request's connection close (a fresh idle one may be open beside it).
      expect(silent.seen.length).toBe(1);
      for (let i = 0; i < 50 && silent.stillOpen(0); i++) await new Promise((r) => setTimeout(r, 20));
      expect(silent.stillOpen(0)).toBe(false);
    } finally {
      await silent.close();
    }
  }, 15_000);
});
