import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSearchKey, createTracksCollection, importBatch, pointAlias, writeIndexInfo } from '../../index-builder/collection.js';
import { toDocument, type TrackRow } from '../../src/index/document.js';
import { TRACKS_ALIAS } from '../../src/index/schema.js';
import { silentLogger } from '../../src/log.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient, type TypesenseClient } from '../../src/typesense/client.js';
import { startLocalCluster, type LocalCluster } from '../../src/typesense/cluster.js';
import { freePort, startLocalTypesense } from '../../src/typesense/local-server.js';
import { typesenseBinary } from '../helpers/binary.js';

const rows: TrackRow[] = Array.from({ length: 500 }, (_, i) => ({
  dataset: 'laion-disco-12m',
  rowKey: `id${String(i).padStart(9, '0')}`,
  title: `Song number ${i}`,
  artists: [`Artist ${i % 50}`],
  platformIds: [{ platform: 'youtube' as const, id: `id${String(i).padStart(9, '0')}` }],
}));

async function seed(admin: TypesenseClient): Promise<void> {
  await createTracksCollection(admin, 'tracks_v1');
  await importBatch(admin, 'tracks_v1', rows.map(toDocument));
  await writeIndexInfo(admin, 'tracks_v1', { builtAt: '2026-11-01T00:00:00Z', sample: false, datasets: [] });
  await pointAlias(admin, TRACKS_ALIAS, 'tracks_v1');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a 3-node cluster', () => {
  let cluster: LocalCluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps answering lookups while one node is killed', { timeout: 180_000 }, async () => {
    cluster = await startLocalCluster({ binary: await typesenseBinary(), log: silentLogger });
    const admin = createTypesenseClient({ nodes: cluster.nodes, apiKey: cluster.apiKey, timeoutMs: 5000 });
    // Writes go to the leader; until one is elected the cluster answers 503 (bounded wait).
    for (let i = 0; i < 120; i++) {
      try {
        await seed(admin);
        break;
      } catch {
        await sleep(500);
      }
    }
    const key = await createSearchKey(admin, [TRACKS_ALIAS]);
    // Every node has the data before the stream starts.
    for (const node of cluster.nodes) {
      const one = new TypesenseSearch({ client: createTypesenseClient({ nodes: [node], apiKey: key, timeoutMs: 2000 }) });
      for (let i = 0; i < 100 && (await one.lookupByPlatformId('youtube', 'id000000499').catch(() => [])).length === 0; i++)
        await sleep(200);
    }
    const search = new TypesenseSearch({ client: createTypesenseClient({ nodes: cluster.nodes, apiKey: key, timeoutMs: 1000 }) });

    let ok = 0;
    const failures: string[] = [];
    let killed = false;
    const started = Date.now();
    // A bounded stream: 4 workers for 6 seconds; node 0 is killed after 1.5 s.
    const worker = async (w: number) => {
      for (let i = 0; Date.now() - started < 6000; i++) {
        const n = (w * 97 + i) % rows.length;
        try {
          const found = await search.lookupByPlatformId('youtube', `id${String(n).padStart(9, '0')}`);
          if (found.length === 1) ok++;
          else failures.push(`no match for ${n}`);
        } catch (err) {
          failures.push(String(err));
        }
      }
    };
    const killer = (async () => {
      await sleep(1500);
      await cluster.members[0]?.kill();
      killed = true;
    })();
    await Promise.all([worker(0), worker(1), worker(2), worker(3), killer]);
    expect(killed).toBe(true);
    expect(await cluster.members[0]?.pid()).toBeUndefined();
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(100);
  });
});

describe('Typesense stopped entirely', () => {
  it('fails lookups with SearchUnavailableError, then recovers without a new client', { timeout: 120_000 }, async () => {
    const binary = await typesenseBinary();
    const dataDir = await mkdtemp(join(tmpdir(), 'trained-restart-'));
    const port = await freePort();
    const peeringPort = await freePort();
    const apiKey = 'restart-test-admin-key';
    const start = () => startLocalTypesense({ binary, log: silentLogger, dataDir, apiKey, apiPort: port, peeringPort });
    let server = await start();
    try {
      const admin = createTypesenseClient({ nodes: [{ host: '127.0.0.1', port, protocol: 'http' }], apiKey, timeoutMs: 5000 });
      await seed(admin);
      const key = await createSearchKey(admin, [TRACKS_ALIAS]);
      const search = new TypesenseSearch({
        client: createTypesenseClient({ nodes: [{ host: '127.0.0.1', port, protocol: 'http' }], apiKey: key, timeoutMs: 1000 }),
      });
      expect(await search.lookupByPlatformId('youtube', 'id000000007')).toHaveLength(1);

      await server.stop();
      await expect(search.lookupByPlatformId('youtube', 'id000000007')).rejects.toMatchObject({ name: 'SearchUnavailableError' });

      server = await start();
      // Data and keys survive the restart; the same client recovers (bounded retries while the server loads).
      let found: unknown[] = [];
      for (let i = 0; i < 60 && found.length === 0; i++) {
        found = await search.lookupByPlatformId('youtube', 'id000000007').catch(() => []);
        if (found.length === 0) await sleep(250);
      }
      expect(found).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });
});
