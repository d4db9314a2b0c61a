/**
 * The builder under load: a rebuild while the alias is being read (no failed lookups), and a
 * server that answers 503 "Not Ready or Lagging" (backed off, retried, exact counts).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, inject, it } from 'vitest';
import { buildIndex } from '../../index-builder/build.js';
import { createSearchKey } from '../../index-builder/collection.js';
import { buildSampleIndex, SAMPLE_SOURCES } from '../../index-builder/sample.js';
import { silentLogger } from '../../src/log.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { adminClient, dropAliasAndCollection, uniqueName } from '../helpers/typesense.js';

const admin = adminClient();
const aliases: string[] = [];

afterAll(async () => {
  for (const alias of aliases) await dropAliasAndCollection(admin, alias);
});

it('rebuilds while a stream of lookups reads the alias: none fails, the old collection goes', async () => {
  const alias = uniqueName('live');
  aliases.push(alias);
  const first = await buildSampleIndex(admin, silentLogger, alias);
  const { nodes } = inject('typesense');
  const search = new TypesenseSearch({
    client: createTypesenseClient({ nodes, apiKey: await createSearchKey(admin, [alias]), timeoutMs: 5000 }),
    collection: alias,
    infoTtlMs: 0,
  });
  let rebuilding = true;
  let lookups = 0;
  const failures: string[] = [];
  const reader = (async () => {
    for (let i = 0; rebuilding && i < 5000; i++) {
      try {
        const rick = await search.lookupByPlatformId('youtube', 'dQw4w9WgXcQ');
        if (rick.length < 2) failures.push(`lookup ${i}: ${rick.length} matches`);
        const takeOnMe = await search.searchTracks({ title: 'Take On Me', artist: 'a-ha' });
        if (takeOnMe.matches.length < 3) failures.push(`search ${i}: ${takeOnMe.matches.length} matches`);
        lookups += 2;
      } catch (err) {
        failures.push(`${i}: ${(err as Error).message}`);
      }
    }
  })();
  const second = await buildIndex({
    client: admin,
    sources: SAMPLE_SOURCES,
    alias,
    sample: true,
    log: silentLogger,
    progress: false,
    dropDelayMs: 500,
  });
  await new Promise((r) => setTimeout(r, 300)); // lookups keep going a little after the old collection is dropped
  rebuilding = false;
  await reader;
  expect(failures).toEqual([]);
  expect(lookups).toBeGreaterThan(10);
  expect(second.replaced).toBe(first.collection);
  expect(second.collection).not.toBe(first.collection);
  await expect(admin.collections(first.collection).retrieve()).rejects.toMatchObject({ httpStatus: 404 });
  expect((await search.indexInfo())?.sample).toBe(true);
});

it('backs off on 503 and retries until the server takes the batch', async () => {
  const upstream = inject('typesense').nodes[0];
  if (upstream === undefined) throw new Error('no node');
  let refusals = 3;
  let refused = 0;
  // A proxy that answers 503 "Not Ready or Lagging" to the first imports, as a lagging server does.
  const proxy: Server = createServer((req, res) => {
    if (req.url?.includes('/documents/import') === true && refusals > 0) {
      refusals -= 1;
      refused += 1;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"message": "Not Ready or Lagging"}');
      return;
    }
    const out = request({ host: upstream.host, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  try {
    const port = (proxy.address() as AddressInfo).port;
    const client = createTypesenseClient({
      nodes: [{ host: '127.0.0.1', port, protocol: 'http' }],
      apiKey: inject('typesense').adminKey,
      timeoutMs: 5000,
      retries: 0,
    });
    const alias = uniqueName('backoff');
    aliases.push(alias);
    const report = await buildIndex({
      client,
      sources: SAMPLE_SOURCES,
      alias,
      sample: true,
      log: silentLogger,
      progress: false,
      dropDelayMs: 0,
    });
    expect(refused).toBe(3);
    expect(report.backoffs).toBe(3);
    const reference = await buildSampleIndex(admin, silentLogger, `${alias}_ref`);
    aliases.push(`${alias}_ref`);
    expect(report.datasets).toEqual(reference.datasets);
    expect(report.rejected).toBe(0);
  } finally {
    await new Promise<void>((r) => proxy.close(() => r()));
  }
});
