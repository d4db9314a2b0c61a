/**
 * How requests reach Bolt: our own node:http server in front of Bolt's HTTPReceiver (HTTP
 * mode, production), or Bolt's Socket Mode (local development). The server adds what the
 * receiver leaves out: Bolt refuses stale timestamps but accepts ones from the future, and
 * reads bodies of any size (whole, into one string, before it checks the signature).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/** Slack's replay window: a signed request older or newer than this is refused. */
export const MAX_CLOCK_SKEW_S = 5 * 60;
/** Slash commands, events and interactions are small; a larger body is not from Slack. */
export const MAX_REQUEST_BYTES = 1_000_000;

export type TimestampVerdict = 'ok' | 'missing' | 'stale' | 'future';

export function checkTimestamp(header: string | string[] | undefined, nowMs: number): TimestampVerdict {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) return 'missing';
  const delta = Number(raw) - Math.floor(nowMs / 1000);
  if (delta < -MAX_CLOCK_SKEW_S) return 'stale';
  if (delta > MAX_CLOCK_SKEW_S) return 'future';
  return 'ok';
}

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end();
}

/**
 * Reads a request body, counting bytes as they arrive whatever the transfer encoding
 * (Content-Length, chunked, or a length that lies): past `max` it stops reading and
 * resolves undefined, so no more than `max` bytes are ever held.
 */
export function readCapped(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * Bolt parses a signed body as JSON (or a form's `payload` field as JSON) and then reads
 * `body.ssl_check` outside any try: a body of `null` throws in an unawaited promise, an
 * unhandled rejection that ends the process. Such a body is refused before Bolt sees it.
 */
export function parsesToNull(body: Buffer, contentType: string | undefined): boolean {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(body.toString()).getAll('payload');
      return payload.length === 1 && JSON.parse(payload[0] ?? '') === null;
    }
    return JSON.parse(body.toString()) === null;
  } catch {
    return false; // Bolt answers 400 for what does not parse
  }
}

/** Answers 413 and closes the connection, so the rest of an oversized body is never read. */
function tooLarge(res: ServerResponse): void {
  res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
  res.end('request body too large', () => res.socket?.destroy());
}

export interface HttpTransport {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/** Serves Bolt's receiver on `port` (0: any free port), refusing unsigned-looking requests before Bolt parses them. */
export async function serveHttp(opts: {
  receiver: HTTPReceiver;
  port: number;
  host?: string;
  log: Logger;
  now?: () => number;
}): Promise<HttpTransport> {
  const now = opts.now ?? Date.now;
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (req.method === 'POST') {
      const verdict = checkTimestamp(req.headers['x-slack-request-timestamp'], now());
      if (verdict !== 'ok') {
        opts.log.warn({ verdict }, 'slack request refused: timestamp outside the replay window');
        return refuse(res, 401);
      }
      // A declared length past the cap is refused before a byte is read; any other body is counted as it streams.
      if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) return tooLarge(res);
      readCapped(req, MAX_REQUEST_BYTES).then(
        (body) => {
          if (body === undefined) {
            opts.log.warn({ limit: MAX_REQUEST_BYTES }, 'slack request refused: body over the size cap');
            return tooLarge(res);
          }
          // Bolt reads a request whose rawBody is already set instead of reading the stream again
          // (HTTPModuleFunctions.bufferIncomingMessage), so the capped bytes are the ones it verifies.
          if (parsesToNull(body, req.headers['content-type'])) return refuse(res, 400);
          Object.assign(req, { rawBody: body });
          pass(req, res);
        },
        () => refuse(res, 400),
      );
      return;
    }
    pass(req, res);
  };
  const pass = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      opts.receiver.requestListener(req, res);
    } catch {
      // Bolt throws for paths it does not serve.
      refuse(res, 404);
    }
  };
  const server = createServer(listener);
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** Bolt's and WebClient's logs go to our logger (and its secret scrubbing) instead of the console. */
export function boltLogger(log: Logger): {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
} {
  const child = log.child({ component: 'slack-bolt' });
  const text = (msg: unknown[]): string =>
    msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
