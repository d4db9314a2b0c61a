/**
 * Per-user and per-place limits (bottleneck). A request is admitted by taking one unit
 * from both reservoirs (refilled every window); over the limit, the first refusal in a
 * window says "slow down" and the rest are silent. Admitted work then runs through the
 * same limiters with a bounded queue and an expiry, so a flood cannot pile up jobs.
 * With a Redis URL the reservoirs live in Redis and hold across bot processes.
 */
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import type { LimitsConfig } from '../config.js';
import type { Place, UserRef } from '../core/types.js';

export const WINDOW_MS = 60_000;
/** Jobs waiting per key beyond this are dropped (bounded queue). */
export const HIGH_WATER = 10;
/** Lookups one user or place may run at once. */
export const MAX_CONCURRENT_PER_KEY = 4;
/** Remembered "slow down" notices; older entries are pruned. */
const MAX_NOTICES = 10_000;

export type LimitRefusal = 'slow-down' | 'silent' | 'busy';
export type Limited<T> = { ok: true; value: T } | { ok: false; refusal: LimitRefusal };

export interface RateLimiter {
  run<T>(user: UserRef, place: Place, job: () => Promise<T>): Promise<Limited<T>>;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  limits: LimitsConfig;
  now?: () => number;
  /** Distinguishes limiter state in a shared Redis (tests, several bots on one Redis). */
  namespace?: string;
  /** Length of one limit window (default one minute; shorter in tests). */
  windowMs?: number;
}

export function userKey(user: UserRef, place: Place): string {
  return `${place.platform}:${user.id}`;
}

export function placeKey(place: Place): string {
  return `${place.platform}:${place.workspaceId ?? '-'}:${place.channelId}`;
}

function isBottleneckError(err: unknown): boolean {
  return err instanceof Bottleneck.BottleneckError;
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const { limits } = opts;
  const now = opts.now ?? Date.now;
  const ns = opts.namespace ?? 'trained';
  const windowMs = opts.windowMs ?? WINDOW_MS;
  const redis = limits.redisUrl === undefined ? undefined : new Redis(limits.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const connection = redis === undefined ? undefined : new Bottleneck.IORedisConnection({ client: redis });
  const shared = connection === undefined ? {} : { datastore: 'ioredis' as const, connection, clearDatastore: false };
  // Reservoirs: the per-window quotas (shared through Redis when configured). No jobs run on them.
  const quota = (id: string, perWindow: number): Bottleneck.Group =>
    new Bottleneck.Group({
      id: `${ns}-${id}`,
      reservoir: perWindow,
      reservoirRefreshAmount: perWindow,
      reservoirRefreshInterval: windowMs,
      // An idle key's limiter is forgotten after a while; its reservoir starts full again.
      timeout: Math.max(windowMs * 2, 60_000),
      ...shared,
    });
  // Slots: concurrency and a bounded queue per key, in this process (the queue is this process's memory).
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
  const noticed = new Map<string, number>();

  const take = async (limiter: Bottleneck): Promise<boolean> => {
    const left = await limiter.incrementReservoir(-1);
    if (left >= 0) return true;
    await limiter.incrementReservoir(1);
    return false;
  };

  const refuse = (key: string): LimitRefusal => {
    const t = now();
    const until = noticed.get(key);
    if (until !== undefined && until > t) return 'silent';
    if (noticed.size >= MAX_NOTICES) for (const [k, u] of noticed) if (u <= t) noticed.delete(k);
    noticed.set(key, t + windowMs);
    return 'slow-down';
  };

  return {
    async run<T>(user: UserRef, place: Place, job: () => Promise<T>): Promise<Limited<T>> {
      const uKey = userKey(user, place);
      const pKey = placeKey(place);
      const u = users.key(uKey);
      const p = places.key(pKey);
      if (!(await take(u))) return { ok: false, refusal: refuse(`u:${uKey}`) };
      if (!(await take(p))) {
        await u.incrementReservoir(1);
        return { ok: false, refusal: refuse(`p:${pKey}`) };
      }
      const options = { expiration: limits.queueTimeoutMs };
      try {
        const value = await userSlots.key(uKey).schedule(options, () => placeSlots.key(pKey).schedule(options, job));
        return { ok: true, value };
      } catch (err) {
        if (isBottleneckError(err)) return { ok: false, refusal: 'busy' };
        throw err;
      }
    },
    async close(): Promise<void> {
      await Promise.all([users.disconnect(false), places.disconnect(false)]).catch(() => undefined);
      for (const { limiter } of [...users.limiters(), ...places.limiters()])
        await limiter.stop({ dropWaitingJobs: false }).catch(() => undefined);
      redis?.disconnect();
    },
  };
}
