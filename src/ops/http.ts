import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { SearchPort } from '../search/port.js';
import type { Metrics } from './metrics.js';

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * /healthz is ready only when the index answers (a load balancer should not send
 * traffic to a bot that can only apologise); /metrics is Prometheus text.
 */
export async function startOpsServer(opts: {
  port: number;
  host?: string;
  search: SearchPort;
  metrics: Metrics;
  log: Logger;
  readyTimeoutMs?: number;
}): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') {
        res.writeHead(405).end();
      } else if (path === '/healthz') {
        try {
          const info = await Promise.race([
            opts.search.indexInfo(),
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error('index did not answer in time')), opts.readyTimeoutMs ?? 1000),
            ),
          ]);
          if (info === undefined) res.writeHead(503, { 'content-type': 'application/json' }).end('{"ready":false,"reason":"no index"}');
          else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ready: true, builtAt: info.builtAt }));
        } catch (err) {
          opts.log.debug({ err }, 'healthz: index not answering');
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"ready":false,"reason":"index unavailable"}');
        }
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
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
