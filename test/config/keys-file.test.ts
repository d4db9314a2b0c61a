/**
 * The bot's keys: a bot given a server but no search key refuses to start and names the
 * command that makes one; TYPESENSE_KEYS_FILE (written by `trained-index keys --write`, in
 * compose by the setup job) fills the keys the environment leaves empty, never over a key set.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { runNode } from '../helpers/processes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trained-keysfile-'));
  await writeFile(
    join(dir, 'typesense-keys.env'),
    '# Written by trained-index keys\nTYPESENSE_API_KEY=search-from-file\nTYPESENSE_SETTINGS_KEY=settings-from-file\n',
    { mode: 0o600 },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const URL_ONLY = { TYPESENSE_URL: 'http://127.0.0.1:8108' };

describe("the bot's keys", () => {
  it('a server without a search key: the configuration is refused, naming trained-index keys', () => {
    expect(() => loadConfig(URL_ONLY, dir)).toThrow(ConfigError);
    expect(() => loadConfig(URL_ONLY, dir)).toThrow(/TYPESENSE_API_KEY .* is required .*`trained-index keys`/);
  });

  it('npm start says so, without a stack trace, and exits 1', async () => {
    const run = await runNode(['--import', 'tsx', 'src/main.ts'], URL_ONLY, { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toContain('trained-index keys');
  });

  it('TYPESENSE_KEYS_FILE fills both keys where the environment leaves them empty', () => {
    const config = loadConfig({ ...URL_ONLY, TYPESENSE_KEYS_FILE: 'typesense-keys.env', TYPESENSE_API_KEY: '' }, dir);
    expect(config.typesense.apiKey).toBe('search-from-file');
    expect(config.typesense.settingsKey).toBe('settings-from-file');
  });

  it('a key set in the environment wins over the file', () => {
    const config = loadConfig({ ...URL_ONLY, TYPESENSE_KEYS_FILE: 'typesense-keys.env', TYPESENSE_API_KEY: 'set-by-hand' }, dir);
    expect(config.typesense.apiKey).toBe('set-by-hand');
    expect(config.typesense.settingsKey).toBe('settings-from-file');
  });

  it('an unreadable file is named, with the command that writes it', () => {
    expect(() => loadConfig({ ...URL_ONLY, TYPESENSE_KEYS_FILE: 'missing.env' }, dir)).toThrow(
      /TYPESENSE_KEYS_FILE=missing\.env cannot be read \(ENOENT\): make the bot's keys with `trained-index keys`/,
    );
  });
});
