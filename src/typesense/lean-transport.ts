/**
 * The bot's searches on a Typesense nearby (client.ts `nearby`), sent without axios.
 * typesense-js spends ~0.24 ms of CPU per request of its own and axios's (config merging,
 * header objects, generator state machines, debug strings built for a silent logger, a
 * second JSON pass) before and after a round trip that takes ~1 ms on loopback; with the
 * bot and Typesense on the same 2 cores that CPU is the server's. Measured at 8 lookups in
 * flight (npm run bench -- concurrency): title searches 0.71x the direct requests' rate
 * with typesense-js over a lean axios adapter, 0.97x with this transport.
 *
 * Only `client.multiSearch.perform` changes, and only for a plain request (no common
 * parameters, cache, union or array values): everything else is typesense-js as before.
 * The transport keeps typesense-js's behaviour from the client's own configuration: its
 * (shuffled) nodes in turn, a node that failed skipped until its health-check interval
 * passes, retries with the same pause on a 5xx or a network failure, 4xx answers not
 * retried and raised as typesense-js's error classes (so typesense-fault.ts maps them as
 * before), a timeout per attempt, and the caller's abort closing the connection and
 * rejecting with typesense-js's "Request aborted by caller.". Requests go straight to the
 * node, never through an HTTP(S)_PROXY, and ask for plain (ungzipped) responses.
 *
 * The requests go over undici's keep-alive Pool (Node's own fetch is built on it) rather than
 * node:http's ClientRequest and its streams: 7% less of the bot's CPU per title lookup at 8 in
 * flight on a 1M-row index (1,531 vs 1,651 µs a command, median of 10 alternating blocks); and
 * through its dispatch handlers rather than `pool.request` (`send`).
 */
import Typesense from 'typesense';
import { Pool, type Dispatcher } from 'undici';
import type { TypesenseClient } from './client.js';

const { Errors } = Typesense;

type Perform = TypesenseClient['multiSearch']['perform'];

interface NodeState {
  /** The node's keep-alive connections (undici; up to as many as typesense-js's agent allows). */
  pool: Pool;
  /** `/multi_search` under the node's url (which may carry a path). */
  path: string;
  healthy: boolean;
  /** When the node was last marked, healthy or not (typesense-js's lastAccessTimestamp). */
  markedAt: number;
}

interface Answer {
  status: number;
  body: string;
  json: boolean;
}

/** typesense-js's error class for an HTTP answer, with its message (ApiCall.customErrorForResponse). */
function httpError(status: number, body: string, json: boolean, sent: string): Error {
  let said: unknown;
  try {
    said = json ? (JSON.parse(body) as { message?: unknown }).message : undefined;
  } catch {
    said = undefined;
  }
  const message = `Request failed with HTTP code ${status}${typeof said === 'string' && said.trim() !== '' ? ` | Server said: ${said}` : ''}`;
  const byStatus: Record<number, typeof Errors.HTTPError> = {
    400: Errors.RequestMalformed,
    401: Errors.RequestUnauthorized,
    404: Errors.ObjectNotFound,
    409: Errors.ObjectAlreadyExists,
    422: Errors.ObjectUnprocessable,
  };
  const Class = byStatus[status] ?? (status >= 500 && status <= 599 ? Errors.ServerError : Errors.HTTPError);
  return new Class(message, sent, status);
}

class Aborted extends Error {}

/** Connections per node, as typesense-js's keep-alive agents allow (client.ts). */
export const MAX_CONNECTIONS = 64;

export class LeanSearch {
  private readonly nodes: NodeState[];
  private current = -1;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly pauseMs: number;
  private readonly healthcheckMs: number;

  constructor(
    config: TypesenseClient['configuration'],
    private readonly now: () => number = Date.now,
  ) {
    this.nodes = config.nodes.map((node) => {
      // The node as typesense-js's uriFor reads it: a whole url, or protocol, host, port and path.
      const n = node as { url?: string; protocol?: string; host?: string; port?: number; path?: string };
      const url = n.url ?? `${n.protocol ?? 'http'}://${n.host ?? ''}:${n.port ?? ''}${n.path ?? ''}`;
      const target = new URL(`${url}/multi_search`);
      return {
        pool: new Pool(target.origin, { connections: MAX_CONNECTIONS }),
        path: `${target.pathname}${target.search}`,
        healthy: true,
        markedAt: now(),
      };
    });
    this.headers = {
      ...config.additionalHeaders,
      'X-TYPESENSE-API-KEY': config.apiKey,
      'Content-Type': 'application/json',
      'Accept-Encoding': 'identity',
    };
    this.timeoutMs = (config.connectionTimeoutSeconds ?? 10) * 1000;
    this.retries = config.numRetries ?? 3;
    this.pauseMs = (config.retryIntervalSeconds ?? 0.1) * 1000;
    this.healthcheckMs = (config.healthcheckIntervalSeconds ?? 60) * 1000;
  }

  async multiSearch(requests: object, signal?: AbortSignal | null): Promise<unknown> {
    const sent = JSON.stringify(requests);
    let last: unknown;
    for (let attempt = 1; attempt <= this.retries + 1; attempt++) {
      if (signal?.aborted === true) throw new Error('Request aborted by caller.');
      const node = this.next();
      try {
        const answer = await this.send(node, sent, signal ?? undefined);
        if (answer.status >= 1 && answer.status <= 499) this.mark(node, true);
        if (answer.status >= 200 && answer.status < 300) return answer.json ? JSON.parse(answer.body) : answer.body;
        const err = httpError(answer.status, answer.body, answer.json, sent);
        if (answer.status < 500) throw new Final(err);
        this.mark(node, false);
        last = err;
      } catch (err) {
        if (err instanceof Final) throw err.error;
        if (err instanceof Aborted) throw new Error('Request aborted by caller.');
        this.mark(node, false);
        last = err;
      }
      if (attempt <= this.retries) await new Promise((r) => setTimeout(r, this.pauseMs));
    }
    throw last ?? new Error('no attempt was made');
  }

  /** The next node in turn that is healthy or due for another try; else the next one anyway (ApiCall.getNextNode). */
  private next(): NodeState {
    const t = this.now();
    let candidate = this.nodes[0] as NodeState;
    for (let i = 0; i <= this.nodes.length; i++) {
      this.current = (this.current + 1) % this.nodes.length;
      candidate = this.nodes[this.current] as NodeState;
      if (candidate.healthy || t - candidate.markedAt > this.healthcheckMs) return candidate;
    }
    return candidate;
  }

  private mark(node: NodeState, healthy: boolean): void {
    node.healthy = healthy;
    node.markedAt = this.now();
  }

  /**
   * One POST /multi_search: the answer, or the connection's failure, a timeout, or Aborted.
   * Through undici's dispatch handlers rather than `pool.request`: no AbortController, body
   * stream or header object a request, ~55 µs less CPU a request at 8 in flight (103 against
   * 158 µs, the same small search; `pool.request` without a signal 127). A timeout or the
   * caller's abort stops the request with the abort undici hands over, which closes its
   * connection, so Typesense stops working for nobody.
   */
  private send(node: NodeState, body: string, signal: AbortSignal | undefined): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      let abort: ((err: Error) => void) | undefined;
      // The timeout's error or Aborted: what the attempt fails with, whatever undici reports.
      let stopped: Error | undefined;
      const stop = (err: Error): void => {
        if (stopped !== undefined) return;
        stopped = err;
        abort?.(err);
      };
      // The whole attempt, connect to last byte, within the client's timeout, in axios's words (typesense-fault.ts reads "timeout").
      const timer = setTimeout(() => stop(new Error(`timeout of ${this.timeoutMs}ms exceeded`)), this.timeoutMs);
      const onAbort = (): void => stop(new Aborted());
      signal?.addEventListener('abort', onAbort);
      const settle = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      let status = 0;
      let json = false;
      const chunks: Buffer[] = [];
      const handler: Dispatcher.DispatchHandlers = {
        // Called when the request goes onto a connection (again, if undici retries it there): stopped while queued, it stops now.
        onConnect: (fn) => {
          abort = fn;
          if (stopped !== undefined) fn(stopped);
        },
        onHeaders: (statusCode, headers) => {
          status = statusCode;
          json = jsonType(headers);
          return true;
        },
        onData: (chunk) => {
          chunks.push(chunk);
          return true;
        },
        onComplete: () => {
          settle();
          resolve({ status, body: Buffer.concat(chunks).toString('utf8'), json });
        },
        // A body cut off before its last byte ends here too.
        onError: (err) => {
          settle();
          reject(stopped ?? err);
        },
      };
      try {
        node.pool.dispatch({ path: node.path, method: 'POST', headers: this.headers, body }, handler);
      } catch (err) {
        settle();
        reject(err as Error);
      }
    });
  }
}

/** Whether raw response headers (name, value, …) say the body is JSON. */
function jsonType(headers: readonly (Buffer | string)[]): boolean {
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === 'content-type') return String(headers[i + 1]).startsWith('application/json');
  }
  return false;
}

/** A 4xx answer: raised at once, never retried. */
class Final extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/** Sends what it can itself: one plain body of searches, nothing typesense-js would change or cache. */
function plain(client: TypesenseClient, requests: object, common: unknown, options: unknown): boolean {
  const c = client.configuration;
  if (c.useServerSideSearchCache === true || (c.cacheSearchResultsForSeconds ?? 0) > 0) return false;
  if (common !== undefined && (typeof common !== 'object' || common === null || Object.keys(common).length > 0)) return false;
  if (options !== undefined && options !== null && (options as { cacheSearchResultsForSeconds?: number }).cacheSearchResultsForSeconds)
    return false;
  const r = requests as { union?: unknown; searches?: unknown };
  if (r.union !== undefined || !Array.isArray(r.searches) || Object.keys(r).length !== 1) return false;
  // typesense-js joins array values with commas; such a body is left to it.
  return r.searches.every((s: object) => Object.values(s).every((v) => !Array.isArray(v)));
}

/** Routes the client's plain multi_search calls through a LeanSearch built from its own configuration. */
export function useLeanSearch(client: TypesenseClient): void {
  const lean = new LeanSearch(client.configuration);
  const multi = client.multiSearch;
  const original = multi.perform.bind(multi);
  multi.perform = ((requests: object, common?: object, options?: { abortSignal?: AbortSignal | null }) =>
    plain(client, requests, common, options)
      ? lean.multiSearch(requests, options?.abortSignal)
      : (original as (...a: unknown[]) => Promise<unknown>)(requests, common, options)) as Perform;
}
