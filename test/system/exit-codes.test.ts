/**
 * Reliability check 11 through the real entry point (src/main.ts): a gateway close code that
 * cannot be fixed by reconnecting (4004 bad token, 4014 missing intent) stops the process
 * with exit code 1 and one clear message, before start-up and after it, without a reconnect loop.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROWS } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { startDiscordStandIn, type DiscordStandIn } from '../stand-ins/discord/index.js';

let fx: FixtureIndex;
let dir: string;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS);
  dir = await mkdtemp(join(tmpdir(), 'trained-exit-'));
});
afterAll(async () => {
  await fx.drop();
  await rm(dir, { recursive: true, force: true });
});

let stand: DiscordStandIn | undefined;
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  await stand?.stop();
  stand = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startBot(s: DiscordStandIn, env: Record<string, string> = {}): { exited: Promise<number | null>; stderr: () => string } {
  const node = inject('typesense').nodes[0];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'info',
      TYPESENSE_URL: `${node?.protocol}://${node?.host}:${node?.port}`,
      TYPESENSE_API_KEY: fx.searchKey,
      TYPESENSE_ALIAS: fx.alias,
      TRAINED_CACHE_DIR: dir,
      RESOLVE_LINKS: 'false',
      DISCORD_TOKEN: 'stand-in-bot-token-not-a-secret',
      DISCORD_API_URL: s.rest.apiUrl,
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout.resume();
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { exited, stderr: () => stderr };
}

async function within<T>(p: Promise<T>, ms: number): Promise<T | 'still running'> {
  return Promise.race([p, sleep(ms).then(() => 'still running' as const)]);
}

describe('the bot process on a gateway close code it cannot recover from', () => {
  it('exits 1 with a message naming DISCORD_TOKEN when the gateway refuses the token at start (4004)', { timeout: 60_000 }, async () => {
    stand = await startDiscordStandIn({ refuseIdentify: () => 4004 });
    const bot = startBot(stand);
    expect(await within(bot.exited, 45_000)).toBe(1);
    expect(bot.stderr()).toMatch(/DISCORD_TOKEN/);
    expect(stand.gateway.connections()).toBe(1);
  });

  it('exits 1 naming the Message Content intent when Discord closes with 4014 after start-up', { timeout: 60_000 }, async () => {
    stand = await startDiscordStandIn();
    const bot = startBot(stand, { DISCORD_PASTED_LINKS: 'true' });
    for (let i = 0; i < 400 && !bot.stderr().includes('Discord adapter ready'); i++) await sleep(100);
    expect(bot.stderr()).toContain('Discord adapter ready');
    stand.gateway.closeAll(4014, 'Disallowed intent(s).');
    expect(await within(bot.exited, 30_000)).toBe(1);
    expect(bot.stderr()).toMatch(/Message Content/);
    expect(stand.gateway.connections()).toBe(1);
  });
});
