/**
 * Slack HTTP replicas behind one request URL (architecture.md: "Slack: stateless HTTP
 * replicas"): Slack's retry of an event may reach another replica than its first delivery.
 * With a store they share (Redis, REDIS_URL) the event is answered once; with the store gone
 * each replica answers (twice rather than never). Two real Bolt apps, one Web API stand-in,
 * Debian's redis-server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter, type RunningSlackAdapter } from '../../../adapters/slack/index.js';
import { REQUEST_PATH } from '../../../adapters/slack/manifest.js';
import type { TrackRow } from '../../../src/index/document.js';
import { redisStore, type SharedClaims, type SharedQuota } from '../../../src/limits/shared-store.js';
import { silentLogger } from '../../../src/log.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { uniqueName } from '../../helpers/typesense.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { appMention, eventCallback } from '../../stand-ins/slack/payloads.js';
import { sendEvent } from '../../stand-ins/slack/signed-request.js';

const rows: TrackRow[] = [{ dataset: 'laion-disco-12m', rowKey: 'boh00000001', title: 'Bohemian Rhapsody', artists: ['Queen'] }];

let redis: RedisServer;
let h: SlackHarness;
let second: RunningSlackAdapter;
let secondUrl = '';
const stores: (SharedQuota & SharedClaims)[] = [];
let seq = 0;
const nextEventId = (): string => `EvReplica${Date.now()}${++seq}`;

/** What main.ts gives the adapter when REDIS_URL is set: a claim per event id. */
function claimer(namespace: string): (id: string) => Promise<boolean> {
  const store = redisStore({ redisUrl: redis.url, namespace, timeoutMs: 500 });
  stores.push(store);
  return async (id) => (await store.claim(`slack-event:${id}`, 60_000)) !== 'seen';
}

beforeAll(async () => {
  redis = await startRedis();
  const namespace = uniqueName('replicas');
  h = await startSlackHarness({ rows, adapter: { claimEvent: claimer(namespace) } });
  // The second replica: its own Bolt app and Redis connection, the same bot index and settings.
  second = await startSlackAdapter({
    bot: h.bot,
    config: h.slack,
    log: silentLogger,
    host: '127.0.0.1',
    claimEvent: claimer(namespace),
  });
  secondUrl = `http://127.0.0.1:${second.port ?? 0}${REQUEST_PATH}`;
});
afterAll(async () => {
  await second?.stop();
  await h?.stop();
  await Promise.all(stores.map((s) => s.close()));
  await redis?.stop();
});

async function deliverToBoth(ts: string): Promise<number> {
  const before = h.api.callsOf('chat.postMessage').length;
  const body = eventCallback(appMention('<@U0BOT> Bohemian Rhapsody - Queen', ts), nextEventId());
  expect((await h.event(body)).status).toBe(200);
  const retry = await sendEvent(secondUrl, body, {
    secret: TEST_SIGNING_SECRET,
    headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
  });
  expect(retry.status).toBe(200);
  await h.api.waitFor('chat.postMessage', before + 1);
  // Give a second answer, if one were coming, time to arrive.
  await new Promise((r) => setTimeout(r, 1000));
  return h.api.callsOf('chat.postMessage').length - before;
}

describe('Slack replicas sharing a store', () => {
  it('answers an event retried onto the other replica once', async () => {
    expect(await deliverToBoth('1700001000.000100')).toBe(1);
  });

  it('with the store gone, each replica answers: twice rather than never', async () => {
    await redis.stop();
    expect(await deliverToBoth('1700001100.000100')).toBe(2);
  });
});
