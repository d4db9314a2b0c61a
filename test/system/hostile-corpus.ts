/**
 * The hostile-input corpus (reliability check 27): inputs an attacker, a careless paste or a
 * broken file could send, by entry point. test/hostile-corpus.test.ts runs each through the
 * real entry point and checks its outcome class and a time bound. Outcome classes, not
 * wording: answers are reworded by other work, but an input that got an answer must keep
 * getting one, and nothing may crash or hang.
 */
import { readFileSync } from 'node:fs';

const YT = 'https://youtu.be/dQw4w9WgXcQ';
const long = (unit: string, n: number): string => unit.repeat(n);

/** Typed at the console prompt (and, line by line, what Slack's /trained text carries). Several lines: one session. */
export const CONSOLE_INPUTS: (string | string[])[] = [
  '/trained',
  '/trained help',
  '/trained about',
  '/trained song:',
  'song:',
  'artist:',
  '/trained artist:',
  '/trained song:Bohemian Rhapsody artist:Queen',
  '/trained Bohemian Rhapsody - Queen',
  '@everyone',
  '<@&1> <@2> <!channel> <!here>',
  '[Official](https://evil.example)',
  '`` ` ``',
  'song:title` && dataset:=x || ` artist:a',
  '/trained song:x` || id:* artist:y',
  long('x', 10_000),
  long('word ', 2_000),
  '\u0000\u0001\u0002\u001b[31mred\u001b[0m',
  '\u202eevil\u202c \u200b\u200b\u200b',
  long('e\u0301', 1_000),
  long('日本語の歌', 200),
  long('😀', 1_000),
  YT,
  'https://evil.example/watch?v=dQw4w9WgXcQ',
  'http://127.0.0.1:8108/keys',
  'javascript:alert(1)',
  `https://open.spotify.com/track/${long('A', 22)}`,
  'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
  'https://freemusicarchive.org/music/a/b/c*/',
  '/trained link:file:///etc/passwd',
  '/trained link:https://user:pass@youtube.com/watch?v=dQw4w9WgXcQ',
  '/trained settings auto_reply:maybe',
  '/trained settings mode:evil previews:on',
  'song:a artist:b dataset:nope',
  'a - b - c - d - e',
  ' - ',
  '-',
  '../../etc/passwd',
  'SELECT * FROM tracks; DROP TABLE tracks; --',
  '{"$where": "sleep(1000)"}',
  'more',
  'export',
  'share',
  ['/trained list', 'Bohemian Rhapsody - Queen', YT, '@everyone', ''],
  ['/trained list', ...Array.from({ length: 250 }, (_, i) => `Song ${i} - Band`), ''],
  ['/trained artist:Queen', 'more', 'export'],
];

/** Pasted in a channel where the bot answers links (not addressed to it). */
export const PASTED_MESSAGES: string[] = [
  'no links here at all',
  '',
  long(' ', 5_000),
  YT,
  `${YT} ${YT} ${YT}`,
  Array.from({ length: 30 }, (_, i) => `https://youtu.be/${String(i).padStart(11, 'a')}`).join(' '),
  `@everyone listen ${YT}`,
  `<${YT}|Spotify> <!channel>`,
  `[Official](${YT})`,
  `${YT}!notrained`,
  'https://www.youtube.com/watch?v=dQw4w9WgXc',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQQ',
  'https://www.youtube.com/watch?v=<script>',
  'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
  'https://evil.example/https://youtu.be/dQw4w9WgXcQ',
  'https://[::1]/watch?v=dQw4w9WgXcQ',
  'https://169.254.169.254/latest/meta-data/',
  'https://music.apple.com/us/album/x/1?i=2',
  'https://www.deezer.com/track/3135556',
  'https://soundcloud.com/a/b',
  'https://tidal.com/browse/track/1',
  'https://x.bandcamp.com/track/y',
  'https://spotify.link/abc',
  'https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC',
  'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=%00%ff',
  'https://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food',
  'https://freemusicarchive.org/music/a/b/tra*/',
  `https://youtu.be/${long('%', 5_000)}`,
  long('https://', 12_800),
  `https://x.com/${long('(', 20_000)}`,
  `spotify:${long(':', 50_000)}`,
  long('a.', 50_000),
  `https://www.youtube.com/watch?${long('v=&', 30_000)}`,
  'HTTPS://YOUTU.BE/dQw4w9WgXcQ',
  'https://youtu.be/dQw4w9WgXcQ\u0000https://youtu.be/fJ9rUzIMcZQ',
];

/** Lines on `trained lookup`'s stdin (one query each). */
export const LOOKUP_LINES: string[] = [
  'Bohemian Rhapsody - Queen',
  YT,
  '@everyone',
  '"; rm -rf / #',
  '`',
  '* && id:*',
  'title` || `x',
  long('x', 20_000),
  long('😀', 2_000),
  '\u0000\u0007\u001b',
  ' - ',
  '----',
  'https://freemusicarchive.org/music/a/b/c*/',
  'https://evil.example/?v=dQw4w9WgXcQ',
  'javascript:alert(1)',
  'http://127.0.0.1:1/',
  'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
  'https://music.apple.com/us/album/x/1?i=2',
  '日本語',
  long('e\u0301', 2_000),
  '\u202eQueen - Rhapsody',
  '%00%0a%0d',
  '{"query": "x"}',
  '[1,2,3]',
  'null',
  '\\u0000',
  'a\tb\tc',
  long('a - ', 500),
  'Food - AWOL',
  '¯\\_(ツ)_/¯',
];

/** `trained lookup` argument lists: usage errors (exit 1) or one answer. */
export const LOOKUP_ARGS: { args: string[]; expect: 'answer' | 'usage' }[] = [
  { args: ['lookup', '--json', '@everyone <@&1>'], expect: 'answer' },
  { args: ['lookup', long('y', 100_000)], expect: 'answer' },
  { args: ['lookup', '--nope', 'x'], expect: 'usage' },
  // After `--` every word is the query, as POSIX utilities read it.
  { args: ['lookup', '--', '--json'], expect: 'answer' },
  { args: ['lookup', '-j', 'x'], expect: 'usage' },
  { args: ['nope'], expect: 'usage' },
  { args: [], expect: 'usage' },
];

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

/** Files given to `trained-index build --source <dataset>=<file>`: written by the test, then built. */
export const BUILDER_FILES: { name: string; dataset: string; file: string; content: () => Buffer }[] = [
  { name: 'an empty CSV', dataset: 'spotify-tracks', file: 'dataset.csv', content: () => Buffer.alloc(0) },
  {
    name: 'a CSV with a header only',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(',track_id,artists,album_name,track_name\n'),
  },
  {
    name: 'binary garbage as CSV',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256)),
  },
  {
    name: 'NUL bytes inside CSV fields',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(',track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,A\u0000B,C,D\u0000E\n'),
  },
  {
    name: 'a 2 MB title',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(`,track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,A,B,${long('t', 2_000_000)}\n`),
  },
  {
    name: 'an unclosed quote',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () =>
      Buffer.from(',track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,"A,B,C\n1,7tFiyTwD0nx5a1eklYtX2J,Queen,X,Y\n'),
  },
  {
    name: 'formula and mention titles',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () =>
      Buffer.from(
        `,track_id,artists,album_name,track_name\n0,4PTG3Z6ehGkBFwjybzWkR8,@everyone,"=cmd|' /C calc'!A0",<!channel> [x](https://evil)\n`,
      ),
  },
  {
    name: 'semicolons instead of commas',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(';track_id;artists;album_name;track_name\n0;4PTG3Z6ehGkBFwjybzWkR8;A;B;C\n'),
  },
  {
    name: 'a header of 20,000 columns',
    dataset: 'spotify-tracks',
    file: 'dataset.csv',
    content: () => Buffer.from(`${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n1,2\n`),
  },
  {
    name: 'JSON Lines that are not JSON',
    dataset: 'sleeping-disco-9m',
    file: 'a.jsonl',
    content: () => Buffer.from('{"a":\n}}}\nnot json\n\u0000\n'),
  },
  {
    name: 'JSON Lines nested 100,000 deep',
    dataset: 'sleeping-disco-9m',
    file: 'a.jsonl',
    content: () => Buffer.from(`${long('[', 100_000)}${long(']', 100_000)}\n`),
  },
  {
    name: 'JSON Lines with wrong types',
    dataset: 'sleeping-disco-9m',
    file: 'a.jsonl',
    content: () => Buffer.from('{"video_id": 5, "title": ["x"], "artist": {"a": 1}}\n{"video_id": null}\n[]\n"string"\n'),
  },
  {
    name: 'garbage named .parquet',
    dataset: 'laion-disco-12m',
    file: 'train.parquet',
    content: () => Buffer.from(long('PAR1garbage', 1_000)),
  },
  { name: 'a zero-byte parquet', dataset: 'laion-disco-12m', file: 'train.parquet', content: () => Buffer.alloc(0) },
  {
    name: 'a real LAION parquet cut in half',
    dataset: 'laion-disco-12m',
    file: 'train.parquet',
    content: () => {
      const whole = readFileSync(new URL('../fixtures/index-builder/laion/train-00000-of-00001.parquet', import.meta.url));
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
  },
  {
    name: 'a parquet magic and nothing else',
    dataset: 'laion-disco-12m',
    file: 'train.parquet',
    content: () => Buffer.from('PAR1\u0000\u0000\u0000\u0000PAR1'),
  },
];
