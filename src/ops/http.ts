import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { SearchPort } from '../search/port.js';
import type { Metrics } from './metrics.js';

export interface OpsServer {
  /** The address actually bound (loopback by default). */
  host: string;
  port: number;
  close(): Promise<void>;
}

/** How long one answer of the index serves /healthz: probes from many balancers cost one query. */
export const READY_CACHE_MS = 3000;

interface Readiness {
  status: 200 | 503;
  body: string;
}

/**
 * /healthz is ready only when the index answers (a load balancer should not send
 * traffic to a bot that can only apologise); /metrics is Prometheus text. Both listen on
 * loopback unless told otherwise: they are for the operator, not for the internet.
 */
export async function startOpsServer(opts: {
  port: number;
  host?: string;
  search: SearchPort;
  metrics: Metrics;
  log: Logger;
  readyTimeoutMs?: number;
  readyCacheMs?: number;
  now?: () => number;
}): Promise<OpsServer> {
  const now = opts.now ?? Date.now;
  let cached: { at: number; answer: Promise<Readiness> } | undefined;
  const probe = async (): Promise<Readiness> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const info = await Promise.race([
        opts.search.indexInfo(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('index did not answer in time')), opts.readyTimeoutMs ?? 1000);
        }),
      ]);
      if (info === undefined) return { status: 503, body: '{"ready":false,"reason":"no index"}' };
      return { status: 200, body: JSON.stringify({ ready: true, builtAt: info.builtAt }) };
    } catch (err) {
      opts.log.debug({ err }, 'healthz: index not answering');
      return { status: 503, body: '{"ready":false,"reason":"index unavailable"}' };
    } finally {
      clearTimeout(timer);
    }
  };
  // One probe at a time, its answer reused for a few seconds: /healthz cannot be used to load Typesense.
  const readiness = (): Promise<Readiness> => {
    const t = now();
    if (cached === undefined || t - cached.at >= (opts.readyCacheMs ?? READY_CACHE_MS)) cached = { at: t, answer: probe() };
    return cached.answer;
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') {
        res.writeHead(405).end();
      } else if (path === '/healthz') {
        const { status, body } = await readiness();
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      } else if (path === '/metrics') {
        res.writeHead(200, { 'content-type': opts.metrics.registry.contentType }).end(await opts.metrics.registry.metrics());
      } else {
        res.writeHead(404).end();
      }
    })().catch((err: unknown) => {
      opts.log.error({ err }, 'ops endpoint failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return {
    host: bound.address,
    port: bound.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
