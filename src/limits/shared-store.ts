/**
 * Call quotas and one-time claims shared by every bot process through Redis (architecture.md: "Limits that must
 * hold across processes (outbound resolvers, per-user quotas) use … Redis when REDIS_URL is
 * set"): one counter per key and window, taken atomically by a Lua script; a claim is one
 * SET NX with an expiry.
 *
 * Plain ioredis rather than bottleneck's Redis datastore, which the per-user quotas use:
 * a quota only needs an atomic counter, and bottleneck's Redis connection leaves promises
 * unhandled while Redis is away ("Stream isn't writeable" from its unsubscribe, "Connection
 * is closed" from its subscriber), which would end the process. Every command here is
 * awaited or caught.
 *
 * The store may go away. Then `take` answers 'unavailable' within `timeoutMs` and the caller
 * goes on under its own, per-process limits; once Redis answers again the counters start
 * afresh (a restarted Redis is empty).
 */
import { Redis } from 'ioredis';

export type QuotaAnswer = 'ok' | 'empty' | 'unavailable';

export interface SharedQuota {
  /** Takes one call from `key`'s window of `perWindow` calls every `windowMs`. */
  take(key: string, perWindow: number, windowMs: number): Promise<QuotaAnswer>;
  close(): Promise<void>;
}

export type ClaimAnswer = 'first' | 'seen' | 'unavailable';

/** Work that one process of several should do once (a Slack event delivered to two replicas). */
export interface SharedClaims {
  /** 'first' for the first claim of `key` within `ttlMs`, across every process. */
  claim(key: string, ttlMs: number): Promise<ClaimAnswer>;
}

export interface RedisStoreOptions {
  redisUrl: string;
  /** Prefix of the keys in Redis, so deployments sharing a Redis stay apart. */
  namespace: string;
  /** Longest wait for the store before answering 'unavailable'. */
  timeoutMs?: number;
  /** Called when the store stops answering (once per outage). */
  onStoreError?: (err: Error) => void;
}

// The window starts with its first call and ends windowMs later (the key expires with it).
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n > tonumber(ARGV[2]) then return 0 end
return 1
`;

type QuotaRedis = Redis & { trainedTake(key: string, windowMs: number, perWindow: number): Promise<number> };

const CLOSE_MS = 2000;

export function redisStore(opts: RedisStoreOptions): SharedQuota & SharedClaims {
  const timeoutMs = opts.timeoutMs ?? 1500;
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) as QuotaRedis;
  // Connection errors come back through take(); without a listener ioredis prints each retry.
  redis.on('error', () => undefined);
  redis.defineCommand('trainedTake', { numberOfKeys: 1, lua: TAKE });
  let everReady = false;
  let gaveUpWaiting = false;
  redis.once('ready', () => (everReady = true));

  // Reported once per outage, not once per call.
  let failing = false;
  const unavailable = (err: Error): void => {
    if (!failing) opts.onStoreError?.(err);
    failing = true;
  };

  /** One command against Redis, bounded by `timeoutMs`; undefined when Redis could not answer. */
  const run = async <T>(command: () => Promise<T>): Promise<T | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      // The first connection may still be on its way: wait for it once, not on every call.
      if (!everReady && !gaveUpWaiting) {
        const ready = await Promise.race([new Promise<'ready'>((resolve) => redis.once('ready', () => resolve('ready'))), timeout]);
        if (ready === 'timeout') {
          gaveUpWaiting = true;
          unavailable(new Error(`Redis not ready in ${timeoutMs} ms`));
          return undefined;
        }
      }
      if (redis.status !== 'ready') {
        unavailable(new Error(`Redis is ${redis.status}`));
        return undefined;
      }
      const answer = command();
      // A late answer after the timeout is dropped, not left unhandled.
      answer.catch(() => undefined);
      const first = await Promise.race([answer, timeout]);
      if (first === 'timeout') {
        unavailable(new Error(`no answer from Redis in ${timeoutMs} ms`));
        return undefined;
      }
      failing = false;
      return first;
    } catch (err) {
      unavailable(err instanceof Error ? err : new Error(String(err)));
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async take(key, perWindow, windowMs) {
      const taken = await run(() => redis.trainedTake(`${opts.namespace}:q:${key}:${perWindow}/${windowMs}`, windowMs, perWindow));
      if (taken === undefined) return 'unavailable';
      return taken === 1 ? 'ok' : 'empty';
    },
    async claim(key, ttlMs) {
      const set = await run(() => redis.set(`${opts.namespace}:c:${key}`, '1', 'PX', ttlMs, 'NX'));
      if (set === undefined) return 'unavailable';
      return set === 'OK' ? 'first' : 'seen';
    },
    async close() {
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
