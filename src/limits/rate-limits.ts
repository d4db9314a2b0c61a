/**
 * Per-user and per-place limits. A request is admitted by taking one unit from the user's
 * and the place's quota for the current window; over the limit, the first refusal in a
 * window says "slow down" and the rest are silent. Admitted work then runs in per-key
 * slots: a few at a time, a bounded queue (overflow is refused as "busy"), and an expiry.
 *
 * Two backends with the same behaviour (both run by test/limits/limits.test.ts against a real Redis):
 * - redis: both quotas taken in one round trip by a Lua script, so they hold across bot
 *   processes; used when REDIS_URL is set (slots stay in the process);
 * - memory, for one process: fixed-window counters and a semaphore per key (bottleneck's
 *   local datastore yielded to a 1 ms timer on every operation, about 12 ms per lookup).
 */
import type { LimitsConfig } from '../config.js';
import type { Place, UserRef } from '../core/types.js';
import { memoryBackend } from './memory-backend.js';
import { redisBackend } from './redis-backend.js';

export const WINDOW_MS = 60_000;
/** Jobs waiting per key beyond this are refused (bounded queue). */
export const HIGH_WATER = 10;
/** Lookups one user or place may run at once. */
export const MAX_CONCURRENT_PER_KEY = 4;
/** Remembered "slow down" notices; older entries are pruned. */
const MAX_NOTICES = 10_000;

export type LimitRefusal = 'slow-down' | 'silent' | 'busy';
/**
 * A quota refusal says when the quota admits this user or place again (whole seconds are what
 * people read: "try again in 42 s"); a full queue ('busy') has no such time.
 */
export type Limited<T> =
  { ok: true; value: T } | { ok: false; refusal: 'slow-down' | 'silent'; retryAfterMs: number } | { ok: false; refusal: 'busy' };

/** Jobs waiting for a slot, summed over the keys of the user slots and of the place slots. */
export interface QueueDepths {
  user: number;
  place: number;
}

export interface RateLimiter {
  run<T>(user: UserRef, place: Place, job: () => Promise<T>): Promise<Limited<T>>;
  /** Read-only, for monitoring (the /metrics endpoint). */
  queued(): QueueDepths;
  close(): Promise<void>;
}

/** What a backend provides: quota admission and slot-limited execution. */
export interface LimiterBackend {
  /** Takes a unit from both quotas, or neither: which quota refused, if one did. */
  admit(userKey: string, placeKey: string): Promise<'ok' | 'user' | 'place'>;
  /** After a refusal: how long until that quota admits the key again (at most one window). */
  retryAfterMs(quota: 'user' | 'place', key: string): number;
  /** Runs the job in the keys' slots; 'busy' when the queue is full or the job expired. */
  runInSlots<T>(userKey: string, placeKey: string, job: () => Promise<T>): Promise<Limited<T>>;
  queued(): QueueDepths;
  close(): Promise<void>;
}

export interface BackendOptions {
  limits: LimitsConfig;
  windowMs: number;
  namespace: string;
  now: () => number;
}

export interface RateLimiterOptions {
  limits: LimitsConfig;
  now?: () => number;
  /** Distinguishes limiter state in a shared Redis (tests, several bots on one Redis). */
  namespace?: string;
  /** Length of one limit window (default one minute; shorter in tests). */
  windowMs?: number;
  /** Default: redis when a Redis URL is configured, memory otherwise. */
  backend?: 'redis' | 'memory';
  /** The shared store (Redis) failed: this request was limited in this process instead. */
  onStoreError?: (err: unknown) => void;
}

/** Longest wait for the shared store (Redis) before a request is limited in this process instead. */
export const STORE_TIMEOUT_MS = 1500;

/** The shared limit store could not be asked (Redis down, or restarted and empty). */
export class LimiterStoreError extends Error {
  constructor(cause: unknown) {
    super(`the shared rate-limit store failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LimiterStoreError';
  }
}

export function userKey(user: UserRef, place: Place): string {
  return `${place.platform}:${user.id}`;
}

export function placeKey(place: Place): string {
  return `${place.platform}:${place.workspaceId ?? '-'}:${place.channelId}`;
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const now = opts.now ?? Date.now;
  const windowMs = opts.windowMs ?? WINDOW_MS;
  const backendOpts: BackendOptions = { limits: opts.limits, windowMs, namespace: opts.namespace ?? 'trained', now };
  const redisUrl = opts.limits.redisUrl;
  const kind = opts.backend ?? (redisUrl === undefined ? 'memory' : 'redis');
  if (kind === 'redis' && redisUrl === undefined) throw new Error('the redis limiter backend needs limits.redisUrl');
  const backend = kind === 'redis' && redisUrl !== undefined ? redisBackend({ ...backendOpts, redisUrl }) : memoryBackend(backendOpts);
  // While the shared store is down, limits still hold per process rather than failing every request.
  const fallback = kind === 'redis' ? memoryBackend(backendOpts) : undefined;
  type Admission = { answer: 'ok' | 'user' | 'place'; by: LimiterBackend };
  const admit = async (uKey: string, pKey: string): Promise<Admission> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      if (fallback === undefined) return { answer: await backend.admit(uKey, pKey), by: backend };
      // A store that does not answer must not hold the request (the first connection may never be made).
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new LimiterStoreError(new Error(`no answer in ${STORE_TIMEOUT_MS} ms`))), STORE_TIMEOUT_MS);
      });
      return { answer: await Promise.race([backend.admit(uKey, pKey), timeout]), by: backend };
    } catch (err) {
      if (!(err instanceof LimiterStoreError) || fallback === undefined) throw err;
      opts.onStoreError?.(err);
      return { answer: await fallback.admit(uKey, pKey), by: fallback };
    } finally {
      clearTimeout(timer);
    }
  };
  const noticed = new Map<string, number>();

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
      const { answer, by } = await admit(uKey, pKey);
      if (answer !== 'ok') {
        const key = answer === 'user' ? uKey : pKey;
        // Timed by the backend that refused (the fallback's own window while the shared store is down).
        return { ok: false, refusal: refuse(`${answer[0]}:${key}`), retryAfterMs: by.retryAfterMs(answer, key) };
      }
      return backend.runInSlots(uKey, pKey, job);
    },
    // Slots always run on the main backend; the fallback only ever admits.
    queued: () => backend.queued(),
    close: async () => {
      await backend.close();
      await fallback?.close();
    },
  };
}
