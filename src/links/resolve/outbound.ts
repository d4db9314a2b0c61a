/**
 * Outbound calls for the resolvers: the safe fetcher behind each host's limiter, with a
 * 429's Retry-After honoured (one bounded retry) and remembered for later calls.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { canonicalHost, type EndpointName } from '../../net/allowlist.js';
import type { SafeFetcher, SafeFetchResponse } from '../../net/safe-fetch.js';
import { RateLimitedError, retryAfterMs, type HostLimits } from './limits.js';

/** Base URLs of each endpoint; tests point them at stand-ins on 127.0.0.1. */
export interface EndpointBases {
  itunes: string;
  deezer: string;
  youtube: string;
  spotify: string;
  soundcloud: string;
  tidal: string;
  /** TIDAL track pages (read when oEmbed names no artist). */
  tidalPages: string;
  /** undefined: the link's own https://{artist}.bandcamp.com origin. */
  bandcamp: string | undefined;
  /** undefined: the short link's own origin. */
  shortlinks: string | undefined;
  /** Genius pages and its song API; undefined: https://genius.com itself. */
  genius?: string | undefined;
}

export const DEFAULT_ENDPOINT_BASES: EndpointBases = {
  itunes: 'https://itunes.apple.com',
  deezer: 'https://api.deezer.com',
  youtube: 'https://www.youtube.com',
  spotify: 'https://open.spotify.com',
  soundcloud: 'https://soundcloud.com',
  tidal: 'https://oembed.tidal.com',
  tidalPages: 'https://tidal.com',
  bandcamp: undefined,
  shortlinks: undefined,
};

export interface OutboundOptions {
  fetcher: SafeFetcher;
  limits: HostLimits;
  now: () => number;
  /** Longest Retry-After we wait out inside one message; longer ones fail fast. */
  maxRetryWaitMs: number;
  /** Longest a host's Retry-After is remembered for. */
  maxBackoffMs: number;
}

export interface OutboundRequest {
  accept?: string;
  maxBytes?: number;
  maxRedirects?: number;
}

const DEFAULT_BACKOFF_MS = 5000;

/** All Bandcamp artist pages share Bandcamp's servers, so they share one limiter. */
function limiterKey(endpoint: EndpointName, url: string): string {
  return endpoint === 'bandcamp' ? 'bandcamp' : `${endpoint}:${canonicalHost(new URL(url).host)}`;
}

export class Outbound {
  constructor(private readonly opts: OutboundOptions) {}

  /** A host told us (429, or Deezer's quota error) to wait. */
  backOff(endpoint: EndpointName, url: string, waitMs: number): void {
    this.opts.limits.noteRetryAfter(limiterKey(endpoint, url), Math.min(waitMs, this.opts.maxBackoffMs));
  }

  async get(endpoint: EndpointName, url: string, signal: AbortSignal, req: OutboundRequest = {}): Promise<SafeFetchResponse> {
    const key = limiterKey(endpoint, url);
    // At most two calls: the first, and one retry after a Retry-After short enough to wait out.
    for (let attempt = 0; ; attempt += 1) {
      const wait = this.opts.limits.waitFor(key);
      if (wait > this.opts.maxRetryWaitMs) throw new RateLimitedError(key, wait);
      if (wait > 0) await sleep(wait, undefined, { signal });
      const res = await this.opts.limits.schedule(endpoint, key, signal, () => this.opts.fetcher.get({ endpoint, url, signal, ...req }));
      if (res.status !== 429) return res;
      const asked = retryAfterMs(res.retryAfter, this.opts.now()) ?? DEFAULT_BACKOFF_MS;
      this.opts.limits.noteRetryAfter(key, Math.min(asked, this.opts.maxBackoffMs));
      if (attempt > 0 || asked > this.opts.maxRetryWaitMs) throw new RateLimitedError(key, asked);
    }
  }
}
