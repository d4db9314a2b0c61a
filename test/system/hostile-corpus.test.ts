/**
 * Runs the hostile-input corpus (test/system/hostile-corpus.ts) through the real entry points: the
 * console adapter on the real core, the core's pasted-link path, `trained lookup` as a
 * process, Bolt behind our HTTP transport, the /healthz and /metrics server, and
 * `trained-index build` as a process. Each input must end in its outcome class within its
 * time bound: no crash, no hang, no stack trace.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/index.js';
import { silentLogger } from '../../src/log.js';
import { startOpsServer, type OpsServer } from '../../src/ops/http.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { botFor, DATASET_INFO, linkReplyOf, ROWS } from '../helpers/core-fixture.js';
import {
  BUILDER_FILES,
  CONSOLE_INPUTS,
  LOOKUP_ARGS,
  LOOKUP_LINES,
  OPS_REQUESTS,
  PASTED_MESSAGES,
  SLACK_REQUESTS,
  type HttpClass,
} from './hostile-corpus.js';
import { runCli } from '../helpers/index-builder-cli.js';
import { runNode, searchEnv, type Run } from '../helpers/processes.js';
import { adminClient, dropAliasAndCollection, fixtureIndex, uniqueName, type FixtureIndex } from '../helpers/typesense.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../stand-ins/slack/harness.js';
import { slackSignature } from '../stand-ins/slack/signed-request.js';

const STACK = /\n\s+at \S+ \(|Sorry, that failed|unexpected failure|TypeError|ReferenceError/;

let fx: FixtureIndex;
let dir: string;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  dir = await mkdtemp(join(tmpdir(), 'trained-corpus-'));
});
afterAll(async () => {
  await fx.drop();
  await rm(dir, { recursive: true, force: true });
});

async function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no outcome within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const label = (input: string | string[]): string => JSON.stringify(input).slice(0, 60);

describe('console: every line gets an answer, none a crash', () => {
  it.each(CONSOLE_INPUTS.map((input) => [label(input), input] as const))('%s', async (_name, input) => {
    const bot = botFor(fx);
    const stdin = new PassThrough();
    let out = '';
    const output = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const running = runConsole({ bot, input: stdin, output, attachmentDir: dir });
    for (const line of Array.isArray(input) ? input : [input]) stdin.write(`${line}\n`);
    stdin.end();
    await bounded(label(input), 10_000, running);
    await bot.close();
    const answer = out.split('\n').slice(1).join('\n').trim(); // after the greeting
    expect(answer.length, 'an answer or a clear usage line').toBeGreaterThan(0);
    expect(answer).not.toMatch(STACK);
  });
});

describe('pasted messages: an answer or silence, never a fault', () => {
  it.each(PASTED_MESSAGES.map((text) => [label(text), text] as const))('%s', async (_name, text) => {
    const bot = botFor(fx);
    const place = { platform: 'console' as const, channelId: 'p' };
    // Pasted in passing (an answer or silence), and addressed to the bot (a mention, the context menu: always an answer).
    const passing = await bounded(
      label(text),
      10_000,
      linkReplyOf(bot, { text, user: { id: 'p1' }, place, platform: 'console', surface: 'pasted' }),
    );
    const asked = await bounded(
      label(text),
      10_000,
      linkReplyOf(bot, { text, user: { id: 'p1' }, place, platform: 'console', surface: 'message-action' }),
    );
    await bot.close();
    if (text.includes('!notrained')) {
      // The skip keyword is the sender's opt-out: honoured even when the bot is addressed (no lookup; the
      // person who asked hears that there is nothing to check, as the adapters used to say it themselves).
      expect(passing).toBeUndefined();
      expect(asked?.headline).toBe("I don't see a track link I recognise in that message.");
      return;
    }
    if (passing !== undefined) expect(passing.tone).not.toBe('problem');
    expect(asked).toBeDefined();
    expect(asked?.tone).not.toBe('problem');
    expect(asked?.headline.length).toBeGreaterThan(0);
  });
});

function lookup(args: string[], stdin: string): Promise<Run> {
  return runNode(['bin/trained.mjs', ...args], { ...searchEnv(fx), RESOLVE_LINKS: 'false' }, { stdin });
}

describe('trained lookup', () => {
  it(`answers each of ${LOOKUP_LINES.length} hostile stdin lines with one JSON line`, { timeout: 60_000 }, async () => {
    const run = await lookup(['lookup'], `${LOOKUP_LINES.join('\n')}\n`);
    // 3: some lines could not be checked (a status other work adds); never a crash.
    expect([0, 3]).toContain(run.code);
    expect(run.stderr).not.toMatch(STACK);
    const lines = run.stdout.trimEnd().split('\n');
    const answered = LOOKUP_LINES.filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(answered.length);
    for (const line of lines) expect(typeof JSON.parse(line)).toBe('object');
  });

  it.each(LOOKUP_ARGS.map((c) => [c.args.join(' ').slice(0, 40) || '(no arguments)', c] as const))(
    'trained %s',
    { timeout: 60_000 },
    async (_name, c) => {
      const run = await lookup(c.args, '');
      expect(run.stderr).not.toMatch(STACK);
      if (c.expect === 'usage') {
        // The problem, then the usage line.
        expect(run.code).toBe(2);
        expect(run.stderr.trim().split('\n')).toHaveLength(2);
      } else {
        expect([0, 3]).toContain(run.code);
        expect(run.stdout.trim().length).toBeGreaterThan(0);
      }
    },
  );
});

function classOf(status: number): HttpClass | 'fault' {
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 400 && status < 500) return 'refused';
  return 'fault';
}

/** A raw request (node:http, so any method, path and header goes out as written); resolves with the status. */
function send(port: number, method: string, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Slack HTTP receiver', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ rows: ROWS });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(SLACK_REQUESTS.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const body = r.body ?? '';
    const headers: Record<string, string> = { ...r.headers };
    if (r.sign === true) {
      const ts = Math.floor(Date.now() / 1000) + (r.skewSec ?? 0);
      headers['x-slack-request-timestamp'] = String(ts);
      headers['x-slack-signature'] = slackSignature(TEST_SIGNING_SECRET, ts, body);
    } else if (headers['x-slack-request-timestamp'] === undefined && (r.method ?? 'POST') === 'POST') {
      headers['x-slack-request-timestamp'] = String(Math.floor(Date.now() / 1000));
    }
    const port = Number(new URL(h.url).port);
    const status = await bounded(r.name, 8000, send(port, r.method ?? 'POST', r.path ?? '/slack/events', headers, body));
    expect([r.expect].flat(), `status ${status}`).toContain(classOf(status));
  });
});

describe('/healthz and /metrics', () => {
  let ops: OpsServer;
  beforeAll(async () => {
    ops = await startOpsServer({ port: 0, search: fx.search, metrics: createMetrics({ nodes: [] }), log: silentLogger });
  });
  afterAll(async () => {
    await ops.close();
  });

  it.each(OPS_REQUESTS.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const status = await bounded(r.name, 5000, send(ops.port, r.method ?? 'GET', r.path, r.headers ?? {}, ''));
    expect(classOf(status), `status ${status}`).toBe(r.expect);
  });
});

describe('trained-index build on hostile files: a report, or one clear line', () => {
  const admin = adminClient();
  const aliases: string[] = [];
  afterAll(async () => {
    for (const alias of aliases) await dropAliasAndCollection(admin, alias);
  });

  it.each(BUILDER_FILES.map((f) => [f.name, f] as const))('%s', { timeout: 90_000 }, async (_name, f) => {
    const where = join(dir, uniqueName('src'));
    await mkdir(where, { recursive: true });
    const path = join(where, f.file);
    await writeFile(path, f.content());
    const alias = uniqueName('corpus');
    aliases.push(alias);
    const run = await bounded(
      f.name,
      60_000,
      runCli(['build', '--source', `${f.dataset}=${path}`, '--alias', alias], { LOG_LEVEL: 'silent' }),
    );
    expect(run.stderr).not.toMatch(STACK);
    expect(run.signal).toBeNull();
    if (run.code === 0) expect(run.stdout.trim().length).toBeGreaterThan(0);
    else {
      expect([1, 2]).toContain(run.code);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^trained-index: /);
    }
  });
});
