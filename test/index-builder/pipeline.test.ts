/**
 * The import pipeline keeps the server busy: the next batch is read and made while
 * `concurrency` imports are in flight, across file boundaries too. Driven against the real
 * Typesense with its imports held at a gate, and the source files served over http on
 * 127.0.0.1, so the test sees when each file is asked for.
 */
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracksCollection } from '../../index-builder/collection.js';
import { descriptorFor } from '../../index-builder/datasets/index.js';
import { Progress } from '../../index-builder/progress.js';
import { SourceRun } from '../../index-builder/source-run.js';
import { emptyCheckpoint } from '../../index-builder/state.js';
import { silentLogger } from '../../src/log.js';
import type { TypesenseClient } from '../../src/typesense/client.js';
import { adminClient, uniqueName } from '../helpers/typesense.js';

const fixture = (path: string): string => fileURLToPath(new URL(`../fixtures/index-builder/${path}`, import.meta.url));
const admin = adminClient();
const collections: string[] = [];

/** The client with every document import held until `release()`; `held` counts the imports waiting. */
function gatedClient(client: TypesenseClient): { client: TypesenseClient; held: () => number; release: () => void } {
  let held = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  const gated = Object.create(client) as TypesenseClient;
  gated.collections = ((name: string) => {
    const collection = client.collections(name);
    const wrapped = Object.create(collection) as typeof collection;
    wrapped.documents = ((id?: string) => {
      if (id !== undefined) return collection.documents(id);
      const documents = collection.documents();
      const w = Object.create(documents) as typeof documents;
      w.import = (async (...args: Parameters<typeof documents.import>) => {
        held += 1;
        await gate;
        held -= 1;
        return documents.import(...args);
      }) as typeof documents.import;
      return w;
    }) as typeof collection.documents;
    return wrapped;
  }) as TypesenseClient['collections'];
  return { client: gated, held: () => held, release: () => open() };
}

describe('the import pipeline', () => {
  let server: Server;
  let base: string;
  const asked: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const name = decodeURIComponent(req.url ?? '/').slice(1);
      asked.push(name);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      // Three files of Sleeping-DISCO rows in the published layout: the fixture's two letters, and the first again.
      createReadStream(fixture(`sleeping/${name === 'c.jsonl' ? 'a.jsonl' : name}`)).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    for (const c of collections)
      await admin
        .collections(c)
        .delete()
        .catch(() => undefined);
  });

  it('reads the next file while `concurrency` imports are in flight, and loses no row', async () => {
    const collection = uniqueName('pipeline');
    collections.push(collection);
    await createTracksCollection(admin, collection);
    const descriptor = await descriptorFor('sleeping-disco-9m');
    if (descriptor === undefined) throw new Error('no sleeping-disco-9m descriptor');
    const gate = gatedClient(admin);
    const checkpoint = emptyCheckpoint();
    const run = new SourceRun(
      {
        client: gate.client,
        collection,
        // A file is one batch: each import is one file's rows.
        batchSize: 1000,
        concurrency: 2,
        strict: false,
        log: silentLogger,
        progress: new Progress(undefined, false),
        onCommit: async () => undefined,
      },
      descriptor,
      ['a.jsonl', 'b.jsonl', 'c.jsonl'].map((name) => ({ location: `${base}/${name}`, name })),
      checkpoint,
    ).run();
    // Bounded: at most 5 s for the builder to reach two held imports and the third file.
    let reached = false;
    for (let i = 0; i < 500 && !reached; i++) {
      reached = gate.held() === 2 && asked.includes('c.jsonl');
      if (!reached) await new Promise((r) => setTimeout(r, 10));
    }
    const state = { held: gate.held(), asked: [...asked] };
    gate.release();
    const result = await run;
    expect(state).toEqual({ held: 2, asked: ['a.jsonl', 'b.jsonl', 'c.jsonl'] });
    // Every file's rows committed, in order: the checkpoint ends at the last file. a.jsonl: 18 rows, 11 imported
    // (its hostile rows rejected, as the build test counts them); b.jsonl: 1, a song id a.jsonl also lists; c.jsonl
    // is a.jsonl again. So 11 documents, each upserted again by a later file.
    expect(checkpoint.file).toBe(2);
    expect([checkpoint.read, checkpoint.imported, result.readThisRun]).toEqual([37, 23, 37]);
    const { found } = await admin.collections(collection).documents().search({ q: '*', query_by: 'title_norm', per_page: 0 });
    expect(found).toBe(11);
  });
});
