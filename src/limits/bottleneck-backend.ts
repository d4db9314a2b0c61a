/** Limits on bottleneck: reservoirs for quotas (Redis-shared through ioredis when configured), Group limiters for slots. */
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import type { BackendOptions, Limited, LimiterBackend } from './rate-limits.js';
import { HIGH_WATER, LimiterStoreError, MAX_CONCURRENT_PER_KEY } from './rate-limits.js';

const CLOSE_STEP_MS = 2000;

export function bottleneckBackend(opts: BackendOptions): LimiterBackend {
  const { limits, windowMs, namespace } = opts;
  const redis =
    limits.redisUrl === undefined ? undefined : new Redis(limits.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false });
  const connection = redis === undefined ? undefined : new Bottleneck.IORedisConnection({ client: redis });
  let everReady = false;
  redis?.once('ready', () => (everReady = true));
  const shared = connection === undefined ? {} : { datastore: 'ioredis' as const, connection, clearDatastore: false };
  // Quotas: reservoirs refilled every window. No jobs run on them.
  const quota = (id: string, perWindow: number): Bottleneck.Group =>
    new Bottleneck.Group({
      id: `${namespace}-${id}`,
      reservoir: perWindow,
      reservoirRefreshAmount: perWindow,
      reservoirRefreshInterval: windowMs,
      // An idle key's limiter is forgotten after a while; its reservoir starts full again.
      timeout: Math.max(windowMs * 2, 60_000),
      ...shared,
    });
  // Slots: concurrency and a bounded queue per key, in this process (the queue is this process's memory).
  // Bottleneck counts a job's weight against maxConcurrent, so slots cannot share the quota limiters.
  const slots = (): Bottleneck.Group =>
    new Bottleneck.Group({
      maxConcurrent: MAX_CONCURRENT_PER_KEY,
      highWater: HIGH_WATER,
      strategy: Bottleneck.strategy.OVERFLOW,
      timeout: 60_000,
    });
  const waiting = (group: Bottleneck.Group): number => group.limiters().reduce((n, { limiter }) => n + limiter.queued(), 0);
  const users = quota('user', limits.userPerMinute);
  const places = quota('place', limits.placePerMinute);
  const userSlots = slots();
  const placeSlots = slots();

  // Keys whose limiter lost its Redis state (Redis down, or restarted empty: every call then
  // fails with SETTINGS_KEY_NOT_FOUND). Their limiter is dropped and made again, which
  // registers it in Redis anew, once Redis answers.
  const stale = new Set<string>();
  const limiterFor = async (group: Bottleneck.Group, name: string, key: string): Promise<Bottleneck> => {
    if (stale.has(`${name}:${key}`)) {
      await group.deleteKey(key);
      stale.delete(`${name}:${key}`);
    }
    return group.key(key);
  };

  const take = async (limiter: Bottleneck): Promise<boolean> => {
    const left = await limiter.incrementReservoir(-1);
    if (left >= 0) return true;
    await limiter.incrementReservoir(1);
    return false;
  };

  return {
    async admit(userKey, placeKey) {
      // While Redis is away, bottleneck is not touched at all: its Redis connection leaves some of
      // its own promises unhandled when a command fails (seen: unsubscribe on disconnect), which
      // would end the process. The caller limits in this process meanwhile.
      // At start-up the first connection is still being made: wait for it (the caller bounds the wait).
      if (redis !== undefined && !everReady) await new Promise((resolve) => redis.once('ready', resolve));
      if (redis !== undefined && redis.status !== 'ready') {
        stale.add(`user:${userKey}`);
        stale.add(`place:${placeKey}`);
        throw new LimiterStoreError(new Error(`Redis is ${redis.status}`));
      }
      try {
        const u = await limiterFor(users, 'user', userKey);
        if (!(await take(u))) return 'user';
        if (!(await take(await limiterFor(places, 'place', placeKey)))) {
          await u.incrementReservoir(1);
          return 'place';
        }
        return 'ok';
      } catch (err) {
        if (redis === undefined) throw err;
        stale.add(`user:${userKey}`);
        stale.add(`place:${placeKey}`);
        throw new LimiterStoreError(err);
      }
    },
    // A reservoir is refilled every window from its limiter's creation, a phase bottleneck does not
    // expose: the whole window is the honest bound (the quota is full again by then).
    retryAfterMs: () => windowMs,
    async runInSlots<T>(userKey: string, placeKey: string, job: () => Promise<T>): Promise<Limited<T>> {
      const options = { expiration: limits.queueTimeoutMs };
      try {
        const value = await userSlots.key(userKey).schedule(options, () => placeSlots.key(placeKey).schedule(options, job));
        return { ok: true, value };
      } catch (err) {
        if (err instanceof Bottleneck.BottleneckError) return { ok: false, refusal: 'busy' };
        throw err;
      }
    },
    queued: () => ({ user: waiting(userSlots), place: waiting(placeSlots) }),
    async close() {
      // In-flight lookups finish; then the quota limiters and their Redis connection close.
      // Each step is bounded: after a Redis restart a bottleneck disconnect can wait forever, and shutdown must not.
      const settle = async (step: () => unknown): Promise<void> => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([step(), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_STEP_MS)))]);
        } catch {
          // Closing: a limiter that is already stopped or disconnected is fine.
        } finally {
          clearTimeout(timer);
        }
      };
      for (const { limiter } of [...userSlots.limiters(), ...placeSlots.limiters()])
        await settle(() => limiter.stop({ dropWaitingJobs: false }));
      for (const { limiter } of [...users.limiters(), ...places.limiters()]) await settle(() => limiter.disconnect(true));
      await settle(() => users.disconnect(true));
      await settle(() => places.disconnect(true));
      // The connection also owns a duplicate subscriber client: closing only ours left a socket open and the process alive.
      await settle(() => connection?.disconnect(true));
    },
  };
}
