/**
 * A stand-in for Slack's Web API (the methods Bolt's WebClient calls), for response_url
 * posts and for the files upload URL, on 127.0.0.1. It records every call with its decoded
 * body so tests can assert the exact payloads, and can answer 429 with Retry-After.
 * It refuses what Slack refuses (web-api-rules.ts, block-kit.ts, response-url.ts, each rule with
 * its published source); a refusal of a malformed call is kept in `refusals`, and the harness
 * fails the test file while any is left unclaimed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseUrlConversation, type Origin, type ShownMessage } from './response-url.js';
import { refusalFor, RUNTIME_ERRORS, SLACK_FILE_LIMIT, type WorkspaceState } from './web-api-rules.js';

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
  /** Set when the call broke one of Slack's rules (what was wrong), not for runtime errors like not_in_channel. */
  refused?: string;
}

/** Size of the file in an upload-URL post: the raw body, or the file part of a multipart form. */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<number> {
  if (contentType?.startsWith('multipart/form-data') !== true) return raw.length;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) if (typeof value !== 'string') return value.size;
  return 0;
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
  private readonly conversations = new Map<string, ResponseUrlConversation>();
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode); unset: the call fails. */
  socketUrl: string | undefined;
  readonly state: WorkspaceState = { notMemberOf: new Set(), sharedLinks: new Map(), uploads: new Map(), fileLimit: SLACK_FILE_LIMIT };

  /** Calls refused for breaking Slack's rules. */
  get refusals(): RecordedCall[] {
    return this.calls.filter((c) => c.refused !== undefined && !this.claimed.has(c));
  }
  private readonly claimed = new Set<RecordedCall>();

  /** Hands over the refusals so far (tests that send bad calls on purpose). */
  takeRefusals(): RecordedCall[] {
    const taken = this.refusals;
    for (const c of taken) this.claimed.add(c);
    return taken;
  }

  /** Slack sent a link_shared event: chat.unfurl may now answer for these URLs, and knows whether the bot is in the channel. */
  linkShared(event: {
    channel: string;
    message_ts: string;
    unfurl_id?: string;
    is_bot_user_member?: boolean;
    links: { url: string }[];
  }): void {
    const urls = new Set(event.links.map((l) => l.url));
    this.state.sharedLinks.set(`${event.channel}:${event.message_ts}`, urls);
    if (event.unfurl_id !== undefined) this.state.sharedLinks.set(`unfurl:${event.unfurl_id}`, urls);
    if (event.is_bot_user_member === false) this.state.notMemberOf.add(event.channel);
  }

  /** How a response_url was handed out (default: a slash command's, with no original message). */
  setOrigin(url: string, origin: Origin): void {
    const id = this.responseId(url);
    if (id !== undefined) this.conversations.set(id, new ResponseUrlConversation(origin));
  }

  /** A slash command's ack: Slack shows its body as the first response. */
  ack(url: string, body: Record<string, unknown> | undefined): void {
    const id = this.responseId(url);
    if (id !== undefined) this.conversationFor(id).ack(body);
  }

  /** The messages a response_url's conversation shows now: what the person (or channel) actually sees. */
  visible(id: string): ShownMessage[] {
    return this.conversationFor(id).visible();
  }

  private responseId(url: string): string | undefined {
    const path = new URL(url).pathname;
    return path.startsWith('/respond/') ? decodeURIComponent(path.slice('/respond/'.length)) : undefined;
  }

  private conversationFor(id: string): ResponseUrlConversation {
    let c = this.conversations.get(id);
    if (c === undefined) {
      c = new ResponseUrlConversation({ kind: 'command' });
      this.conversations.set(id, c);
    }
    return c;
  }

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
    const rawBytes = Buffer.concat(chunks);
    const raw = rawBytes.toString('utf8');
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
    if (method === 'respond') {
      const answer = this.conversationFor(decodeURIComponent(path.slice('/respond/'.length))).post(raw);
      call.status = answer.status;
      if (answer.refused !== undefined) call.refused = answer.refused;
      res.writeHead(answer.status, { 'content-type': 'text/plain' });
      res.end(answer.body);
      return;
    }
    if (method === 'upload') {
      const upload = this.state.uploads.get(path.split('/')[2] ?? '');
      // "Files can be sent as raw bytes or can be multipart form encoded" (files.getUploadURLExternal).
      const bytes = await uploadedBytes(rawBytes, contentType);
      if (upload === undefined || bytes !== upload.length) {
        // The ticket was issued for `length` bytes (files.getUploadURLExternal: "Size in bytes of the file being uploaded").
        call.status = 400;
        call.refused = `upload of ${bytes} bytes for a ticket of ${upload?.length ?? 'no'} bytes`;
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('invalid_upload');
        return;
      }
      upload.received = bytes;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${bytes}`);
      return;
    }
    const refused = refusalFor(method, call.params, this.state);
    if (refused !== undefined) {
      call.error = refused.error;
      if (!RUNTIME_ERRORS.has(refused.error)) call.refused = [refused.error, ...(refused.messages ?? [])].join(' ');
      return this.json(res, {
        ok: false,
        error: refused.error,
        ...(refused.messages === undefined ? {} : { response_metadata: { messages: refused.messages } }),
      });
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
        this.state.uploads.set(`F${n}`, { length: Number(params.length) });
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
