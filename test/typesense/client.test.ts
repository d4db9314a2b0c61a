/**
 * The client asks a server on this machine or a private network for plain responses: Typesense
 * gzips whatever the client accepts, a cost of ~0.45 ms on a ~1 ms loopback lookup. A server
 * across the internet keeps gzip (axios's default).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTypesenseClient, nearby } from '../../src/typesense/client.js';

describe('response encoding', () => {
  it('tells near hosts from far ones', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '10.0.3.7', '172.20.0.2', '192.168.1.9', 'fd12:3456::1', 'typesense'])
      expect(nearby(host), host).toBe(true);
    for (const host of ['xyz.a1.typesense.net', '8.8.8.8', '172.32.0.1', '2001:db8::1', 'search.example.org'])
      expect(nearby(host), host).toBe(false);
  });

  it('asks a loopback server for an uncompressed response, and a far one for gzip as axios does', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ results: [{ found: 0, hits: [], out_of: 0, page: 1, request_params: {}, search_time_ms: 0 }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createTypesenseClient({
        nodes: [{ host: '127.0.0.1', port, protocol: 'http' }],
        apiKey: 'k',
        timeoutMs: 2000,
        retries: 0,
      });
      await client.multiSearch.perform({ searches: [{ collection: 'tracks', q: '*' }] }, {});
      expect(seen[0]?.['accept-encoding']).toBe('identity');
      const far = createTypesenseClient({
        nodes: [{ host: 'xyz.a1.typesense.net', port: 443, protocol: 'https' }],
        apiKey: 'k',
        timeoutMs: 2000,
      });
      expect(far.configuration.additionalHeaders).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
