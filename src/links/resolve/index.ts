/**
 * The link resolver: title and artist for a recognised link from its platform's public
 * metadata (links.md), safely (src/net), politely (a limiter per host), cheaply (a cache by
 * normalised URL) and within the caller's one deadline per message. Never throws.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { LinksConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { isRefusal, SafeFetchError } from '../../net/errors.js';
import { createSafeFetcher, type SafeFetcher } from '../../net/safe-fetch.js';
import { extractLinks } from '../extract.js';
import type { LinkResolver, RecognisedLink, ReleaseOutcome, ResolveOutcome } from '../types.js';
import { DEFAULT_TTLS, ResolutionCache, type CacheTtls } from './cache.js';
import { HostLimits, QueueFullError, QuotaSpentError, RateLimitedError, type RateSpec } from './limits.js';
import { DEFAULT_ENDPOINT_BASES, Outbound, type EndpointBases } from './outbound.js';
import { appleCountry, resolveTrack, type PlatformContext } from './platforms.js';
import { expandRelease } from './release.js';
import { followShortLink, type Recognise } from './short-links.js';
import type { SharedQuota } from '../../limits/shared-store.js';
import type { EndpointName } from '../../net/allowlist.js';

export { type EndpointBases } from './outbound.js';
export { CANNOT_CHECK } from './platforms.js';

export interface LinkResolverOptions {
  config: LinksConfig;
  log: Logger;
  /** Base URLs, overridable for tests (stand-ins on 127.0.0.1, with a fetcher that exempts exactly them). */
  endpoints?: Partial<EndpointBases>;
  fetcher?: SafeFetcher;
  now?: () => number;
  /** Recognises a redirect target; extractLinks by default. */
  recognise?: Recognise;
  rates?: Partial<Record<EndpointName, RateSpec>>;
  /** Jobs queued per host before new ones are refused. */
  highWater?: number;
  /** Longest Retry-After waited out within one message (longer: that link fails fast). */
  maxRetryWaitMs?: number;
  ttls?: Partial<CacheTtls>;
  /** Hosts' rates held across bot processes (`redisStore` when REDIS_URL is set); owned by the caller. */
  sharedQuota?: SharedQuota;
}

export interface ClosableLinkResolver extends LinkResolver {
  expand(link: RecognisedLink, signal: AbortSignal): Promise<ReleaseOutcome>;
  /** Jobs waiting in each host's limiter, by limiter key (`deezer:api.deezer.com`, `bandcamp`). */
  queued(): Record<string, number>;
  /** Drops queued jobs and stops the limiters' timers (graceful shutdown). */
  close(): Promise<void>;
}

const NOT_A_TRACK: Record<string, string> = {
  album: 'this is an album link, not a track',
  artist: 'this is an artist link, not a track',
  playlist: 'this is a playlist link, not a track',
};

const LISTENERS_PER_DEADLINE = 200;

/** Apple ids are looked up per storefront: a miss in one store says nothing about another. */
function cacheKey(link: RecognisedLink): string {
  return link.platform === 'apple-music' ? `${link.normalizedUrl}?country=${appleCountry(link.url)}` : link.normalizedUrl;
}

const defaultRecognise: Recognise = (url) => extractLinks(url, 1)[0];

function faultOutcome(error: unknown, signal: AbortSignal): ResolveOutcome {
  if (signal.aborted) return { ok: false, reason: 'timeout', detail: 'no answer before the deadline' };
  if (error instanceof RateLimitedError) return { ok: false, reason: 'failed', detail: `rate limited: ${error.message}` };
  if (error instanceof QueueFullError) return { ok: false, reason: 'failed', detail: 'too many lookups queued right now' };
  if (error instanceof QuotaSpentError) return { ok: false, reason: 'failed', detail: error.message };
  if (error instanceof SafeFetchError) {
    if (error.code === 'timeout') return { ok: false, reason: 'timeout', detail: error.message };
    return { ok: false, reason: 'failed', detail: error.message };
  }
  return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : 'unknown fault' };
}

/** Resolves when `signal` aborts, with a timeout outcome; never rejects. */
function deadlineOf(signal: AbortSignal): { promise: Promise<ResolveOutcome>; dispose: () => void } {
  const timeout: ResolveOutcome = { ok: false, reason: 'timeout', detail: 'no answer before the deadline' };
  if (signal.aborted) return { promise: Promise.resolve(timeout), dispose: () => undefined };
  let onAbort = (): void => undefined;
  const promise = new Promise<ResolveOutcome>((resolve) => {
    onAbort = () => resolve(timeout);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

export function createLinkResolver(opts: LinkResolverOptions): ClosableLinkResolver {
  const now = opts.now ?? Date.now;
  const log = opts.log.child({ module: 'links/resolve' });
  const bases: EndpointBases = { ...DEFAULT_ENDPOINT_BASES, ...opts.endpoints };
  const limits = new HostLimits({
    rates: opts.rates,
    highWater: opts.highWater,
    now,
    jobExpirationMs: opts.config.deadlineMs + 1000,
    shared: opts.sharedQuota,
  });
  const outbound = new Outbound({
    fetcher: opts.fetcher ?? createSafeFetcher({ timeoutMs: opts.config.deadlineMs }),
    limits,
    now,
    maxRetryWaitMs: opts.maxRetryWaitMs ?? 2000,
    maxBackoffMs: 120_000,
  });
  const ctx: PlatformContext = { outbound, bases };
  const cache = new ResolutionCache(now, { ...DEFAULT_TTLS, ...opts.ttls });
  const inFlight = new Map<string, Promise<ResolveOutcome>>();
  const recognise = opts.recognise ?? defaultRecognise;

  async function lookup(link: RecognisedLink, signal: AbortSignal): Promise<ResolveOutcome> {
    if (link.kind === 'short') {
      const followed = await followShortLink(link, ctx, signal, recognise);
      if (!followed.ok) return followed.outcome;
      const target = followed.target;
      const outcome = await resolveOne(target, signal);
      if (outcome.ok) return { ok: true, track: { ...outcome.track, resolvedLink: target } };
      return { ...outcome, resolvedLink: target };
    }
    return resolveTrack(link, ctx, signal);
  }

  async function run(link: RecognisedLink, signal: AbortSignal): Promise<ResolveOutcome> {
    const started = now();
    let outcome: ResolveOutcome;
    try {
      outcome = await lookup(link, signal);
    } catch (error) {
      outcome = faultOutcome(error, signal);
      if (isRefusal(error)) log.warn({ err: error, link: link.normalizedUrl }, 'outbound fetch refused');
      else log.debug({ err: error, link: link.normalizedUrl }, 'link resolution failed');
    }
    log.debug(
      { link: link.normalizedUrl, ok: outcome.ok, reason: outcome.ok ? undefined : outcome.reason, ms: now() - started },
      'link resolved',
    );
    return outcome;
  }

  function start(link: RecognisedLink, signal: AbortSignal): Promise<ResolveOutcome> {
    const key = cacheKey(link);
    const pending = run(link, signal).then((outcome) => {
      cache.set(key, outcome);
      return outcome;
    });
    inFlight.set(key, pending);
    void pending.finally(() => {
      if (inFlight.get(key) === pending) inFlight.delete(key);
    });
    return pending;
  }

  async function resolveOne(link: RecognisedLink, signal: AbortSignal, join = true): Promise<ResolveOutcome> {
    if (link.kind !== 'track' && link.kind !== 'short') {
      const detail = NOT_A_TRACK[link.kind];
      return detail === undefined
        ? { ok: false, reason: 'unsupported', detail: 'not a track link' }
        : { ok: false, reason: 'not-a-track', detail };
    }
    const cached = cache.get(cacheKey(link));
    if (cached !== undefined) return cached;
    // The same link pasted in two messages at once costs one call.
    const joined = join ? inFlight.get(cacheKey(link)) : undefined;
    const pending = joined ?? start(link, signal);
    const deadline = deadlineOf(signal);
    try {
      const outcome = await Promise.race([pending, deadline.promise]);
      // The other message's deadline ended the shared lookup; this message still has time.
      if (joined !== undefined && !outcome.ok && outcome.reason === 'timeout' && !signal.aborted)
        return await resolveOne(link, signal, false);
      return outcome;
    } finally {
      deadline.dispose();
    }
  }

  return {
    async resolve(link, signal) {
      if (!opts.config.resolve) return { ok: false, reason: 'disabled', detail: 'link lookups are switched off on this deployment' };
      // One deadline serves every link of a message, each adding a few abort listeners.
      if (getMaxListeners(signal) < LISTENERS_PER_DEADLINE) setMaxListeners(LISTENERS_PER_DEADLINE, signal);
      try {
        return await resolveOne(link, signal);
      } catch (error) {
        // Unreachable by construction (run() catches); kept so resolve() never throws.
        return faultOutcome(error, signal);
      }
    },
    async expand(link, signal): Promise<ReleaseOutcome> {
      if (!opts.config.resolve) return { ok: false, reason: 'disabled', detail: 'link lookups are switched off on this deployment' };
      if (link.kind !== 'album' && link.kind !== 'playlist' && link.kind !== 'artist') return { ok: false, reason: 'unsupported' };
      if (getMaxListeners(signal) < LISTENERS_PER_DEADLINE) setMaxListeners(LISTENERS_PER_DEADLINE, signal);
      const deadline = deadlineOf(signal);
      const asRelease = (o: ResolveOutcome): ReleaseOutcome =>
        o.ok ? { ok: false, reason: 'failed' } : { ok: false, reason: o.reason === 'timeout' ? 'timeout' : 'failed', detail: o.detail };
      try {
        const listing = expandRelease(link, ctx, signal).catch((error: unknown) => {
          if (isRefusal(error)) log.warn({ err: error, link: link.normalizedUrl }, 'outbound fetch refused');
          return asRelease(faultOutcome(error, signal));
        });
        return await Promise.race([listing, deadline.promise.then(asRelease)]);
      } finally {
        deadline.dispose();
      }
    },
    queued: () => limits.queued(),
    close: () => limits.close(),
  };
}
