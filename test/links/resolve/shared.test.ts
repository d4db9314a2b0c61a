/**
 * Outbound rates held across bot processes (architecture.md: "Limits that must hold across
 * processes (outbound resolvers, …)" live in Redis when REDIS_URL is set).
 * Two resolvers, each with its own Redis connection as two processes would have, share one
 * Deezer quota on Debian's redis-server; with Redis gone, each carries on under its own limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore, type SharedQuota } from '../../../src/limits/shared-store.js';
import type { RateSpec } from '../../../src/links/resolve/limits.js';
import type { ResolveOutcome } from '../../../src/links/types.js';
import { freePort } from '../../../src/typesense/local-server.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import { deadline, linkOf, startResolverHarness, type ResolverHarness } from '../../stand-ins/platforms/harness.js';
import { json } from '../../stand-ins/platforms/server.js';

let h: ResolverHarness;
let redis: RedisServer;
const quotas: SharedQuota[] = [];

beforeAll(async () => {
  [h, redis] = await Promise.all([startResolverHarness(), startRedis({ restartable: true })]);
  for (const id of [70000, 70001, 70002, 70003, 70004, 71000])
    h.standIn.route(`/track/${id}`, (_req, res) =>
      json(res, 200, { id, title: `Shared ${id}`, artist: { name: 'Quota' }, album: { title: 'Window' } }),
    );
});
afterAll(async () => {
  await h.closeResolvers();
  await Promise.all(quotas.map((q) => q.close()));
  await Promise.all([h.close(), redis.stop()]);
});

function quota(namespace: string, onStoreError?: (err: Error) => void): SharedQuota {
  const q = redisStore({ redisUrl: redis.url, namespace, timeoutMs: 500, ...(onStoreError === undefined ? {} : { onStoreError }) });
  quotas.push(q);
  return q;
}

const THREE_PER_MINUTE: Partial<Record<'deezer', RateSpec>> = {
  deezer: { calls: 3, intervalMs: 60_000, maxConcurrent: 5, basis: 'test' },
};

describe('outbound rates shared through Redis', () => {
  it('two processes together make no more calls to a host than its rate allows', async () => {
    const a = h.resolverFor({ rates: THREE_PER_MINUTE, sharedQuota: quota('shared-a') });
    const b = h.resolverFor({ rates: THREE_PER_MINUTE, sharedQuota: quota('shared-a') });
    const outcomes: ResolveOutcome[] = [];
    const { hits } = await h.hitsDuring(async () => {
      for (const [i, r] of [a, b, a, b, a].entries())
        outcomes.push(await r.resolve(linkOf(`https://www.deezer.com/track/7000${i}`), deadline()));
    });
    // Each process alone would allow 3 (its own limiter): 5 calls would go out without the shared quota.
    expect(hits).toHaveLength(3);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.slice(3)).toEqual([
      { ok: false, reason: 'failed', detail: expect.stringMatching(/used up \(shared by every bot process\)/) as unknown },
      { ok: false, reason: 'failed', detail: expect.stringMatching(/used up/) as unknown },
    ]);
  });

  it('with Redis gone, answers "unavailable" in time, reports the outage once, and shares again once Redis is back', async () => {
    const errors: Error[] = [];
    const q = quota('shared-outage', (err) => errors.push(err));
    expect(await q.take('deezer:api.deezer.com', 2, 60_000)).toBe('ok');

    await redis.stop();
    const started = Date.now();
    const during = [await q.take('deezer:api.deezer.com', 2, 60_000), await q.take('deezer:api.deezer.com', 2, 60_000)];
    expect(during).toEqual(['unavailable', 'unavailable']);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(errors).toHaveLength(1);

    // A resolver goes on under its own limit meanwhile: the call is made.
    const r = h.resolverFor({ rates: THREE_PER_MINUTE, sharedQuota: q });
    const { value, hits } = await h.hitsDuring(() => r.resolve(linkOf('https://www.deezer.com/track/71000'), deadline()));
    expect(value).toMatchObject({ ok: true, track: { title: 'Shared 71000' } });
    expect(hits).toEqual(['/track/71000']);

    // Redis is back, empty: the key is made again and the window counts from zero.
    await redis.start();
    const after: string[] = [];
    for (let i = 0; i < 20 && !after.includes('empty'); i++) {
      after.push(await q.take('deezer:api.deezer.com', 2, 60_000));
      if (after.at(-1) === 'unavailable') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(after.filter((x) => x === 'ok')).toHaveLength(2);
    expect(after.at(-1)).toBe('empty');
  });

  it('with no Redis at start-up, waits for it once, then answers "unavailable" at once', async () => {
    const closed = await freePort();
    const q = redisStore({ redisUrl: `redis://127.0.0.1:${closed}`, namespace: 'shared-none', timeoutMs: 500 });
    quotas.push(q);
    const first = Date.now();
    expect(await q.take('deezer:api.deezer.com', 2, 60_000)).toBe('unavailable');
    expect(Date.now() - first).toBeLessThan(1500);
    const second = Date.now();
    expect(await q.take('deezer:api.deezer.com', 2, 60_000)).toBe('unavailable');
    expect(Date.now() - second).toBeLessThan(250);
  });
});
