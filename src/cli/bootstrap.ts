/**
 * What `npm start` needs before the bot can answer: a Typesense (configured, or a local
 * server started here), a filled index (the bundled sample when a local index is empty),
 * and the scoped keys the core is given. The admin key stays here; the core never sees it.
 */
import { aliasTarget, createSearchKey } from '../../index-builder/collection.js';
import { MAKE_KEYS, type Config, type TypesenseNode } from '../config.js';
import { TRACKS_ALIAS } from '../index/schema.js';
import type { Logger } from '../log.js';
import type { SearchPort } from '../search/port.js';
import { TypesenseSearch } from '../search/typesense-search.js';
import { MemorySettingsStore, type PlaceSettingsStore } from '../settings/store.js';
import { createSettingsKey, ensureSettingsCollection, TypesenseSettingsStore } from '../settings/typesense-store.js';
import { silentStatus, type StatusLine } from '../status-line.js';
import { createTypesenseClient, type TypesenseClient } from '../typesense/client.js';
import { refuseWriteKeys } from '../typesense/key-check.js';
import { writeNote } from '../typesense/local-note.js';
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

async function buildSample(admin: TypesenseClient, log: Logger, alias: string, status: StatusLine): Promise<void> {
  const { buildSampleIndex } = await import('../../index-builder/sample.js');
  log.info('the index is empty: building it from the bundled sample data');
  status.update('The index is empty: building it from the bundled sample data…');
  const started = Date.now();
  const report = await buildSampleIndex(admin, log, alias);
  status.done(
    `Built the sample index: ${report.imported.toLocaleString('en-US')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

/**
 * A search-only key for `trained lookup`, and the note that lets it find this local server
 * (src/typesense/local-note.ts). `undo` removes both (the note only if it is still ours).
 */
export async function advertiseLocalServer(
  admin: TypesenseClient,
  url: string,
  cacheDir: string,
  alias: string,
  who: string,
): Promise<{ searchKey: string; undo(): Promise<void> }> {
  const searchKey = await createSearchKey(admin, [alias]);
  const id = (await admin.keys().retrieve()).keys.find((k) => k.value_prefix !== undefined && searchKey.startsWith(k.value_prefix))?.id;
  const removeNote = await writeNote(cacheDir, { url, searchKey, alias, pid: process.pid, startedBy: who });
  return {
    searchKey,
    undo: async () => {
      await removeNote();
      if (id !== undefined)
        await admin
          .keys(id)
          .delete()
          .catch(() => undefined);
    },
  };
}

/**
 * `who` names the program in the note that lets `trained lookup` find this local server
 * (src/typesense/local-note.ts); `status` shows the slow steps (download, start, sample build).
 */
export async function startRuntime(
  config: Config,
  log: Logger,
  pathVar: string | undefined,
  opts: { who?: string; status?: StatusLine } = {},
): Promise<Runtime> {
  const status = opts.status ?? silentStatus;
  const handle = await obtainTypesense({ config: config.typesense, log, pathVar, persistent: true, status });
  const alias = config.typesense.alias ?? TRACKS_ALIAS;
  const client = (apiKey: string) => createTypesenseClient({ nodes: handle.nodes, apiKey, timeoutMs: config.typesense.timeoutMs });
  try {
    let searchKey = config.typesense.apiKey;
    let settingsKey = config.typesense.settingsKey;
    if (handle.local !== undefined) {
      const admin = client(requireAdmin(handle).adminKey);
      if (!(await indexHasRows(admin, alias))) await buildSample(admin, log, alias, status);
      const advertised = await advertiseLocalServer(admin, handle.local.url, config.typesense.cacheDir, alias, opts.who ?? 'npm start');
      searchKey = advertised.searchKey;
      await ensureSettingsCollection(admin);
      settingsKey = await createSettingsKey(admin);
      const settingsKeyId = (await admin.keys().retrieve()).keys.find(
        (k) => k.value_prefix !== undefined && settingsKey?.startsWith(k.value_prefix),
      )?.id;
      // Keys made for this run are removed on stop, so a persistent data directory does not collect them.
      const stopServer = handle.stop;
      handle.stop = async () => {
        await advertised.undo();
        if (settingsKeyId !== undefined)
          await admin
            .keys(settingsKeyId)
            .delete()
            .catch(() => undefined);
        await stopServer();
      };
    }
    if (searchKey === undefined) throw new Error(`TYPESENSE_API_KEY is required with TYPESENSE_URL: ${MAKE_KEYS}`);
    if (handle.local === undefined) {
      await refuseWriteKeys(config, log, alias, [
        ['TYPESENSE_API_KEY', searchKey],
        ...(settingsKey === undefined ? [] : [['TYPESENSE_SETTINGS_KEY', settingsKey] as const]),
      ]);
    }
    const search = new TypesenseSearch({ client: client(searchKey), collection: alias });
    let settings: PlaceSettingsStore;
    if (settingsKey === undefined) {
      log.warn(`TYPESENSE_SETTINGS_KEY is not set: per-channel settings are kept in memory and lost on restart; ${MAKE_KEYS}`);
      settings = new MemorySettingsStore();
    } else settings = new TypesenseSettingsStore(client(settingsKey));
    return { nodes: handle.nodes, search, settings, local: handle.local !== undefined, stop: () => handle.stop() };
  } catch (err) {
    await handle.stop();
    throw err;
  }
}
