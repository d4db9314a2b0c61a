/**
 * Prometheus metrics. The bot and the search port are instrumented by decorators over
 * their contracts (BotCore, SearchPort), so neither carries metrics code of its own.
 */
import client from 'prom-client';
import type { TypesenseNode } from '../config.js';
import type { Answer, BotCore } from '../core/types.js';
import type { SearchPort } from '../search/port.js';

export interface Metrics {
  registry: client.Registry;
  lookups: client.Counter<'kind' | 'result'>;
  latency: client.Histogram<'kind'>;
  searchCalls: client.Counter<'method' | 'outcome'>;
  platformErrors: client.Counter<'platform' | 'code'>;
  /** Limiter queue depths, read at scrape time from whoever registered them. */
  addQueue(name: string, depth: () => number): void;
  /** A family of limiters whose members appear at run time (one per host): each is `prefix` + its key. */
  addQueues(prefix: string, depths: () => Readonly<Record<string, number>>): void;
}

export function createMetrics(opts: { nodes?: readonly TypesenseNode[]; probeTimeoutMs?: number } = {}): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'trained_' });
  const queues = new Map<string, () => number>();
  const families = new Map<string, () => Readonly<Record<string, number>>>();
  const metrics: Metrics = {
    registry,
    lookups: new client.Counter({
      name: 'trained_lookups_total',
      help: 'Lookups answered, by kind and result',
      labelNames: ['kind', 'result'],
      registers: [registry],
    }),
    latency: new client.Histogram({
      name: 'trained_lookup_seconds',
      help: 'Time to answer a lookup, by kind',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    searchCalls: new client.Counter({
      name: 'trained_search_calls_total',
      help: 'Search port calls, by method and outcome',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    platformErrors: new client.Counter({
      name: 'trained_platform_errors_total',
      help: 'Errors from Discord or Slack APIs',
      labelNames: ['platform', 'code'],
      registers: [registry],
    }),
    addQueue: (name, depth) => queues.set(name, depth),
    addQueues: (prefix, depths) => families.set(prefix, depths),
  };
  new client.Gauge({
    name: 'trained_limiter_queued',
    help: 'Jobs waiting in each limiter queue',
    labelNames: ['limiter'],
    registers: [registry],
    collect() {
      // Limiters closed since the last scrape drop out instead of repeating their last depth.
      this.reset();
      for (const [name, depth] of queues) this.set({ limiter: name }, depth());
      for (const [prefix, depths] of families) for (const [key, n] of Object.entries(depths())) this.set({ limiter: `${prefix}${key}` }, n);
    },
  });
  const nodes = opts.nodes ?? [];
  new client.Gauge({
    name: 'trained_typesense_node_up',
    help: '1 when the Typesense node answers /health with ok, else 0',
    labelNames: ['node'],
    registers: [registry],
    async collect() {
      await Promise.all(
        nodes.map(async (n) => {
          const url = `${n.protocol}://${n.host}:${n.port}`;
          let up = 0;
          try {
            const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(opts.probeTimeoutMs ?? 500) });
            up = res.ok && ((await res.json()) as { ok?: boolean }).ok === true ? 1 : 0;
          } catch {
            up = 0;
          }
          this.set({ node: url }, up);
        }),
      );
    },
  });
  return metrics;
}

function resultOf(answer: Answer): string {
  return answer.delivery.mode === 'silent' ? 'silent' : answer.reply.tone;
}

/** `kind` may depend on the answer: typed text is counted under the command it turned out to be. */
async function timed<T>(
  metrics: Metrics,
  kind: string | ((value: T) => string),
  work: () => Promise<T>,
  result: (value: T) => string,
): Promise<T> {
  const end = metrics.latency.startTimer();
  const fixed = typeof kind === 'string' ? kind : 'text';
  try {
    const value = await work();
    const label = typeof kind === 'string' ? kind : kind(value);
    metrics.lookups.inc({ kind: label, result: result(value) });
    end({ kind: label });
    return value;
  } catch (err) {
    metrics.lookups.inc({ kind: fixed, result: 'error' });
    end({ kind: fixed });
    throw err;
  }
}

export function instrumentBot(bot: BotCore, metrics: Metrics): BotCore {
  return {
    handleCommand: (inv) => timed(metrics, inv.command, () => bot.handleCommand(inv), resultOf),
    handleText: (req) =>
      timed(
        metrics,
        (a) => a.command ?? 'text',
        () => bot.handleText(req),
        resultOf,
      ),
    handleMessage: (msg) => timed(metrics, 'link-message', () => bot.handleMessage(msg), resultOf),
    handleAction: (press) => timed(metrics, 'action', () => bot.handleAction(press), resultOf),
    plan: (req) => bot.plan(req),
    suggest: (kind, prefix) =>
      timed(
        metrics,
        'suggest',
        () => bot.suggest(kind, prefix),
        () => 'ok',
      ),
  };
}

export function instrumentSearch(port: SearchPort, metrics: Metrics): SearchPort {
  const wrap =
    <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const value = await fn(...args);
        metrics.searchCalls.inc({ method, outcome: 'ok' });
        return value;
      } catch (err) {
        metrics.searchCalls.inc({ method, outcome: (err as { reason?: string }).reason ?? 'error' });
        throw err;
      }
    };
  return {
    // Every argument passes through, the caller's { signal } included: the deadline must reach Typesense.
    lookupByPlatformId: wrap('lookupByPlatformId', (p, id, o) => port.lookupByPlatformId(p, id, o)),
    searchTracks: wrap('searchTracks', (q, o) => port.searchTracks(q, o)),
    suggest: wrap('suggest', (p, f, l, o) => port.suggest(p, f, l, o)),
    artistCoverage: wrap('artistCoverage', (n, o) => port.artistCoverage(n, o)),
    artistTracks: wrap('artistTracks', (n, m, o) => port.artistTracks(n, m, o)),
    albumTracks: wrap('albumTracks', (q, o) => port.albumTracks(q, o)),
    indexInfo: wrap('indexInfo', (o) => port.indexInfo(o)),
  };
}
