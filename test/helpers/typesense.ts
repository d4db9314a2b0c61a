import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import {
  aliasTarget,
  createSearchKey,
  createTracksCollection,
  dropCollection,
  importBatch,
  pointAlias,
  writeIndexInfo,
} from '../../index-builder/collection.js';
import { toDocument, type TrackRow } from '../../src/index/document.js';
import type { IndexInfo, TrackDocument } from '../../src/index/schema.js';
import { createTypesenseClient, type TypesenseClient } from '../../src/typesense/client.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';

export function adminClient(): TypesenseClient {
  const { nodes, adminKey } = inject('typesense');
  return createTypesenseClient({ nodes, apiKey: adminKey, timeoutMs: 5000 });
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export interface FixtureIndex {
  alias: string;
  collection: string;
  searchKey: string;
  search: TypesenseSearch;
  admin: TypesenseClient;
  drop(): Promise<void>;
}

/**
 * A collection of the given rows behind its own alias, read with a search-only key as the bot
 * would. `document`: what an older builder made of a row instead of toDocument's document.
 */
export async function fixtureIndex(
  rows: TrackRow[],
  info?: Partial<IndexInfo>,
  document: (doc: TrackDocument) => TrackDocument = (doc) => doc,
): Promise<FixtureIndex> {
  const admin = adminClient();
  const alias = uniqueName('tracks');
  const collection = `${alias}_c1`;
  await createTracksCollection(admin, collection);
  const datasets = [...new Set(rows.map((r) => r.dataset))];
  // A dataset whose every row is keyed by one platform's id is looked up through document ids, as the builder records it.
  const rowKeyPlatform = new Map(
    datasets.map((d) => {
      const own = rows.filter((r) => r.dataset === d);
      const platform = own[0]?.platformIds?.find((p) => p.id === own[0]?.rowKey)?.platform;
      const all = platform !== undefined && own.every((r) => r.platformIds?.some((p) => p.platform === platform && p.id === r.rowKey));
      return [d, all ? platform : undefined] as const;
    }),
  );
  await importBatch(
    admin,
    collection,
    rows.map((r) => document(toDocument({ ...r, rowKeyPlatform: rowKeyPlatform.get(r.dataset) }))),
  );
  await writeIndexInfo(admin, collection, {
    builtAt: '2026-11-01T00:00:00.000Z',
    sample: false,
    // Rows made by toDocument into the current schema: each dataset's title hashes, as a full build records them.
    titleHashes: 'dataset',
    datasets: datasets.map((id) => ({
      id,
      name: id,
      publisher: 'test',
      licence: 'test',
      homepage: 'https://example.org',
      version: 'v1',
      description: 'fixture',
      claimedRows: rows.filter((r) => r.dataset === id).length,
      rows: rows.filter((r) => r.dataset === id).length,
      rowKeyPlatform: rowKeyPlatform.get(id),
    })),
    ...info,
  });
  await pointAlias(admin, alias, collection);
  const searchKey = await createSearchKey(admin, [alias]);
  const { nodes } = inject('typesense');
  const search = new TypesenseSearch({
    client: createTypesenseClient({ nodes, apiKey: searchKey, timeoutMs: 5000 }),
    collection: alias,
    infoTtlMs: 0,
  });
  return {
    alias,
    collection,
    searchKey,
    search,
    admin,
    drop: async () => {
      await admin
        .aliases(alias)
        .delete()
        .catch(() => undefined);
      await dropCollection(admin, collection);
    },
  };
}

/** Test clean-up: an alias and the collection it points at, whichever of them exists. */
export async function dropAliasAndCollection(admin: TypesenseClient, alias: string): Promise<void> {
  const target = await aliasTarget(admin, alias).catch(() => undefined);
  await admin
    .aliases(alias)
    .delete()
    .catch(() => undefined);
  if (target !== undefined) await dropCollection(admin, target);
}
