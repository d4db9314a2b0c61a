import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/typesense/local-server.js';
import type { LimitsConfig } from '../../src/config.js';
import type { Place, UserRef } from '../../src/core/types.js';
import { createRateLimiter, HIGH_WATER, MAX_CONCURRENT_PER_KEY, type RateLimiterOptions } from '../../src/limits/rate-limits.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

const limits = (over: Partial<LimitsConfig> = {}): LimitsConfig => ({
  userPerMinute: 3,
  placePerMinute: 100,
  queueTimeoutMs: 5000,
  redisUrl: undefined,
  ...over,
});
const place: Place = { platform: 'console', channelId: 'c' };
const user = (id: string): UserRef => ({ id });
const job = () => Promise.resolve('done');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(['memory', 'redis'] as const)('rate limits (%s backend)', (kind) => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    if (kind === 'redis') redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  // Each limiter its own namespace: quotas of one test never reach the next.
  let made = 0;
  const make = (opts: RateLimiterOptions) =>
    createRateLimiter({ ...opts, backend: kind, namespace: `t${made++}`, limits: { ...opts.limits, redisUrl: redis?.url } });
  it('admits a user up to the limit, then says "slow down" once, then stays silent until the window passes', async () => {
    const limiter = make({ limits: limits(), windowMs: 400 });
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await limiter.run(user('a'), place, job));
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.refusal))).toEqual(['ok', 'ok', 'ok', 'slow-down', 'silent', 'silent']);
    // Each quota refusal says when the window ends: never later than one window from now.
    for (const o of outcomes.slice(3)) {
      if (o.ok || o.refusal === 'busy') throw new Error('expected a quota refusal');
      expect(o.retryAfterMs).toBeGreaterThan(0);
      expect(o.retryAfterMs).toBeLessThanOrEqual(400);
    }
    // Another user in the same place is not affected.
    expect((await limiter.run(user('b'), place, job)).ok).toBe(true);
    await sleep(900);
    expect(await limiter.run(user('a'), place, job)).toEqual({ ok: true, value: 'done' });
    await limiter.close();
  });

  it('limits a place across users', async () => {
    const limiter = make({ limits: limits({ userPerMinute: 100, placePerMinute: 2 }), windowMs: 60_000 });
    const results = [];
    for (const id of ['a', 'b', 'c', 'd']) results.push(await limiter.run(user(id), place, job));
    expect(results.map((o) => (o.ok ? 'ok' : o.refusal))).toEqual(['ok', 'ok', 'slow-down', 'silent']);
    // The user's unit is given back when the place refuses: a quieter channel still works for them.
    expect((await limiter.run(user('c'), { ...place, channelId: 'other' }, job)).ok).toBe(true);
    await limiter.close();
  });

  it('bounds the queue: a flood of slow jobs is dropped as "busy", not piled up', async () => {
    const limiter = make({ limits: limits({ userPerMinute: 1000, placePerMinute: 1000 }) });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow = () => gate.then(() => 'slow');
    const runs = Array.from({ length: MAX_CONCURRENT_PER_KEY + HIGH_WATER + 5 }, () => limiter.run(user('f'), place, slow));
    // Every run past its quota (a Redis round trip each on that backend) before the gate opens: the queue is full.
    for (let i = 0; i < 250 && limiter.queued().user < HIGH_WATER; i++) await sleep(20);
    await sleep(50);
    release();
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => !o.ok && o.refusal === 'busy').length).toBeGreaterThanOrEqual(5);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(MAX_CONCURRENT_PER_KEY);
    await limiter.close();
  });

  it('expires jobs that hang past the queue timeout, freeing their slots for waiting jobs', async () => {
    const limiter = make({ limits: limits({ userPerMinute: 1000, placePerMinute: 1000, queueTimeoutMs: 200 }) });
    const never = () => new Promise<string>(() => undefined);
    const hung = Array.from({ length: MAX_CONCURRENT_PER_KEY }, () => limiter.run(user('e'), place, never));
    const waited = await limiter.run(user('e'), place, job);
    expect(waited).toEqual({ ok: true, value: 'done' });
    expect(await Promise.all(hung)).toEqual(hung.map(() => ({ ok: false, refusal: 'busy' })));
    await limiter.close();
  });

  it('passes job faults through untouched', async () => {
    const limiter = make({ limits: limits() });
    await expect(limiter.run(user('x'), place, () => Promise.reject(new TypeError('boom')))).rejects.toThrow('boom');
    await limiter.close();
  });
});

describe('with Redis (limits shared by several bot processes)', () => {
  it('two limiters on one Redis share a user quota', async () => {
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    try {
      const config = limits({ redisUrl: `redis://127.0.0.1:${port}`, userPerMinute: 2 });
      const namespace = `t${port}`;
      // Two "processes": separate limiter instances on the same Redis.
      let a = createRateLimiter({ limits: config, namespace });
      for (let i = 0; i < 50; i++) {
        const ok = await a.run(user('probe'), place, job).catch(() => undefined);
        if (ok !== undefined) break;
        await sleep(100);
        await a.close();
        a = createRateLimiter({ limits: config, namespace });
      }
      const b = createRateLimiter({ limits: config, namespace });
      expect((await a.run(user('r'), place, job)).ok).toBe(true);
      expect((await b.run(user('r'), place, job)).ok).toBe(true);
      const refused = await b.run(user('r'), place, job);
      expect(refused).toMatchObject({ ok: false, refusal: 'slow-down' });
      // What is left of the user's window, read from Redis in the same script call (just under a minute here).
      const retry = 'retryAfterMs' in refused ? refused.retryAfterMs : -1;
      expect(retry).toBeGreaterThan(50_000);
      expect(retry).toBeLessThanOrEqual(60_000);
      expect((await a.run(user('r'), place, job)).ok).toBe(false);
      await a.close();
      await b.close();
    } finally {
      redis.kill('SIGTERM');
    }
  });
});
