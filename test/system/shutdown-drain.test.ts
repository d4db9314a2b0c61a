/**
 * Reliability check 16, the parts a process exit hides: closing the core waits for the
 * answer in flight (the limiters drain) and then closes its clients (the Redis connections
 * of the shared limiter). Both limiter backends, the real core over the real Typesense.
 */
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/log.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { startPausableProxy, type PausableProxy } from '../stand-ins/discord/pausable-proxy.js';

let fx: FixtureIndex;
let proxy: PausableProxy;
let redis: RedisServer;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  const node = inject('typesense').nodes[0] ?? { host: '127.0.0.1', port: 0 };
  proxy = await startPausableProxy(node);
  redis = await startRedis();
});
afterAll(async () => {
  proxy.resume();
  await proxy.stop();
  await redis.stop();
  await fx.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Clients connected to the Redis server, from INFO clients. */
function connectedClients(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('INFO clients\r\n'));
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /connected_clients:(\d+)/.exec(text);
      if (m !== null) {
        socket.destroy();
        resolve(Number(m[1]) - 1); // not counting this one
      }
    });
    socket.on('error', reject);
  });
}

describe.each([
  ['in-process limits', false],
  ['limits shared through Redis', true],
])('closing the core (%s)', (_name, withRedis) => {
  it('waits for the answer in flight, then closes its clients', { timeout: 60_000 }, async () => {
    const config = loadConfig({
      RESOLVE_LINKS: 'false',
      LOOKUP_DEADLINE_MS: '30000',
      ...(withRedis ? { REDIS_URL: redis.url } : {}),
    });
    const search = new TypesenseSearch({
      client: createTypesenseClient({
        nodes: [{ host: proxy.host, port: proxy.port, protocol: 'http' }],
        apiKey: fx.searchKey,
        timeoutMs: 20_000,
      }),
      collection: fx.alias,
      infoTtlMs: 0,
    });
    const baseline = await connectedClients(redis.port);
    const bot = createBot({ search, config, log: silentLogger, settings: new MemorySettingsStore(), commands: COMMANDS });
    const user = { id: 'u1' };
    const place = { platform: 'console' as const, channelId: 'c1' };
    // One answer first, so every client the core opens is open.
    expect(
      (
        await bot.handleCommand({
          command: 'song',
          options: { title: 'Food', artist: 'AWOL' },
          user,
          place,
          platform: 'console',
          surface: 'command',
        })
      ).reply.tone,
    ).toBe('found');
    if (withRedis) expect(await connectedClients(redis.port)).toBeGreaterThan(baseline);

    proxy.pause();
    const answer = bot.handleCommand({
      command: 'song',
      options: { title: 'Food', artist: 'AWOL' },
      user,
      place,
      platform: 'console',
      surface: 'command',
    });
    await sleep(300);
    let closed = false;
    const closing = bot.close().then(() => (closed = true));
    await sleep(800);
    expect(closed).toBe(false); // the limiters still hold the answer in flight
    proxy.resume();
    expect((await answer).reply.tone).toBe('found');
    await closing;
    expect(closed).toBe(true);
    // Every connection the core opened to Redis is closed (ioredis disconnects asynchronously: bounded wait).
    let now = await connectedClients(redis.port);
    for (let i = 0; i < 40 && now > baseline; i++) {
      await sleep(50);
      now = await connectedClients(redis.port);
    }
    expect(now).toBe(baseline);
  });
});
