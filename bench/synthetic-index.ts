/** A synthetic index shared by the benches of one run: built once per size, reused after. */
import {
  aliasTarget,
  createSearchKey,
  createTracksCollection,
  importBatch,
  pointAlias,
  writeIndexInfo,
} from '../index-builder/collection.js';
import { toDocument, type TrackRow } from '../src/index/document.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import { loadConfig } from '../src/config.js';
import { COMMANDS } from '../commands/index.js';
import { createBot, type BotDeps, type RunningBot } from '../src/core/bot.js';
import { silentLogger } from '../src/log.js';
import { TypesenseSearch } from '../src/search/typesense-search.js';
import { MemorySettingsStore } from '../src/settings/store.js';
import type { BenchContext } from './run.js';
import { syntheticRows } from './synthetic.js';

export interface SyntheticIndex {
  alias: string;
  searchKey: string;
  rows: number;
  /** Every 1000th row, for queries that hit. */
  samples: TrackRow[];
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
  const alias = `bench_synthetic_${rows}`;
  const samples: TrackRow[] = [];
  const started = Date.now();
  const existing = await aliasTarget(admin, alias);
  for (const [i, row] of [...syntheticRows(Math.min(rows, 1000 * 200), { seed: 1 })].entries()) if (i % 1000 === 0) samples.push(row);
  if (existing === undefined) {
    const collection = `${alias}_${Date.now()}`;
    await createTracksCollection(admin, collection);
    let batch: object[] = [];
    for (const row of syntheticRows(rows, { seed: 1 })) {
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
      datasets: [
        {
          id: 'laion-disco-12m',
          name: 'LAION-DISCO-12M',
          publisher: 'synthetic',
          licence: '-',
          homepage: '-',
          version: 'synthetic',
          description: 'synthetic bench rows',
          claimedRows: rows,
          rows,
          rowKeyPlatform: 'youtube',
        },
      ],
    });
    await pointAlias(admin, alias, collection);
  }
  const searchKey = await createSearchKey(admin, [alias]);
  return { alias, searchKey, rows, samples, importSeconds: (Date.now() - started) / 1000 };
}

/** The bot core over a synthetic index, with limits high enough that they never shape a bench. */
export function benchBot(
  ctx: BenchContext,
  index: SyntheticIndex,
  deps: Partial<BotDeps> = {},
): { bot: RunningBot; search: TypesenseSearch; base: string } {
  const node = ctx.typesense.nodes[0];
  if (node === undefined) throw new Error('no Typesense node');
  const base = `${node.protocol}://${node.host}:${node.port}`;
  const config = loadConfig({
    TYPESENSE_URL: base,
    TYPESENSE_API_KEY: index.searchKey,
    RATE_USER_PER_MINUTE: '10000',
    RATE_PLACE_PER_MINUTE: '100000',
  });
  const client = createTypesenseClient({ nodes: ctx.typesense.nodes, apiKey: index.searchKey, timeoutMs: 5000 });
  const search = new TypesenseSearch({ client, collection: index.alias });
  const bot = createBot({ search, config, log: silentLogger, settings: new MemorySettingsStore(), commands: COMMANDS, ...deps });
  return { bot, search, base };
}
