/**
 * Issue 8, memory: a 5M-row realistic index (× BENCH_SCALE; bench/realistic.ts, all four
 * datasets' shapes). Prints Typesense RSS, RAM per million rows (target <= 0.30 GB), import
 * rate, and the projection to 21.2M rows. The bot's own RSS is measured in a process of its
 * own by the core bench (this process also generates the rows).
 */
import { createTracksCollection, dropCollection, importBatch, pointAlias } from '../index-builder/collection.js';
import { toDocument } from '../src/index/document.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import { join } from 'node:path';
import { locateTypesenseBinary } from '../src/typesense/binary.js';
import { startLocalTypesense, type LocalServer } from '../src/typesense/local-server.js';
import type { BenchContext } from './run.js';
import { RealisticGenerator } from './realistic.js';
import { FULL_ROWS } from './realistic-layouts.js';
import { gb, rssOf } from './stats.js';

export default async function memory(ctx: BenchContext): Promise<void> {
  const rows = Math.round(5_000_000 * ctx.scale);
  // A server of its own: one shared with the other benches already holds their indexes and
  // reuses memory they freed, which makes the per-row figure meaningless.
  const binary = await locateTypesenseBinary({ cacheDir: join(process.cwd(), '.cache'), log: ctx.log, pathVar: process.env.PATH });
  const server = await startLocalTypesense({ binary, log: ctx.log });
  try {
    await measure(rows, server);
  } finally {
    await server.stop();
  }
}

async function measure(rows: number, server: LocalServer): Promise<void> {
  const pid = await server.pid();
  if (pid === undefined) throw new Error('the bench server has no pid');
  const nodes = [{ host: server.host, port: server.port, protocol: 'http' as const }];
  const admin = createTypesenseClient({ nodes, apiKey: server.apiKey, timeoutMs: 120_000 });
  const name = `bench_memory_${Date.now()}`;
  const alias = `${name}_alias`;
  const before = await rssOf(pid);
  await createTracksCollection(admin, name);
  const started = Date.now();
  let batch: object[] = [];
  let done = 0;
  // RSS at a fifth of the rows too: the slope between the two readings is the cost per row, free of fixed costs.
  const fifth = Math.floor(rows / 5 / 10_000) * 10_000;
  let atFifth: number | undefined;
  const generator = await RealisticGenerator.create({ seed: 8 });
  for (const { row } of generator.take(rows)) {
    batch.push(toDocument(row));
    if (batch.length === 10_000) {
      await importBatch(admin, name, batch);
      done += batch.length;
      batch = [];
      if (done === fifth) {
        // Read once the import's own buffers are released, as the final reading is.
        await new Promise((r) => setTimeout(r, 3000));
        atFifth = await rssOf(pid);
      }
      if (done % 500_000 === 0) console.log(`  imported ${done} rows, ${Math.round(done / ((Date.now() - started) / 1000))} rows/s`);
    }
  }
  await importBatch(admin, name, batch);
  const seconds = (Date.now() - started) / 1000;
  await pointAlias(admin, alias, name);
  await new Promise((r) => setTimeout(r, 3000));
  const after = await rssOf(pid);

  const perMillion = atFifth === undefined ? (after - before) / (rows / 1e6) : (after - atFifth) / ((rows - fifth) / 1e6);
  console.log(`rows                         ${rows}`);
  console.log(
    `import                       ${seconds.toFixed(0)} s, ${Math.round(rows / seconds)} rows/s (10k-doc batches, one request at a time)`,
  );
  console.log(`Typesense RSS                ${gb(before)} empty -> ${gb(after)} loaded`);
  console.log(`Typesense RAM per 1M rows    ${gb(perMillion)} (slope between ${fifth} and ${rows} rows; target <= 0.30 GB)`);
  console.log(
    `projection for 21.2M rows    ${gb((perMillion * FULL_ROWS) / 1e6)} Typesense RAM, import ~${(FULL_ROWS / (rows / seconds) / 60).toFixed(0)} min at this rate`,
  );
  await admin.aliases(alias).delete();
  await dropCollection(admin, name);
}
