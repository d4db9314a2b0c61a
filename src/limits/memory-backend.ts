/** Limits for one process without timer hops: fixed-window counters and a semaphore per key. */
import type { BackendOptions, Limited, LimiterBackend } from './rate-limits.js';
import { HIGH_WATER, MAX_CONCURRENT_PER_KEY } from './rate-limits.js';

/** Keys remembered before expired windows are swept. */
const SWEEP_AT = 50_000;

class Quota {
  private readonly windows = new Map<string, { start: number; used: number }>();
  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(key: string): boolean {
    const t = this.now();
    if (this.windows.size >= SWEEP_AT) for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
    let w = this.windows.get(key);
    if (w === undefined || t - w.start >= this.windowMs) {
      w = { start: t, used: 0 };
      this.windows.set(key, w);
    }
    if (w.used >= this.perWindow) return false;
    w.used++;
    return true;
  }

  /** Until this key's window ends (its quota is full again then). */
  resetInMs(key: string): number {
    const w = this.windows.get(key);
    return w === undefined ? 0 : Math.max(0, w.start + this.windowMs - this.now());
  }

  giveBack(key: string): void {
    const w = this.windows.get(key);
    if (w !== undefined && w.used > 0) w.used--;
  }
}

class Busy extends Error {}

/** At most MAX_CONCURRENT_PER_KEY running per key, HIGH_WATER waiting; idle keys are forgotten. */
class Slots {
  private readonly keys = new Map<string, { running: number; waiting: (() => void)[] }>();

  async acquire(key: string): Promise<void> {
    let s = this.keys.get(key);
    if (s === undefined) {
      s = { running: 0, waiting: [] };
      this.keys.set(key, s);
    }
    if (s.running < MAX_CONCURRENT_PER_KEY) {
      s.running++;
      return;
    }
    if (s.waiting.length >= HIGH_WATER) throw new Busy();
    await new Promise<void>((resolve) => s.waiting.push(resolve));
  }

  /** Waiters across all keys. */
  waiting(): number {
    let n = 0;
    for (const s of this.keys.values()) n += s.waiting.length;
    return n;
  }

  release(key: string): void {
    const s = this.keys.get(key);
    if (s === undefined) return;
    const next = s.waiting.shift();
    // The slot passes straight to the next waiter; otherwise it is freed.
    if (next !== undefined) next();
    else if (--s.running === 0) this.keys.delete(key);
  }
}

export function memoryBackend(opts: BackendOptions): LimiterBackend {
  const users = new Quota(opts.limits.userPerMinute, opts.windowMs, opts.now);
  const places = new Quota(opts.limits.placePerMinute, opts.windowMs, opts.now);
  const userSlots = new Slots();
  const placeSlots = new Slots();
  const running = new Set<Promise<unknown>>();

  /** The job's result, or Busy when it outlives the expiration (its slot is freed either way). */
  const expiring = <T>(job: () => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Busy()), opts.limits.queueTimeoutMs);
    });
    const work = job();
    running.add(work);
    void work.catch(() => undefined).finally(() => running.delete(work));
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  };

  return {
    admit(userKey, placeKey) {
      if (!users.take(userKey)) return Promise.resolve('user');
      if (!places.take(placeKey)) {
        users.giveBack(userKey);
        return Promise.resolve('place');
      }
      return Promise.resolve('ok');
    },
    retryAfterMs: (quota, key) => (quota === 'user' ? users : places).resetInMs(key),
    async runInSlots<T>(userKey: string, placeKey: string, job: () => Promise<T>): Promise<Limited<T>> {
      try {
        await userSlots.acquire(userKey);
      } catch (err) {
        if (err instanceof Busy) return { ok: false, refusal: 'busy' };
        throw err;
      }
      try {
        await placeSlots.acquire(placeKey);
        try {
          return { ok: true, value: await expiring(job) };
        } finally {
          placeSlots.release(placeKey);
        }
      } catch (err) {
        if (err instanceof Busy) return { ok: false, refusal: 'busy' };
        throw err;
      } finally {
        userSlots.release(userKey);
      }
    },
    queued: () => ({ user: userSlots.waiting(), place: placeSlots.waiting() }),
    async close() {
      // In-flight lookups finish before the process moves on (a hung one is waited for no longer than its expiry).
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, opts.limits.queueTimeoutMs)));
      await Promise.race([Promise.allSettled([...running]), cap]);
      clearTimeout(timer);
    },
  };
}
