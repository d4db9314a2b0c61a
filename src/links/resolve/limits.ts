/**
 * One bottleneck limiter per outbound host, at the rate its owner publishes (or a
 * conservative one where nothing is published), with a bounded queue, plus the memory of
 * a 429: a host that asked us to wait is not called again before its Retry-After.
 */
import Bottleneck from 'bottleneck';
import type { SharedQuota } from '../../limits/shared-store.js';
import type { EndpointName } from '../../net/allowlist.js';

export interface RateSpec {
  /** Calls allowed per interval (a reservoir refilled every interval). */
  calls: number;
  intervalMs: number;
  maxConcurrent: number;
  /** Where the figure comes from, for docs/operations.md (Links from every platform) and the evidence in logs. */
  basis: string;
}

export const RATES: Readonly<Record<EndpointName, RateSpec>> = {
  itunes: { calls: 20, intervalMs: 60_000, maxConcurrent: 2, basis: 'Apple: Search API "approximately 20 calls per minute"' },
  deezer: {
    calls: 50,
    intervalMs: 5_000,
    maxConcurrent: 5,
    basis: 'Deezer: 50 requests / 5 s per IP (error code 4 "Quota limit exceeded")',
  },
  youtube: { calls: 60, intervalMs: 60_000, maxConcurrent: 4, basis: 'none published for oEmbed; 60/min chosen' },
  spotify: { calls: 60, intervalMs: 60_000, maxConcurrent: 4, basis: 'none published for oEmbed; 60/min chosen' },
  soundcloud: { calls: 60, intervalMs: 60_000, maxConcurrent: 4, basis: 'none published for oEmbed; 60/min chosen' },
  tidal: { calls: 30, intervalMs: 60_000, maxConcurrent: 2, basis: 'none published (oEmbed undocumented); 30/min chosen' },
  bandcamp: { calls: 20, intervalMs: 60_000, maxConcurrent: 2, basis: 'no API; page fetches kept to 20/min' },
  genius: {
    calls: 20,
    intervalMs: 60_000,
    maxConcurrent: 2,
    basis: 'none published for pages or /api/songs without a token; 20/min chosen',
  },
  shortlinks: { calls: 60, intervalMs: 60_000, maxConcurrent: 4, basis: 'redirect services; 60/min per host chosen' },
};

export class QueueFullError extends Error {
  constructor(host: string) {
    super(`the queue for ${host} is full`);
    this.name = 'QueueFullError';
  }
}

export class RateLimitedError extends Error {
  constructor(
    host: string,
    readonly waitMs: number,
  ) {
    super(`${host} asked us to wait ${Math.ceil(waitMs / 1000)} s`);
    this.name = 'RateLimitedError';
  }
}

/** The calls all bot processes together may make to a host in this window are used up. */
export class QuotaSpentError extends Error {
  constructor(host: string) {
    super(`the calls allowed to ${host} right now are used up (shared by every bot process)`);
    this.name = 'QuotaSpentError';
  }
}

export interface HostLimitsOptions {
  rates?: Partial<Record<EndpointName, RateSpec>> | undefined;
  /** Jobs waiting per host before new ones are refused. */
  highWater?: number | undefined;
  /** A running job is failed after this long (bottleneck `expiration`). */
  jobExpirationMs?: number | undefined;
  /**
   * Each host's rate held across every bot process (Redis, when REDIS_URL is set). The
   * per-process limiter still applies, and alone limits the calls while the store is away.
   */
  shared?: SharedQuota | undefined;
  now: () => number;
}

export class HostLimits {
  private readonly limiters = new Map<string, Bottleneck>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly rates: Record<EndpointName, RateSpec>;

  constructor(private readonly opts: HostLimitsOptions) {
    this.rates = { ...RATES, ...opts.rates };
  }

  private limiterFor(endpoint: EndpointName, host: string): Bottleneck {
    let limiter = this.limiters.get(host);
    if (limiter === undefined) {
      const rate = this.rates[endpoint];
      limiter = new Bottleneck({
        maxConcurrent: rate.maxConcurrent,
        reservoir: rate.calls,
        reservoirRefreshAmount: rate.calls,
        reservoirRefreshInterval: rate.intervalMs,
        highWater: this.opts.highWater ?? 20,
        strategy: Bottleneck.strategy.OVERFLOW,
      });
      this.limiters.set(host, limiter);
    }
    return limiter;
  }

  /** How long this host asked us to wait, from now (0: free to call). */
  waitFor(host: string): number {
    const until = this.blockedUntil.get(host);
    return until === undefined ? 0 : Math.max(0, until - this.opts.now());
  }

  noteRetryAfter(host: string, waitMs: number): void {
    this.blockedUntil.set(host, this.opts.now() + waitMs);
  }

  /** Runs `job` under the host's limiter; a job whose deadline passed while queued does not run. */
  schedule<T>(endpoint: EndpointName, host: string, signal: AbortSignal, job: () => Promise<T>): Promise<T> {
    const limiter = this.limiterFor(endpoint, host);
    const options = { expiration: this.opts.jobExpirationMs ?? 10_000 };
    return limiter
      .schedule(options, async () => {
        signal.throwIfAborted();
        if (this.opts.shared !== undefined) {
          const rate = this.rates[endpoint];
          if ((await this.opts.shared.take(host, rate.calls, rate.intervalMs)) === 'empty') throw new QuotaSpentError(host);
          signal.throwIfAborted();
        }
        return job();
      })
      .catch((error: unknown) => {
        if (error instanceof Bottleneck.BottleneckError && /dropped/i.test(error.message)) throw new QueueFullError(host);
        throw error;
      });
  }

  /** Jobs waiting per limiter key (`endpoint:host`, or `bandcamp`). */
  queued(): Record<string, number> {
    return Object.fromEntries([...this.limiters].map(([key, limiter]) => [key, limiter.queued()]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.limiters.values()].map((l) => l.stop({ dropWaitingJobs: true })));
    this.limiters.clear();
  }
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
