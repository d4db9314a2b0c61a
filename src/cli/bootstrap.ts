/**
 * What `npm start` needs before the bot can answer: a Typesense (configured, or a local
 * server started here), a filled index (the bundled sample when a local index is empty),
 * and the scoped keys the core is given. The admin key stays here; the core never sees it.
 */
import { aliasTarget, createSearchKey } from '../../index-builder/collection.js';
import type { Config, TypesenseNode } from '../config.js';
import { TRACKS_ALIAS } from '../index/schema.js';
import type { Logger } from '../log.js';
import type { SearchPort } from '../search/port.js';
import { TypesenseSearch } from '../search/typesense-search.js';
import { MemorySettingsStore, type PlaceSettingsStore } from '../settings/store.js';
import { createSettingsKey, ensureSettingsCollection, TypesenseSettingsStore } from '../settings/typesense-store.js';
import { createTypesenseClient, type TypesenseClient } from '../typesense/client.js';
import { refuseWriteKeys } from '../typesense/key-check.js';
import { obtainTypesense, requireAdmin } from '../typesense/provider.js';

export interface Runtime {
  /** The Typesense nodes in use (for health probes). */
  nodes: TypesenseNode[];
  search: SearchPort;
  settings: PlaceSettingsStore;
  /** True when the index holds the bundled sample (built now or on an earlier run). */
  local: boolean;
  stop(): Promise<void>;
}

/** The alias exists and its collection holds more than the index-info document. */
async function indexHasRows(admin: TypesenseClient, alias: string): Promise<boolean> {
  const target = await aliasTarget(admin, alias);
  if (target === undefined) return false;
  const collection = await admin.collections(target).retrieve();
  return (collection.num_documents ?? 0) > 1;
}

async function buildSample(admin: TypesenseClient, log: Logger, alias: string): Promise<void> {
  const { buildSampleIndex } = await import('../../index-builder/sample.js');
  log.info('the index is empty: building it from the bundled sample data');
  await buildSampleIndex(admin, log, alias);
}

export async function startRuntime(config: Config, log: Logger, pathVar: string | undefined): Promise<Runtime> {
  const handle = await obtainTypesense({ config: config.typesense, log, pathVar, persistent: true });
  const alias = config.typesense.alias ?? TRACKS_ALIAS;
  const client = (apiKey: string) => createTypesenseClient({ nodes: handle.nodes, apiKey, timeoutMs: config.typesense.timeoutMs });
  try {
    let searchKey = config.typesense.apiKey;
    let settingsKey = config.typesense.settingsKey;
    const createdKeys: number[] = [];
    if (handle.local !== undefined) {
      const admin = client(requireAdmin(handle).adminKey);
      if (!(await indexHasRows(admin, alias))) await buildSample(admin, log, alias);
      searchKey = await createSearchKey(admin, [alias]);
      await ensureSettingsCollection(admin);
      settingsKey = await createSettingsKey(admin);
      const keys = (await admin.keys().retrieve()).keys;
      for (const k of keys)
        if (k.value_prefix !== undefined && [searchKey, settingsKey].some((v) => v.startsWith(k.value_prefix ?? '')))
          createdKeys.push(k.id);
      // Keys made for this run are removed on stop, so a persistent data directory does not collect them.
      const stopServer = handle.stop;
      handle.stop = async () => {
        for (const id of createdKeys)
          await admin
            .keys(id)
            .delete()
            .catch(() => undefined);
        await stopServer();
      };
    }
    if (searchKey === undefined) throw new Error('TYPESENSE_API_KEY is required with TYPESENSE_URL');
    if (handle.local === undefined) {
      await refuseWriteKeys(config, log, alias, [
        ['TYPESENSE_API_KEY', searchKey],
        ...(settingsKey === undefined ? [] : [['TYPESENSE_SETTINGS_KEY', settingsKey] as const]),
      ]);
    }
    const search = new TypesenseSearch({ client: client(searchKey), collection: alias });
    let settings: PlaceSettingsStore;
    if (settingsKey === undefined) {
      log.warn('TYPESENSE_SETTINGS_KEY is not set: per-channel settings are kept in memory and lost on restart');
      settings = new MemorySettingsStore();
    } else settings = new TypesenseSettingsStore(client(settingsKey));
    return { nodes: handle.nodes, search, settings, local: handle.local !== undefined, stop: () => handle.stop() };
  } catch (err) {
    await handle.stop();
    throw err;
  }
}
