import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startOpsServer, type OpsServer } from '../../src/ops/http.js';
import { createMetrics, instrumentSearch } from '../../src/ops/metrics.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { inject } from 'vitest';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
let ops: OpsServer;
const metrics = createMetrics({ nodes: [...inject('typesense').nodes, { host: '127.0.0.1', port: 1, protocol: 'http' }] });

beforeAll(async () => {
  fx = await fixtureIndex([{ dataset: 'fma', rowKey: '2', title: 'Food', artists: ['AWOL'], platformIds: [{ platform: 'fma', id: '2' }] }]);
  const search = instrumentSearch(fx.search, metrics);
  metrics.addQueue('user', () => 3);
  ops = await startOpsServer({ port: 0, host: '127.0.0.1', search, metrics, log: silentLogger });
  await search.lookupByPlatformId('fma', '2');
  await search.searchTracks({ title: 'Food' });
});
afterAll(async () => {
  await ops.close();
  await fx.drop();
});

const base = () => `http://127.0.0.1:${ops.port}`;

describe('ops endpoint', () => {
  it('reports ready when the index answers', async () => {
    const res = await fetch(`${base()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, builtAt: '2026-11-01T00:00:00.000Z' });
  });

  it('serves Prometheus metrics: search calls, limiter depth, node health', async () => {
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/trained_search_calls_total\{method="lookupByPlatformId",outcome="ok"\} 1/);
    expect(text).toMatch(/trained_search_calls_total\{method="searchTracks",outcome="ok"\} 1/);
    expect(text).toMatch(/trained_limiter_queued\{limiter="user"\} 3/);
    const { host, port } = inject('typesense').nodes[0] ?? { host: '', port: 0 };
    expect(text).toContain(`trained_typesense_node_up{node="http://${host}:${port}"} 1`);
    expect(text).toContain('trained_typesense_node_up{node="http://127.0.0.1:1"} 0');
    expect(text).toContain('# TYPE trained_lookup_seconds histogram');
  });

  it('reports not ready when the index is missing or unreachable', async () => {
    const { nodes, adminKey } = inject('typesense');
    const noIndex = new TypesenseSearch({
      client: createTypesenseClient({ nodes, apiKey: adminKey, timeoutMs: 1000 }),
      collection: 'no_such_alias_x',
    });
    const down = new TypesenseSearch({
      client: createTypesenseClient({ nodes: [{ host: '127.0.0.1', port: 1, protocol: 'http' }], apiKey: 'x', timeoutMs: 300, retries: 0 }),
    });
    for (const search of [noIndex, down]) {
      const server = await startOpsServer({ port: 0, host: '127.0.0.1', search, metrics, log: silentLogger });
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
        expect(res.status).toBe(503);
        expect(((await res.json()) as { ready: boolean }).ready).toBe(false);
      } finally {
        await server.close();
      }
    }
  });

  it('answers 404 and 405 for anything else', async () => {
    expect((await fetch(`${base()}/nope`)).status).toBe(404);
    expect((await fetch(`${base()}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
