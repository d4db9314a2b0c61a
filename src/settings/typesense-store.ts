/**
 * Per-place settings in a small Typesense collection, so every bot process reads the same
 * settings and they survive restarts. One document per scope (a channel, or a workspace's
 * default); each holds only the fields set at that scope, so a channel overrides its
 * workspace field by field. The bot reaches it with a key scoped to this collection only.
 */
import type { Place } from '../core/types.js';
import type { TypesenseClient } from '../typesense/client.js';
import { cleanPatch, mergeSettings, settingsKeys, type PlaceSettings, type PlaceSettingsStore } from './store.js';

export const SETTINGS_COLLECTION = 'trained_settings';

export function settingsSchema(name = SETTINGS_COLLECTION) {
  return {
    name,
    fields: [
      { name: 'scope', type: 'string' },
      { name: 'autoReply', type: 'bool', optional: true, index: false },
      { name: 'mode', type: 'string', optional: true, index: false },
      { name: 'previews', type: 'bool', optional: true, index: false },
      { name: 'updatedAt', type: 'int64', optional: true, index: false },
    ],
  } as const;
}

/** Creates the collection if it is missing (needs the admin key: setup, not the bot). */
export async function ensureSettingsCollection(admin: TypesenseClient, name = SETTINGS_COLLECTION): Promise<void> {
  try {
    await admin.collections(name).retrieve();
  } catch (err) {
    if ((err as { httpStatus?: number }).httpStatus !== 404) throw err;
    const schema = settingsSchema(name);
    await admin.collections().create({ name: schema.name, fields: schema.fields.map((f) => ({ ...f })) });
  }
}

/** A key that can read and write settings documents and nothing else. */
export async function createSettingsKey(admin: TypesenseClient, name = SETTINGS_COLLECTION): Promise<string> {
  const key = await admin.keys().create({
    description: 'trained bot (settings only)',
    actions: ['documents:get', 'documents:upsert', 'documents:create', 'documents:update', 'documents:search'],
    collections: [name],
  });
  if (key.value === undefined) throw new Error('Typesense returned no key value');
  return key.value;
}

/** Typesense document ids allow any string, but keep them short and free of path characters. */
function docId(key: string): string {
  return Buffer.from(key).toString('base64url');
}

export class TypesenseSettingsStore implements PlaceSettingsStore {
  constructor(
    private readonly client: TypesenseClient,
    private readonly collection = SETTINGS_COLLECTION,
    private readonly now: () => number = Date.now,
  ) {}

  private async read(key: string | undefined): Promise<Partial<PlaceSettings> | undefined> {
    if (key === undefined) return undefined;
    try {
      const doc = (await this.client.collections(this.collection).documents(docId(key)).retrieve()) as Record<string, unknown>;
      return cleanPatch(doc);
    } catch (err) {
      if ((err as { httpStatus?: number }).httpStatus === 404) return undefined;
      throw err;
    }
  }

  async get(place: Place): Promise<PlaceSettings> {
    const { channel, workspace } = settingsKeys(place);
    const [ws, ch] = await Promise.all([this.read(workspace), this.read(channel)]);
    return mergeSettings(ws, ch);
  }

  async set(place: Place, patch: Partial<PlaceSettings>): Promise<PlaceSettings> {
    const key = settingsKeys(place).channel;
    const current = await this.read(key);
    await this.client
      .collections(this.collection)
      .documents()
      .upsert({ id: docId(key), scope: key, ...current, ...cleanPatch(patch), updatedAt: this.now() });
    return this.get(place);
  }
}
