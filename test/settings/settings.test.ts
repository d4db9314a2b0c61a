import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Place } from '../../src/core/types.js';
import { DEFAULT_SETTINGS, MemorySettingsStore, WORKSPACE_CHANNEL, type PlaceSettingsStore } from '../../src/settings/store.js';
import { createSettingsKey, ensureSettingsCollection, TypesenseSettingsStore } from '../../src/settings/typesense-store.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { adminClient, uniqueName } from '../helpers/typesense.js';

const channel: Place = { platform: 'discord', workspaceId: 'g1', channelId: 'c1' };
const sibling: Place = { platform: 'discord', workspaceId: 'g1', channelId: 'c2' };
const workspace: Place = { platform: 'discord', workspaceId: 'g1', channelId: WORKSPACE_CHANNEL };
const dm: Place = { platform: 'discord', channelId: 'dm1' };

const admin = adminClient();
const collection = uniqueName('trained_settings');
let key: string;
beforeAll(async () => {
  await ensureSettingsCollection(admin, collection);
  await ensureSettingsCollection(admin, collection); // idempotent
  key = await createSettingsKey(admin, collection);
});
afterAll(async () => {
  await admin.collections(collection).delete();
});

const scoped = () => createTypesenseClient({ nodes: inject('typesense').nodes, apiKey: key, timeoutMs: 5000 });

function behavesLikeASettingsStore(name: string, make: () => PlaceSettingsStore) {
  describe(name, () => {
    it('starts from the defaults, and a channel overrides its workspace field by field', async () => {
      const store = make();
      expect(await store.get(dm)).toEqual(DEFAULT_SETTINGS);
      await store.set(workspace, { autoReply: true, mode: 'thread' });
      await store.set(channel, { mode: 'reaction' });
      expect(await store.get(channel)).toEqual({ autoReply: true, mode: 'reaction', previews: true });
      expect(await store.get(sibling)).toEqual({ autoReply: true, mode: 'thread', previews: true });
      expect(await store.get({ ...channel, platform: 'slack' })).toEqual(DEFAULT_SETTINGS);
    });
    it('ignores unknown fields and invalid values', async () => {
      const store = make();
      const patch = { mode: 'shout', previews: 'yes', admin: true } as unknown as Record<string, never>;
      expect(await store.set(dm, patch)).toEqual(DEFAULT_SETTINGS);
    });
  });
}

behavesLikeASettingsStore('MemorySettingsStore', () => new MemorySettingsStore());
behavesLikeASettingsStore('TypesenseSettingsStore', () => new TypesenseSettingsStore(scoped(), collection));

describe('TypesenseSettingsStore persistence and key scope', () => {
  it('is shared by two stores (two bot processes) and survives a new client', async () => {
    const place: Place = { platform: 'slack', workspaceId: 'T1', channelId: 'C9' };
    await new TypesenseSettingsStore(scoped(), collection).set(place, { previews: false });
    expect((await new TypesenseSettingsStore(scoped(), collection).get(place)).previews).toBe(false);
  });
  it('holds a key that cannot touch other collections', async () => {
    const client = scoped();
    await expect(client.collections().retrieve()).rejects.toMatchObject({ httpStatus: 401 });
    await expect(client.collections('tracks').documents().search({ q: '*', query_by: 'title_norm' })).rejects.toMatchObject({
      httpStatus: 401,
    });
  });
  it('fails loudly (not silently) when the collection is missing', async () => {
    await expect(new TypesenseSettingsStore(admin, uniqueName('missing')).set(channel, { autoReply: true })).rejects.toBeDefined();
  });
});
