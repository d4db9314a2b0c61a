/** Limits on bottleneck: reservoirs for quotas (Redis-shared through ioredis when configured), Group limiters for slots. */
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import type { BackendOptions, Limited, LimiterBackend } from './rate-limits.js';
import { HIGH_WATER, MAX_CONCURRENT_PER_KEY } from './rate-limits.js';

export function bottleneckBackend(opts: BackendOptions): LimiterBackend {
  const { limits, windowMs, namespace } = opts;
  const redis = limits.redisUrl === undefined ? undefined : new Redis(limits.redisUrl, { maxRetriesPerRequest: 2 });
  const connection = redis === undefined ? undefined : new Bottleneck.IORedisConnection({ client: redis });
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
  const users = quota('user', limits.userPerMinute);
  const places = quota('place', limits.placePerMinute);
  const userSlots = slots();
  const placeSlots = slots();

  const take = async (limiter: Bottleneck): Promise<boolean> => {
    const left = await limiter.incrementReservoir(-1);
    if (left >= 0) return true;
    await limiter.incrementReservoir(1);
    return false;
  };

  return {
    async admit(userKey, placeKey) {
      const u = users.key(userKey);
      if (!(await take(u))) return 'user';
      if (!(await take(places.key(placeKey)))) {
        await u.incrementReservoir(1);
        return 'place';
      }
      return 'ok';
    },
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
    async close() {
      // In-flight lookups finish; then the quota limiters and their Redis connection close.
      const settle = async (step: () => unknown): Promise<void> => {
        try {
          await step();
        } catch {
          // Closing: a limiter that is already stopped or disconnected is fine.
        }
      };
      for (const { limiter } of [...userSlots.limiters(), ...placeSlots.limiters()])
        await settle(() => limiter.stop({ dropWaitingJobs: false }));
      for (const { limiter } of [...users.limiters(), ...places.limiters()]) await settle(() => limiter.disconnect(false));
      await settle(() => users.disconnect(false));
      await settle(() => places.disconnect(false));
      redis?.disconnect();
    },
  };
}
