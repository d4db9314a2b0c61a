/**
 * Reliability check 24 (and 18): the bot refuses a Typesense key that can write unless
 * TYPESENSE_ALLOW_WRITE_KEY is set, its configuration never holds the admin key, and a local
 * server's admin key is not in its command line.
 */
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createSettingsKey } from '../../src/settings/typesense-store.js';
import { checkKeyPowers } from '../../src/typesense/key-check.js';
import { startLocalTypesense } from '../../src/typesense/local-server.js';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { runNode, searchEnv } from '../helpers/processes.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
let writeKey: string;
let settingsKey: string;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  const made = await fx.admin
    .keys()
    .create({ description: 'test: documents:* on one alias', actions: ['documents:*'], collections: [fx.alias] });
  writeKey = made.value ?? '';
  settingsKey = await createSettingsKey(fx.admin);
});
afterAll(async () => {
  await fx.drop();
});

const nodes = () => inject('typesense').nodes;

describe('what a key can do, asked without changing anything', () => {
  it('tells the admin key, a documents:* key and a settings key from a search-only key', async () => {
    const ask = (apiKey: string) => checkKeyPowers({ nodes: nodes(), apiKey, alias: fx.alias, timeoutMs: 2000 });
    expect(await ask(inject('typesense').adminKey)).toEqual({
      kind: 'can-write',
      powers: ['list keys', 'create collections', 'write documents'],
    });
    expect(await ask(writeKey)).toEqual({ kind: 'can-write', powers: ['write documents'] });
    expect(await ask(fx.searchKey)).toEqual({ kind: 'search-only' });
    // The settings key writes its own collection only: on the tracks alias it can only be refused.
    expect(await ask(settingsKey)).toEqual({ kind: 'search-only' });
    // The probes changed nothing: the collection still holds its rows and no collection "{}" appeared.
    const info = await fx.admin.collections(fx.collection).retrieve();
    expect(info.num_documents).toBe(ROWS.length + 1);
  });

  it('says "unchecked" with the reason when no node answers', async () => {
    const verdict = await checkKeyPowers({
      nodes: [{ host: '127.0.0.1', port: 1, protocol: 'http' }],
      apiKey: 'k',
      alias: 'a',
      timeoutMs: 300,
    });
    expect(verdict.kind).toBe('unchecked');
  });
});

describe('the bot and trained lookup refuse a key that can write', () => {
  const lookupEnv = (apiKey: string, extra: Record<string, string> = {}) => ({ ...searchEnv(fx), TYPESENSE_API_KEY: apiKey, ...extra });

  it('trained lookup: exit 1 naming the fix for the admin key and for a documents:* key; runs with the override', async () => {
    for (const key of [inject('typesense').adminKey, writeKey]) {
      const refused = await runNode(['bin/trained.mjs', 'lookup', 'Food - AWOL'], lookupEnv(key));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('TYPESENSE_API_KEY can');
      expect(refused.stderr).toContain('search-only key');
      expect(refused.stderr).toContain('TYPESENSE_ALLOW_WRITE_KEY=true');
      expect(refused.stderr).not.toContain(key);
      expect(refused.stdout).toBe('');
    }
    const allowed = await runNode(['bin/trained.mjs', 'lookup', 'Food - AWOL'], lookupEnv(writeKey, { TYPESENSE_ALLOW_WRITE_KEY: 'true' }));
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('Food');
    const searchOnly = await runNode(['bin/trained.mjs', 'lookup', 'Food - AWOL'], lookupEnv(fx.searchKey));
    expect(searchOnly.code).toBe(0);
  });

  it('npm start: stops with the message before answering anything when given the admin key', { timeout: 60_000 }, async () => {
    const bot = await runNode(['--import', 'tsx', 'src/main.ts'], lookupEnv(inject('typesense').adminKey, { RESOLVE_LINKS: 'false' }), {
      stdin: '/trained help\n',
    });
    expect(bot.code).toBe(1);
    expect(bot.stderr).toContain('TYPESENSE_API_KEY can list keys');
    expect(bot.stdout).not.toContain('/trained song');
  });

  it('the configuration never holds the admin key, even when TYPESENSE_ADMIN_KEY is set beside the bot', () => {
    const config = loadConfig({
      TYPESENSE_URL: 'http://127.0.0.1:8108',
      TYPESENSE_API_KEY: 'search-key-123',
      TYPESENSE_ADMIN_KEY: 'admin-key-456789',
    });
    expect(JSON.stringify(config)).not.toContain('admin-key-456789');
    expect(config.typesense.apiKey).toBe('search-key-123');
  });
});

describe('a local server', () => {
  it('gets its admin key through its environment, not its command line', { timeout: 60_000 }, async () => {
    const binary = inject('typesense').binary;
    expect(binary, 'the suite runs a local Typesense binary').toBeDefined();
    const server = await startLocalTypesense({ binary: binary ?? '', log: silentLogger });
    try {
      const pid = await server.pid();
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      expect(cmdline).toContain('--api-port');
      expect(cmdline).not.toContain(server.apiKey);
      // Nor in any other process's (the watchdog shell that starts it).
      for (const entry of await readdir('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const other = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
        expect(other, `/proc/${entry}/cmdline`).not.toContain(server.apiKey);
      }
      const res = await fetch(`${server.url}/keys`, { headers: { 'x-typesense-api-key': server.apiKey } });
      expect(res.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
