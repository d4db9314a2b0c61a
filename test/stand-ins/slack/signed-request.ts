/**
 * Sends requests to the Bolt app the way Slack does: a v0 HMAC-SHA256 signature over
 * `v0:{timestamp}:{body}` in x-slack-signature, the timestamp in x-slack-request-timestamp.
 */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; default now. */
  timestampSec?: number;
  /** Sign this body but send `body` (a tampered request). */
  signedBody?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface AppResponse {
  status: number;
  text: string;
  elapsedMs: number;
}

async function send(url: string, body: string, contentType: string, opts: SendOptions): Promise<AppResponse> {
  const ts = opts.timestampSec ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(opts.secret, ts, opts.signedBody ?? body),
      ...opts.headers,
    },
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  return { status: res.status, text, elapsedMs: Date.now() - started };
}

/** Slash commands and interactivity arrive as forms; interactivity carries one `payload` field. */
export function sendForm(url: string, fields: Record<string, string>, opts: SendOptions): Promise<AppResponse> {
  return send(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
}

export function sendInteraction(url: string, payload: unknown, opts: SendOptions): Promise<AppResponse> {
  return sendForm(url, { payload: JSON.stringify(payload) }, opts);
}

/** Events API callbacks arrive as JSON. */
export function sendEvent(url: string, body: unknown, opts: SendOptions): Promise<AppResponse> {
  return send(url, JSON.stringify(body), 'application/json', opts);
}
