/** Admin-side operations on the track index: only the index-builder (and test setup) holds the admin key. */
import { indexInfoDocument, suggestAlias, tracksSchema, type IndexInfo } from '../src/index/schema.js';
import type { TypesenseClient } from '../src/typesense/client.js';

export class ImportError extends Error {
  constructor(
    message: string,
    readonly failures: { id: string; error: string }[],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export async function createTracksCollection(client: TypesenseClient, name: string): Promise<void> {
  const schema = tracksSchema(name);
  await client.collections().create({ name: schema.name, fields: schema.fields.map((f) => ({ ...f })) });
}

/**
 * Upserts a batch and checks every line's result: the import endpoint answers 200 even
 * when lines fail. Ids make a retried batch harmless.
 */
export async function importBatch(client: TypesenseClient, collection: string, docs: readonly object[]): Promise<void> {
  if (docs.length === 0) return;
  const body = docs.map((d) => JSON.stringify(d)).join('\n');
  const raw = await client.collections(collection).documents().import(body, { action: 'upsert' });
  const failures: { id: string; error: string }[] = [];
  raw.split('\n').forEach((line, i) => {
    const res = JSON.parse(line) as { success: boolean; error?: string };
    if (!res.success) failures.push({ id: (docs[i] as { id?: string }).id ?? `#${i}`, error: res.error ?? 'unknown' });
  });
  if (failures.length > 0) {
    throw new ImportError(`${failures.length} of ${docs.length} documents failed: ${failures[0]?.error ?? ''}`, failures);
  }
}

export async function writeIndexInfo(client: TypesenseClient, collection: string, info: IndexInfo): Promise<void> {
  await client.collections(collection).documents().upsert(indexInfoDocument(info));
}

/** The collection an alias points at now, or undefined. */
export async function aliasTarget(client: TypesenseClient, alias: string): Promise<string | undefined> {
  try {
    return (await client.aliases(alias).retrieve()).collection_name;
  } catch (err) {
    if ((err as { httpStatus?: number }).httpStatus === 404) return undefined;
    throw err;
  }
}

/** Points the alias at `collection` (atomic on the server) and returns what it pointed at before. */
export async function pointAlias(client: TypesenseClient, alias: string, collection: string): Promise<string | undefined> {
  const previous = await aliasTarget(client, alias);
  await client.aliases().upsert(alias, { collection_name: collection });
  return previous;
}

export async function dropCollection(client: TypesenseClient, name: string): Promise<void> {
  try {
    await client.collections(name).delete();
  } catch (err) {
    if ((err as { httpStatus?: number }).httpStatus !== 404) throw err;
  }
}

/** A key that can only search and read documents through the given aliases or collections, and their autocomplete collections. */
export async function createSearchKey(
  client: TypesenseClient,
  collections: string[],
  description = 'trained bot (search only)',
): Promise<string> {
  const scope = collections.flatMap((c) => [c, suggestAlias(c)]);
  const key = await client.keys().create({ description, actions: ['documents:search', 'documents:get'], collections: scope });
  if (key.value === undefined) throw new Error('Typesense returned no key value');
  return key.value;
}
