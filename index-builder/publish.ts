/**
 * The build's last step: the index-info document, the autocomplete collection, then (full
 * builds) the alias moved and the old collection dropped. Nothing here runs unless every
 * check of the build passed.
 */
import { INDEX_INFO_ID, type DatasetInfo, type IndexInfo } from '../src/index/schema.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import type { BuildOptions, Plan } from './build.js';
import { dropCollection, pointAlias, writeIndexInfo } from './collection.js';
import { datasetInfo } from './datasets/index.js';
import { countByDataset, deleteState } from './state.js';
import { buildSuggestions, dropStaleSuggestions, swapSuggestions, type SuggestionsReport } from './suggestions.js';
import type { Target } from './target.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function existingInfo(client: TypesenseClient, collection: string): Promise<IndexInfo | undefined> {
  try {
    const doc = (await client.collections(collection).documents(INDEX_INFO_ID).retrieve()) as { info?: string };
    return doc.info === undefined ? undefined : (JSON.parse(doc.info) as IndexInfo);
  } catch {
    return undefined;
  }
}

/** The collection indexes `title_keys`: one created by an older builder (resumed, or built on incrementally) does not. */
async function indexesTitleKeys(client: TypesenseClient, collection: string): Promise<boolean> {
  const schema = await client.collections(collection).retrieve();
  return schema.fields.some((f) => f.name === 'title_keys' && f.index !== false);
}

/** Step 6: the index-info document written, then (full builds) the alias moved and the old collection dropped. */
export async function publish(
  opts: BuildOptions,
  alias: string,
  target: Target,
  plan: Plan,
  after: Map<string, number>,
  builtAt: string,
): Promise<{ replaced: string | undefined; suggestions: SuggestionsReport }> {
  const { client } = opts;
  const datasets = [...new Set(plan.map((p) => p.descriptor.id))];
  const version = (p: Plan[number]): string =>
    opts.sample === true ? `sample: ${p.inputs.map((f) => f.name).join(', ')}` : p.descriptor.version;
  const built: DatasetInfo[] = datasets.map((id) => {
    const p = plan.find((x) => x.descriptor.id === id);
    if (p === undefined) throw new Error(`no plan for ${id}`); // a bug: every dataset here came from the plan
    return datasetInfo(p.descriptor, after.get(id) ?? 0, version(p));
  });
  let infoDatasets = built;
  // An incremental build keeps the rows of the datasets it does not rebuild: hashes only if those had this builder's too.
  const existing = opts.incremental === true ? await existingInfo(client, target.collection) : undefined;
  const hashed = (await indexesTitleKeys(client, target.collection)) && (opts.incremental !== true || existing?.titleHashes === 'dataset');
  const titleHashes = hashed ? ('dataset' as const) : false;
  if (opts.incremental === true) {
    const previous = existing?.datasets ?? [];
    const others = previous.filter((d) => !datasets.includes(d.id));
    const otherCounts = await countByDataset(
      client,
      target.collection,
      others.map((d) => d.id),
    );
    infoDatasets = [...others.map((d) => ({ ...d, rows: otherCounts.get(d.id) ?? d.rows })), ...built];
  }
  const info: IndexInfo = { builtAt, sample: opts.sample === true, datasets: infoDatasets, titleHashes };
  await writeIndexInfo(client, target.collection, info);
  // Autocomplete's short prefixes are answered from the distinct keys of what is about to go live;
  // the same pass over every row counts the title words the fuzzy searches leave out (IndexInfo.titleWords).
  await dropStaleSuggestions(client, alias);
  const suggestions = await buildSuggestions({
    client,
    collection: target.collection,
    alias,
    log: opts.log,
    now: opts.now ?? (() => new Date()),
  });
  await writeIndexInfo(client, target.collection, { ...info, titleWords: suggestions.titleWords });
  if (opts.incremental === true) {
    await swapSuggestions(client, alias, suggestions.collection);
    return { replaced: undefined, suggestions };
  }
  await deleteState(client, target.collection);
  const previous = await pointAlias(client, alias, target.collection);
  await swapSuggestions(client, alias, suggestions.collection);
  if (previous === undefined || previous === target.collection) return { replaced: undefined, suggestions };
  await sleep(opts.dropDelayMs ?? 2000);
  await dropCollection(client, previous);
  return { replaced: previous, suggestions };
}
