/**
 * Per-user and per-place quotas shared by every bot process through Redis, in one round trip:
 * one Lua script takes a unit from both windows (or from neither), as the link resolvers'
 * shared quota already does for one key (shared-store.ts). Slots (concurrency, bounded queue,
 * expiry) are this process's own and run on the memory backend.
 *
 * Replaces bottleneck's Redis datastore here: a reservoir there costs several commands per take
 * (take, give back on refusal, a second limiter for the place) and its local datastore yields to
 * a timer on every call (~12 ms per lookup measured in bench/core.bench.ts), where the quota only
 * needs two counters.
 */
import { Redis } from 'ioredis';
import { memoryBackend } from './memory-backend.js';
import type { BackendOptions, LimiterBackend } from './rate-limits.js';
import { LimiterStoreError } from './rate-limits.js';

// A window starts with its key's first call and ends windowMs later (the key expires with it).
// A refused unit is given back, so refusals do not eat into the next caller's quota (as in memory-backend.ts).
// Returns {0, 0} admitted, {1, ms} refused by the user's quota, {2, ms} by the place's, where ms is
// how long until that window ends (the same round trip answers "try again in N s").
const ADMIT = `
local u = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if u > tonumber(ARGV[2]) then
  redis.call('DECR', KEYS[1])
  return {1, redis.call('PTTL', KEYS[1])}
end
local p = redis.call('INCR', KEYS[2])
if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
if p > tonumber(ARGV[3]) then
  redis.call('DECR', KEYS[2])
  redis.call('DECR', KEYS[1])
  return {2, redis.call('PTTL', KEYS[2])}
end
return {0, 0}
`;

type AdmitRedis = Redis & {
  trainedAdmit(userKey: string, placeKey: string, windowMs: number, userMax: number, placeMax: number): Promise<[number, number]>;
};

const CLOSE_MS = 2000;

export function redisBackend(opts: BackendOptions & { redisUrl: string }): LimiterBackend {
  const local = memoryBackend(opts);
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) as AdmitRedis;
  // Failures come back through admit(); without a listener ioredis prints every reconnect attempt.
  redis.on('error', () => undefined);
  redis.defineCommand('trainedAdmit', { numberOfKeys: 2, lua: ADMIT });
  // The first connection may still be on its way: one shared wait (the caller bounds it), not a listener per call.
  const firstReady = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  let everReady = false;
  void firstReady.then(() => (everReady = true));
  const key = (kind: 'u' | 'p', k: string): string => `${opts.namespace}:limit:${kind}:${k}`;
  // The window's end of the latest refusal per key, read once by retryAfterMs right after admit().
  const refusedFor = new Map<string, number>();

  return {
    async admit(userKey, placeKey) {
      if (!everReady) await firstReady;
      if (redis.status !== 'ready') throw new LimiterStoreError(new Error(`Redis is ${redis.status}`));
      let answer: [number, number];
      try {
        answer = await redis.trainedAdmit(
          key('u', userKey),
          key('p', placeKey),
          opts.windowMs,
          opts.limits.userPerMinute,
          opts.limits.placePerMinute,
        );
      } catch (err) {
        throw new LimiterStoreError(err);
      }
      const [code, pttl] = answer;
      if (code === 0) return 'ok';
      const quota = code === 1 ? 'user' : 'place';
      // A key with no expiry (PTTL -1) or gone (-2) has no window left to wait for.
      refusedFor.set(`${quota}:${quota === 'user' ? userKey : placeKey}`, Math.max(0, pttl));
      return quota;
    },
    retryAfterMs(quota, k) {
      const id = `${quota}:${k}`;
      const ms = refusedFor.get(id) ?? opts.windowMs;
      refusedFor.delete(id);
      return ms;
    },
    runInSlots: (userKey, placeKey, job) => local.runInSlots(userKey, placeKey, job),
    queued: () => local.queued(),
    async close() {
      await local.close();
      let timer: NodeJS.Timeout | undefined;
      try {
        if (redis.status === 'ready') {
          await Promise.race([redis.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_MS)))]);
        }
      } finally {
        clearTimeout(timer);
        redis.disconnect();
      }
    },
  };
}
