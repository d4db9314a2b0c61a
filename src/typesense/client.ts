import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isIP } from 'node:net';
import Typesense from 'typesense';
import type { TypesenseNode } from '../config.js';
import { useLeanSearch } from './lean-transport.js';

export type TypesenseClient = InstanceType<typeof Typesense.Client>;

export interface ClientOptions {
  nodes: readonly TypesenseNode[];
  apiKey: string;
  timeoutMs: number;
  /** Retries across nodes on 5xx and network errors (failover in a cluster). */
  retries?: number;
}

/**
 * A host on this machine or a private network: loopback, RFC 1918 and unique-local addresses,
 * `localhost`, or a name without a dot (a Compose or Kubernetes service name).
 */
export function nearby(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 0) return !h.includes('.');
  if (isIP(h) === 6) return h === '::1' || /^f[cd][0-9a-f]{2}:/.test(h) || /^::ffff:(127|10)\./.test(h);
  const [a = 0, b = 0] = h.split('.').map(Number);
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * Typesense gzips every response a client accepts gzip for (axios asks for it). Near the server
 * that is pure cost: ~0.45 ms of a ~1 ms id lookup on loopback (the server's deflate and the
 * client's zlib stream), measured; a 250-row page is ~78 KB, nothing on such a link. Over the
 * internet (Typesense Cloud) the 5x smaller body is worth it, so only near servers are asked
 * for plain responses, and only their searches take the lean transport (lean-transport.ts):
 * far away, the network's milliseconds dwarf typesense-js's fraction of one.
 */
function near(nodes: readonly TypesenseNode[]): boolean {
  return nodes.every((n) => nearby(n.host));
}

export function createTypesenseClient(opts: ClientOptions): TypesenseClient {
  const client = new Typesense.Client({
    ...(near(opts.nodes) ? { additionalHeaders: { 'Accept-Encoding': 'identity' } } : {}),
    nodes: opts.nodes.map((n) => ({ ...n })),
    apiKey: opts.apiKey,
    connectionTimeoutSeconds: opts.timeoutMs / 1000,
    numRetries: opts.retries ?? Math.max(2, opts.nodes.length * 2),
    retryIntervalSeconds: 0.05,
    healthcheckIntervalSeconds: 2,
    // Keep-alive: a lookup should not pay for a TCP handshake.
    httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
    logLevel: 'silent',
  });
  if (near(opts.nodes)) useLeanSearch(client);
  return client;
}
