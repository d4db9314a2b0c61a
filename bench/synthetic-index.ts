/**
 * A realistic index (bench/realistic.ts) shared by the benches of one run: built once per size,
 * reused after. The query samples are rows of the very stream that was indexed (every 1000th),
 * so a sampled title is asked with its own artist.
 */
import {
  aliasTarget,
  createSearchKey,
  createTracksCollection,
  importBatch,
  pointAlias,
  writeIndexInfo,
} from '../index-builder/collection.js';
import { toDocument } from '../src/index/document.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import { loadConfig, type TypesenseNode } from '../src/config.js';
import { COMMANDS } from '../commands/index.js';
import { createBot, type BotDeps, type RunningBot } from '../src/core/bot.js';
import { silentLogger } from '../src/log.js';
import { TypesenseSearch, type TypesenseSearchOptions } from '../src/search/typesense-search.js';
import { MemorySettingsStore } from '../src/settings/store.js';
import type { BenchContext } from './run.js';
import type { DatasetInfo } from '../src/index/schema.js';
import { RealisticGenerator, type Sample } from './realistic.js';
import { DATASET_SHARES } from './realistic-layouts.js';

export interface SyntheticIndex {
  alias: string;
  searchKey: string;
  rows: number;
  /** Every 1000th row of the indexed stream, for queries that hit. */
  samples: Sample[];
  importSeconds: number;
}

const built = new Map<number, Promise<SyntheticIndex>>();

export function syntheticIndex(ctx: BenchContext, rows: number): Promise<SyntheticIndex> {
  let index = built.get(rows);
  if (index === undefined) {
    index = buildSyntheticIndex(ctx, rows);
    built.set(rows, index);
  }
  return index;
}

/** Builds (or finds) the index on the context's server, without the per-run cache (the soak bench's own cluster). */
export async function buildSyntheticIndex(ctx: BenchContext, rows: number): Promise<SyntheticIndex> {
  const admin = createTypesenseClient({ nodes: ctx.typesense.nodes, apiKey: ctx.typesense.adminKey, timeoutMs: 120_000 });
  const alias = `bench_realistic_${rows}`;
  const started = Date.now();
  const existing = await aliasTarget(admin, alias);
  const generator = await RealisticGenerator.create({ seed: 1 });
  if (existing !== undefined) {
    // Already indexed by an earlier run on this server: the same stream again, for its samples only.
    for (const generated of generator.take(rows)) void generated;
  } else {
    const collection = `${alias}_${Date.now()}`;
    await createTracksCollection(admin, collection);
    let batch: object[] = [];
    for (const { row } of generator.take(rows)) {
      batch.push(toDocument(row));
      if (batch.length === 10_000) {
        await importBatch(admin, collection, batch);
        batch = [];
      }
    }
    await importBatch(admin, collection, batch);
    await writeIndexInfo(admin, collection, {
      builtAt: new Date().toISOString(),
      sample: false,
      datasets: benchDatasets(rows),
      titleHashes: 'dataset',
    });
    await pointAlias(admin, alias, collection);
  }
  const searchKey = await createSearchKey(admin, [alias]);
  return { alias, searchKey, rows, samples: generator.samples, importSeconds: (Date.now() - started) / 1000 };
}

/** The bot core over a synthetic index, with limits high enough that they never shape a bench. */
export function benchBot(
  ctx: BenchContext,
  index: SyntheticIndex,
  deps: Partial<BotDeps> = {},
): { bot: RunningBot; search: TypesenseSearch; base: string } {
  return botOn({ nodes: ctx.typesense.nodes, alias: index.alias, searchKey: index.searchKey }, deps);
}

/** The bot core over any bench index (the scale bench's own server too), limits as benchBot's; `port` adds to the search port's options. */
export function botOn(
  on: { nodes: readonly TypesenseNode[]; alias: string; searchKey: string },
  deps: Partial<BotDeps> = {},
  port: Partial<TypesenseSearchOptions> = {},
): { bot: RunningBot; search: TypesenseSearch; base: string } {
  const node = on.nodes[0];
  if (node === undefined) throw new Error('no Typesense node');
  const base = `${node.protocol}://${node.host}:${node.port}`;
  const config = loadConfig({
    TYPESENSE_URL: base,
    TYPESENSE_API_KEY: on.searchKey,
    RATE_USER_PER_MINUTE: '10000',
    RATE_PLACE_PER_MINUTE: '100000',
  });
  const client = createTypesenseClient({ nodes: on.nodes, apiKey: on.searchKey, timeoutMs: 5000 });
  const search = new TypesenseSearch({ client, collection: on.alias, ...port });
  const bot = createBot({ search, config, log: silentLogger, settings: new MemorySettingsStore(), commands: COMMANDS, ...deps });
  return { bot, search, base };
}

/** The four datasets as IndexInfo lists them, with their shares of `rows` (LAION and Sleeping-DISCO keyed by platform ids). */
export function benchDatasets(rows: number): DatasetInfo[] {
  const total = DATASET_SHARES.reduce((n, d) => n + d.rows, 0);
  return DATASET_SHARES.map((d) => ({
    id: d.id,
    name: d.id,
    publisher: 'bench',
    licence: '-',
    homepage: '-',
    version: 'realistic bench rows',
    description: 'generated by bench/realistic.ts',
    claimedRows: Math.round((rows * d.rows) / total),
    rows: Math.round((rows * d.rows) / total),
    rowKeyPlatform: d.id === 'laion-disco-12m' ? 'youtube' : d.id === 'spotify-tracks' ? 'spotify' : undefined,
  }));
}
