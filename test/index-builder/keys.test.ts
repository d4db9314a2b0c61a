/**
 * `trained-index keys`: the bot's two keys made with the admin key, printed or written into a
 * .env file (other lines kept), kept while they work, rotated on request; only keys it made are
 * ever deleted.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listKeys } from '../../index-builder/keys.js';
import { SETTINGS_COLLECTION } from '../../src/settings/typesense-store.js';
import { checkKeyPowers } from '../../src/typesense/key-check.js';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { runCli } from '../helpers/index-builder-cli.js';
import { adminClient, fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
let dir: string;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  dir = await mkdtemp(join(tmpdir(), 'trained-keys-'));
});
afterAll(async () => {
  await fx.drop();
  await rm(dir, { recursive: true, force: true });
});

const node = () => inject('typesense').nodes[0];
const base = () => `${node()?.protocol}://${node()?.host}:${node()?.port}`;

async function statusWith(key: string, path: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(`${base()}${path}`, { ...init, headers: { 'x-typesense-api-key': key, 'content-type': 'application/json' } });
  await res.body?.cancel();
  return res.status;
}

/** What the bot does with each key: the search key searches the alias and cannot write; the settings key writes settings only. */
async function expectWorking(values: Record<string, string>): Promise<void> {
  const search = values.TYPESENSE_API_KEY ?? '';
  const settings = values.TYPESENSE_SETTINGS_KEY ?? '';
  expect(await statusWith(search, `/collections/${fx.alias}/documents/search?q=*&query_by=title_norm`)).toBe(200);
  expect((await checkKeyPowers({ nodes: inject('typesense').nodes, apiKey: search, alias: fx.alias, timeoutMs: 2000 })).kind).toBe(
    'search-only',
  );
  const doc = JSON.stringify({ id: 'keys-test', scope: 'keys-test' });
  expect(await statusWith(settings, `/collections/${SETTINGS_COLLECTION}/documents?action=upsert`, { method: 'POST', body: doc })).toBe(
    201,
  );
  expect(await statusWith(settings, `/collections/${fx.alias}/documents/search?q=*&query_by=title_norm`)).toBe(401);
}

describe('trained-index keys', () => {
  it('prints both keys as .env lines on stdout, and they do what the bot needs and no more', async () => {
    const run = await runCli(['keys', '--alias', fx.alias]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TYPESENSE_API_KEY=\S+\nTYPESENSE_SETTINGS_KEY=\S+\n$/);
    expect(run.stderr).toContain(`a search-only key on the alias "${fx.alias}"`);
    await expectWorking(parse(run.stdout));
  });

  it('--write: a new file (0600), then kept as it is while the keys work, other lines untouched', async () => {
    const file = join(dir, 'fresh.env');
    const first = await runCli(['keys', '--alias', fx.alias, '--write', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Wrote TYPESENSE_API_KEY and TYPESENSE_SETTINGS_KEY into ${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expectWorking(parse(await readFile(file)));
    const before = await readFile(file, 'utf8');
    const keysBefore = (await listKeys(adminClient())).length;
    const again = await runCli(['keys', '--alias', fx.alias, '--write', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('still work');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await listKeys(adminClient())).length).toBe(keysBefore);
  });

  it('--write into an existing .env replaces only the two key lines, in place; a key that does not fit is replaced but never deleted unless it is one of ours', async () => {
    const file = join(dir, 'existing.env');
    const admin = inject('typesense').adminKey;
    const original = ['# my settings', 'DISCORD_TOKEN=abc', `export TYPESENSE_API_KEY=${admin}`, 'SLACK_PORT=3000 # comment kept', ''].join(
      '\n',
    );
    await writeFile(file, original, { mode: 0o640 });
    const run = await runCli(['keys', '--alias', fx.alias, '--write', file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Replaced TYPESENSE_API_KEY: not a key this server lists');
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines[0]).toBe('# my settings');
    expect(lines[1]).toBe('DISCORD_TOKEN=abc');
    expect(lines[2]).toMatch(/^TYPESENSE_API_KEY=\S+$/);
    expect(lines[2]).not.toContain(admin);
    expect(lines[3]).toBe('SLACK_PORT=3000 # comment kept');
    expect(lines.slice(4).join('\n')).toMatch(/# Written by trained-index keys, .*\nTYPESENSE_SETTINGS_KEY=\S+\n$/);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    // The admin key that was in the file still works: it was not this command's to delete.
    expect(await statusWith(admin, '/keys')).toBe(200);
    await expectWorking(parse(await readFile(file)));
  });

  it('--rotate: new keys in the file, and the replaced ones deleted from the server', async () => {
    const file = join(dir, 'rotate.env');
    expect((await runCli(['keys', '--alias', fx.alias, '--write', file])).code).toBe(0);
    const old = parse(await readFile(file));
    const rotated = await runCli(['keys', '--alias', fx.alias, '--write', file, '--rotate']);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('deleted 2 replaced keys');
    const now = parse(await readFile(file));
    expect(now.TYPESENSE_API_KEY).not.toBe(old.TYPESENSE_API_KEY);
    expect(now.TYPESENSE_SETTINGS_KEY).not.toBe(old.TYPESENSE_SETTINGS_KEY);
    await expectWorking(now);
    expect(await statusWith(old.TYPESENSE_API_KEY ?? '', `/collections/${fx.alias}/documents/search?q=*&query_by=title_norm`)).toBe(401);
  });

  it('needs a running server and its admin key: one line naming them, exit 1', async () => {
    const noUrl = await runCli(['keys'], { TYPESENSE_URL: '' });
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain('keys needs a running Typesense: set TYPESENSE_URL and TYPESENSE_ADMIN_KEY');
    const refused = await runCli(['keys'], { TYPESENSE_ADMIN_KEY: 'not-the-admin-key' });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/refused TYPESENSE_ADMIN_KEY$/);
    expect(refused.stderr).not.toContain('not-the-admin-key');
  });
});
