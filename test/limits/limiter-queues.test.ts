/**
 * Limiter queue depths as /metrics shows them, read from the real limiters while jobs are
 * held in them: the core's per-user and per-place slots (both backends) and the link
 * resolver's per-host limiters.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimitsConfig } from '../../src/config.js';
import type { Place, UserRef } from '../../src/core/types.js';
import { createRateLimiter, MAX_CONCURRENT_PER_KEY } from '../../src/limits/rate-limits.js';
import { createMetrics, type Metrics } from '../../src/ops/metrics.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { deadline, linkOf, startResolverHarness, type ResolverHarness } from '../stand-ins/platforms/harness.js';
import { json } from '../stand-ins/platforms/server.js';

const limits: LimitsConfig = { userPerMinute: 1000, placePerMinute: 1000, queueTimeoutMs: 10_000, redisUrl: undefined };
const place: Place = { platform: 'console', channelId: 'c' };
const user = (id: string): UserRef => ({ id });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every `trained_limiter_queued` sample of one scrape, by limiter label. */
async function scrapeQueues(metrics: Metrics): Promise<Map<string, number>> {
  const text = await metrics.registry.metrics();
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^trained_limiter_queued\{limiter="([^"]+)"\} (\d+)$/gm)) out.set(m[1] ?? '', Number(m[2]));
  return out;
}

/** Scrapes until `done` holds (at most 100 times, 20 ms apart); the last scrape either way. */
async function scrapeUntil(metrics: Metrics, done: (q: Map<string, number>) => boolean): Promise<Map<string, number>> {
  let queues = await scrapeQueues(metrics);
  for (let i = 0; i < 100 && !done(queues); i++) {
    await sleep(20);
    queues = await scrapeQueues(metrics);
  }
  return queues;
}

describe.each(['memory', 'redis'] as const)('rate limiter queues in /metrics (%s backend)', (backend) => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    if (backend === 'redis') redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  it('counts jobs waiting for a user slot and for a place slot while they wait, and none after', async () => {
    const limiter = createRateLimiter({ limits: { ...limits, redisUrl: redis?.url }, backend });
    const metrics = createMetrics();
    metrics.addQueue('user', () => limiter.queued().user);
    metrics.addQueue('place', () => limiter.queued().place);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const held = () => gate.then(() => 'held');
    try {
      expect(await scrapeQueues(metrics)).toEqual(
        new Map([
          ['user', 0],
          ['place', 0],
        ]),
      );
      // One user fills its slots (and the place's) and queues three more; another user's two jobs wait for the place.
      const runs = Array.from({ length: MAX_CONCURRENT_PER_KEY + 3 }, () => limiter.run(user('a'), place, held));
      runs.push(limiter.run(user('b'), place, held), limiter.run(user('b'), place, held));
      const waiting = await scrapeUntil(metrics, (q) => q.get('user') === 3 && q.get('place') === 2);
      expect(waiting).toEqual(
        new Map([
          ['user', 3],
          ['place', 2],
        ]),
      );
      release();
      expect((await Promise.all(runs)).every((r) => r.ok)).toBe(true);
      expect(await scrapeQueues(metrics)).toEqual(
        new Map([
          ['user', 0],
          ['place', 0],
        ]),
      );
    } finally {
      release();
      await limiter.close();
    }
  });
});

describe('link resolver queues in /metrics', () => {
  let h: ResolverHarness;
  beforeAll(async () => {
    h = await startResolverHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts lookups waiting for a host, by limiter key, and none after', async () => {
    const held: ServerResponse[] = [];
    const ids = [5101, 5102, 5103, 5104];
    for (const id of ids) h.standIn.route(`/track/${id}`, (_req, res) => void held.push(res));
    const answer = (res: ServerResponse): void => json(res, 200, { id: 1, title: 'Queued', artist: { name: 'Q' }, album: { title: 'A' } });
    // One Deezer call at a time: the other three wait in the host's limiter.
    const r = h.resolverFor({ rates: { deezer: { calls: 50, intervalMs: 5000, maxConcurrent: 1, basis: 'test' } } });
    const metrics = createMetrics();
    metrics.addQueues('resolve:', () => r.queued());
    const host = `resolve:deezer:${new URL(h.standIn.origin).host}`;
    const pending = ids.map((id) => r.resolve(linkOf(`https://www.deezer.com/track/${id}`), deadline()));
    try {
      const waiting = await scrapeUntil(metrics, (q) => q.get(host) === 3 && held.length === 1);
      expect(waiting).toEqual(new Map([[host, 3]]));
      // Answer each call as it arrives until all four are done.
      for (let answered = 0, i = 0; answered < ids.length && i < 200; i++) {
        const res = held.shift();
        if (res === undefined) await sleep(20);
        else {
          answer(res);
          answered++;
        }
      }
      const outcomes = await Promise.all(pending);
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
      expect(await scrapeQueues(metrics)).toEqual(new Map([[host, 0]]));
    } finally {
      for (const res of held.splice(0)) answer(res);
      await h.closeResolvers();
    }
  });
});
