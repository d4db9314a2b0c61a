/** Hostile HTTP requests: to the Slack receiver (signed or not, stale, malformed, odd methods and paths) and to /healthz and /metrics. */
import { long } from './hostile-corpus-text.js';

export type HttpClass = 'ok' | 'refused';

/** Requests to the Slack receiver. `sign`: signed with the right secret; the class is by status (2xx ok, 4xx refused). */
export interface SlackRequest {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  sign?: boolean;
  /** Seconds added to the signature's timestamp (stale or future). */
  skewSec?: number;
  expect: HttpClass | HttpClass[];
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSONCT = { 'content-type': 'application/json' };
const slash = (text: string): string =>
  form({
    command: '/trained',
    text,
    user_id: 'U0PERSON',
    channel_id: 'C0CHANNEL',
    team_id: 'T0TEAM',
    response_url: 'http://127.0.0.1:1/nowhere',
    trigger_id: '1.2.3',
  });

export const SLACK_REQUESTS: SlackRequest[] = [
  { name: 'unsigned slash command', headers: FORM, body: slash('help'), expect: 'refused' },
  { name: 'signed slash command', headers: FORM, body: slash('help'), sign: true, expect: 'ok' },
  { name: 'stale signature', headers: FORM, body: slash('help'), sign: true, skewSec: -600, expect: 'refused' },
  { name: 'future signature', headers: FORM, body: slash('help'), sign: true, skewSec: 600, expect: 'refused' },
  {
    name: 'timestamp not a number',
    headers: { ...FORM, 'x-slack-request-timestamp': 'abc', 'x-slack-signature': 'v0=00' },
    body: slash('help'),
    expect: 'refused',
  },
  {
    name: 'negative timestamp',
    headers: { ...FORM, 'x-slack-request-timestamp': '-1', 'x-slack-signature': 'v0=00' },
    body: slash('help'),
    expect: 'refused',
  },
  { name: 'signature of another body', headers: { ...FORM, 'x-slack-signature': 'v0=deadbeef' }, body: slash('help'), expect: 'refused' },
  { name: 'declared 2 GB body', headers: { ...JSONCT, 'content-length': '2000000000' }, body: '', expect: 'refused' },
  { name: 'signed malformed JSON', headers: JSONCT, body: '{', sign: true, expect: 'refused' },
  // No listener takes these: Bolt answers 404 after its 3 s wait; a catch-all listener may answer 200. Never a fault.
  { name: 'signed JSON array', headers: JSONCT, body: '[]', sign: true, expect: ['ok', 'refused'] },
  // Bolt reads body.ssl_check of a parsed `null` outside any try: an unhandled rejection that ended the process.
  { name: 'signed JSON null', headers: JSONCT, body: 'null', sign: true, expect: 'refused' },
  { name: 'signed interactivity payload of null', headers: FORM, body: form({ payload: 'null' }), sign: true, expect: 'refused' },
  {
    name: 'signed interactivity payload that is not JSON',
    headers: FORM,
    body: form({ payload: '{not json' }),
    sign: true,
    expect: 'refused',
  },
  { name: 'signed slash command pinging everyone', headers: FORM, body: slash('@everyone <!channel> <@U1>'), sign: true, expect: 'ok' },
  { name: 'signed slash command of 3,000 characters', headers: FORM, body: slash(long('ä&<', 1_000)), sign: true, expect: 'ok' },
  { name: 'signed slash command with NUL bytes', headers: FORM, body: slash('a\u0000b\u0000c'), sign: true, expect: 'ok' },
  { name: 'signed slash command with a filter injection', headers: FORM, body: slash('x` || id:* && `y - z'), sign: true, expect: 'ok' },
  {
    name: 'signed url_verification',
    headers: JSONCT,
    body: JSON.stringify({ type: 'url_verification', challenge: 'c', token: 't' }),
    sign: true,
    expect: 'ok',
  },
  // Slack's SSL check is answered unsigned, as Bolt documents; nothing else in the body is used.
  {
    name: 'unsigned ssl_check',
    headers: FORM,
    body: form({ ssl_check: '1', token: 'x', command: '/trained', text: 'help' }),
    expect: 'ok',
  },
  {
    name: 'signed event of an unknown type',
    headers: JSONCT,
    body: JSON.stringify({ type: 'event_callback', event_id: 'Ev1', team_id: 'T0TEAM', event: { type: 'no_such_event' } }),
    sign: true,
    expect: 'ok',
  },
  {
    name: 'signed block action with an unknown action id',
    headers: FORM,
    body: form({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'U1' },
        actions: [{ action_id: 'evil', value: '../../' }],
        team: { id: 'T0TEAM' },
      }),
    }),
    sign: true,
    expect: ['ok', 'refused'],
  },
  { name: 'GET on the events path', method: 'GET', expect: 'refused' },
  { name: 'PUT on the events path', method: 'PUT', headers: JSONCT, body: '{}', expect: 'refused' },
  { name: 'OPTIONS', method: 'OPTIONS', expect: 'refused' },
  { name: 'another path, signed', path: '/slack/../admin', headers: JSONCT, body: '{}', sign: true, expect: 'refused' },
  { name: 'a 100 KB path', path: `/${long('a', 100_000)}`, method: 'GET', expect: 'refused' },
  { name: 'health check', path: '/healthz', method: 'GET', expect: 'ok' },
];

/** Requests to the operator endpoints. */
export const OPS_REQUESTS: { name: string; method?: string; path: string; headers?: Record<string, string>; expect: HttpClass }[] = [
  { name: 'healthz', path: '/healthz', expect: 'ok' },
  { name: 'healthz with a query', path: '/healthz?probe=%00', expect: 'ok' },
  { name: 'metrics', path: '/metrics', expect: 'ok' },
  { name: 'metrics with a query', path: '/metrics?name[]=x', expect: 'ok' },
  { name: 'POST metrics', method: 'POST', path: '/metrics', expect: 'refused' },
  { name: 'DELETE healthz', method: 'DELETE', path: '/healthz', expect: 'refused' },
  { name: 'HEAD healthz', method: 'HEAD', path: '/healthz', expect: 'refused' },
  { name: 'path traversal', path: '/../../etc/passwd', expect: 'refused' },
  { name: 'encoded traversal', path: '/%2e%2e/%2e%2e/etc/passwd', expect: 'refused' },
  { name: 'upper case', path: '/METRICS', expect: 'refused' },
  { name: 'trailing slash', path: '/metrics/', expect: 'refused' },
  { name: 'root', path: '/', expect: 'refused' },
  { name: 'a 6 KB path', path: `/${long('m', 6_000)}`, expect: 'refused' },
  {
    name: '60 odd headers',
    path: '/healthz',
    headers: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`x-h${i}`, long('v', 100)])),
    expect: 'ok',
  },
  { name: 'hostile Accept', path: '/metrics', headers: { accept: 'application/openmetrics-text; version=../../' }, expect: 'ok' },
];
