/**
 * An HTTP stand-in on 127.0.0.1 in front of the test Typesense, for tests that need one request
 * of a round to fail or wait while the others go through: each request's body is read whole,
 * then `route` answers it itself, holds it, or calls `forward` (Typesense's answer piped back).
 */
import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SearchProxy {
  port: number;
  stop(): Promise<void>;
}

export async function searchProxy(
  target: { host: string; port: number },
  route: (req: IncomingMessage, body: string, res: ServerResponse, forward: () => void) => void,
): Promise<SearchProxy> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      route(req, body, res, () => {
        const up = request({ host: target.host, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.end(body);
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
