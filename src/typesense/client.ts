import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import Typesense from 'typesense';
import type { TypesenseNode } from '../config.js';

export type TypesenseClient = InstanceType<typeof Typesense.Client>;

export interface ClientOptions {
  nodes: readonly TypesenseNode[];
  apiKey: string;
  timeoutMs: number;
  /** Retries across nodes on 5xx and network errors (failover in a cluster). */
  retries?: number;
}

export function createTypesenseClient(opts: ClientOptions): TypesenseClient {
  return new Typesense.Client({
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
}
