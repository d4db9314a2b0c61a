/**
 * A stand-in for Slack's Web API (the methods Bolt's WebClient calls), for response_url
 * posts and for the files upload URL, on 127.0.0.1. It records every call with its decoded
 * body so tests can assert the exact payloads, and can answer 429 with Retry-After.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or `respond` / `upload` for the non-API URLs. */
  method: string;
  path: string;
  at: number;
  authorization: string | undefined;
  contentType: string | undefined;
  /** Form fields or top-level JSON fields, as strings (JSON-encoded fields stay encoded). */
  params: Record<string, string>;
  /** The JSON body of a response_url post. */
  json: unknown;
  raw: string;
  status: number;
  /** Set when the stand-in answered `{ ok: false, error }`. */
  error?: string;
}

export const STAND_IN_TEAM = 'T0TEAM';
export const STAND_IN_BOT_USER = 'U0BOT';

export class SlackWebApiStandIn {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private base = '';
  private readonly rateLimited = new Map<string, number>();
  private readonly failures = new Map<string, string>();
  private counter = 0;
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode); unset: the call fails. */
  socketUrl: string | undefined;

  get url(): string {
    return this.base;
  }

  /** The Web API base URL for WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url Slack would put in a slash command or interaction payload. */
  responseUrl(id: string): string {
    return `${this.base}/respond/${encodeURIComponent(id)}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next call of `method` answers 429 with `Retry-After: seconds`. */
  rateLimitOnce(method: string, seconds: number): void {
    this.rateLimited.set(method, seconds);
  }

  /** The next call of `method` answers `{ ok: false, error }`. */
  failOnce(method: string, error: string): void {
    this.failures.set(method, error);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200 && c.error === undefined);
  }

  /** Waits (bounded) until `count` successful calls of `method` have arrived. */
  async waitFor(method: string, count = 1, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.callsOf(method);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seen = this.calls.map((c) => `${c.method}(${c.status})`).join(', ');
    throw new Error(`timed out waiting for ${count}× ${method}; calls so far: ${seen || 'none'}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.base).pathname;
    const contentType = req.headers['content-type'];
    const method = path.startsWith('/api/') ? path.slice(5) : (path.split('/')[1] ?? '');
    const call: RecordedCall = {
      method,
      path,
      at: Date.now(),
      authorization: req.headers.authorization,
      contentType,
      params: {},
      json: undefined,
      raw,
      status: 200,
    };
    if (contentType?.startsWith('application/json')) {
      call.json = JSON.parse(raw || 'null') as unknown;
      if (call.json !== null && typeof call.json === 'object') {
        for (const [k, v] of Object.entries(call.json)) call.params[k] = typeof v === 'string' ? v : JSON.stringify(v);
      }
    } else if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      call.params = Object.fromEntries(new URLSearchParams(raw));
    }
    this.calls.push(call);

    const limitedFor = this.rateLimited.get(method);
    if (limitedFor !== undefined) {
      this.rateLimited.delete(method);
      call.status = 429;
      res.writeHead(429, { 'retry-after': String(limitedFor), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const failure = this.failures.get(method);
    if (failure !== undefined) {
      this.failures.delete(method);
      call.error = failure;
      return this.json(res, { ok: false, error: failure });
    }
    if (method === 'respond' || method === 'upload') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(method === 'upload' ? `OK - ${raw.length}` : 'ok');
      return;
    }
    this.json(res, this.answer(method, call.params));
  }

  private answer(method: string, params: Record<string, string>): Record<string, unknown> {
    const n = ++this.counter;
    const ts = `1700000000.${String(n).padStart(6, '0')}`;
    switch (method) {
      case 'apps.connections.open':
        return this.socketUrl !== undefined ? { ok: true, url: this.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'auth.test':
        return {
          ok: true,
          url: 'https://standin.slack.test/',
          team: 'Stand-in',
          user: 'trained',
          team_id: STAND_IN_TEAM,
          user_id: STAND_IN_BOT_USER,
          bot_id: 'B0BOT',
        };
      case 'chat.postMessage': {
        // A user id opens the app's direct messages, which have their own D… id.
        const channel = params.channel?.startsWith('U') === true ? `D${params.channel.slice(1)}` : params.channel;
        return { ok: true, channel, ts, message: { text: params.text, ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.unfurl':
      case 'chat.update':
        return { ok: true };
      case 'views.open':
        return { ok: true, view: { id: `V${n}`, type: 'modal' } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.base}/upload/F${n}`, file_id: `F${n}` };
      case 'files.completeUploadExternal': {
        const files = JSON.parse(params.files ?? '[]') as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private json(res: ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
