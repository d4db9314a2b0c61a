/**
 * Discord's REST API (v10) on 127.0.0.1, as far as the bot uses it. Every request is
 * recorded (method, path, query, headers, JSON or multipart body, arrival time) so tests
 * assert on what discord.js actually sent. Tests queue one-off responses (a 429 with
 * Retry-After, a 500) in front of the default answers.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusalFor, type InteractionRecord } from './validate.js';

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  content: string;
  /** Bytes as uploaded. */
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the /api/v10 prefix and without the query, e.g. /interactions/1/tok/callback. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** JSON body, or the payload_json part of a multipart body. */
  body: unknown;
  files: RecordedFile[];
  at: number;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type RequestMatcher = (req: RecordedRequest) => boolean;

export interface RestStandInOptions {
  botUserId: string;
  applicationId: string;
  guildId: string;
  /** What GET /gateway/bot answers as the gateway URL. */
  gatewayUrl: () => string;
}

/** A request the stand-in refused as Discord would, with the answer it gave. */
export interface Refusal {
  request: RecordedRequest;
  response: CannedResponse;
}

export interface RestStandIn {
  /** Base URL to give discord.js as `rest.api` (it appends /v10). */
  apiUrl: string;
  requests: RecordedRequest[];
  /** Bodies refused by the platform's rules (validate.ts); the stand-in's stop() fails while any is left unclaimed. */
  refusals: Refusal[];
  /** Hands over the refusals so far (tests that send bad bodies on purpose) and forgets them. */
  takeRefusals(): Refusal[];
  /** What an interaction dispatched through the gateway allows its responses (type, file limit). */
  registerInteraction(token: string, record: Omit<InteractionRecord, 'acknowledged'>): void;
  /** The next request that matches gets this answer instead of the default one. */
  respondOnce(matcher: RequestMatcher, response: CannedResponse): void;
  waitFor(matcher: RequestMatcher, timeoutMs?: number): Promise<RecordedRequest>;
  stop(): Promise<void>;
}

const API_PREFIX = /^\/v10(?=\/)/;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value) as unknown;
      } else {
        files.push({ field, filename: value.name, contentType: value.type, content: await value.text(), size: value.size });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  return { body: contentType.includes('json') ? (JSON.parse(text) as unknown) : text, files: [] };
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;
/** Real snowflakes (current time in the top bits), so discord.js derives true creation times from ids. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

function messageObject(opts: RestStandInOptions, channelId: string, body: unknown): Record<string, unknown> {
  const sent = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    id: snowflake(),
    type: 0,
    channel_id: channelId,
    author: { id: opts.botUserId, username: 'Trained', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: sent['content'] ?? '',
    embeds: sent['embeds'] ?? [],
    components: sent['components'] ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: sent['flags'] ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    application_id: opts.applicationId,
    webhook_id: undefined,
  };
}

/** The default answers: what Discord would answer for a successful call. */
function defaultResponse(opts: RestStandInOptions, req: RecordedRequest): CannedResponse {
  const p = req.path;
  const m = req.method;
  let match: RegExpMatchArray | null;
  if (m === 'GET' && p === '/gateway/bot') {
    return {
      status: 200,
      body: { url: opts.gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
    };
  }
  if (m === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) return { status: 204 };
  if ((match = /^\/webhooks\/\d+\/[^/]+(?:\/messages\/(@original|\d+))?$/.exec(p)) !== null) {
    if (m === 'DELETE') return { status: 204 };
    return { status: 200, body: messageObject(opts, '0', req.body) };
  }
  if (m === 'POST' && (match = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(p)) !== null) {
    const body = req.body as { name?: string };
    return {
      status: 201,
      body: {
        id: match[2],
        type: 11,
        parent_id: match[1],
        guild_id: opts.guildId,
        name: body.name ?? 'thread',
        owner_id: opts.botUserId,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
        member_count: 1,
        message_count: 0,
      },
    };
  }
  if (m === 'POST' && (match = /^\/channels\/(\d+)\/messages$/.exec(p)) !== null) {
    return { status: 200, body: messageObject(opts, match[1] ?? '0', req.body) };
  }
  if (m === 'PUT' && /^\/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(p)) return { status: 204 };
  if (m === 'PUT' && /^\/applications\/\d+\/(?:guilds\/\d+\/)?commands$/.test(p)) {
    const list = Array.isArray(req.body) ? (req.body as Record<string, unknown>[]) : [];
    return { status: 200, body: list.map((c) => ({ ...c, id: snowflake(), application_id: opts.applicationId, version: snowflake() })) };
  }
  if (m === 'GET' && p === '/applications/@me') return { status: 200, body: { id: opts.applicationId, name: 'Trained', flags: 0 } };
  return { status: 404, body: { message: 'Unknown route (stand-in)', code: 0 } };
}

export async function startRestStandIn(opts: RestStandInOptions): Promise<RestStandIn> {
  const requests: RecordedRequest[] = [];
  const refusals: Refusal[] = [];
  const interactions = new Map<string, InteractionRecord>();
  const canned: { matcher: RequestMatcher; response: CannedResponse }[] = [];
  const waiters = new Set<() => void>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const { body, files } = await parseBody(raw, String(req.headers['content-type'] ?? ''));
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.replace(API_PREFIX, '')),
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
      at: Date.now(),
    };
    requests.push(recorded);
    for (const w of waiters) w();
    // Discord refuses a bad body whatever else a test arranged for that route.
    const refusal = refusalFor(recorded, interactions);
    if (refusal !== undefined) refusals.push({ request: recorded, response: refusal });
    const index = refusal === undefined ? canned.findIndex((c) => c.matcher(recorded)) : -1;
    const response = refusal ?? (index >= 0 ? canned.splice(index, 1)[0]!.response : defaultResponse(opts, recorded));
    const headers: Record<string, string> = { ...response.headers };
    if (response.body !== undefined) headers['content-type'] = 'application/json';
    res.writeHead(response.status, headers);
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}`,
    requests,
    refusals,
    takeRefusals: () => refusals.splice(0, refusals.length),
    registerInteraction: (token, record) => interactions.set(token, { ...record, acknowledged: false }),
    respondOnce: (matcher, response) => canned.push({ matcher, response }),
    waitFor: async (matcher, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(matcher);
        if (found !== undefined) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`REST stand-in: no matching request within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const done = (): void => {
            waiters.delete(done);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, Math.min(left, 200));
          waiters.add(done);
        });
      }
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
