/**
 * Request signatures (reliability item 9) against the real Bolt receiver behind the
 * adapter's HTTP server: only correctly signed, fresh requests reach the bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStartupError, startSlackAdapter } from '../../../adapters/slack/index.js';
import { checkTimestamp } from '../../../adapters/slack/transport.js';
import { REQUEST_PATH } from '../../../adapters/slack/manifest.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { startSlackHarness, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { appMention, eventCallback, slashCommand } from '../../stand-ins/slack/payloads.js';
import { sendEvent, sendForm } from '../../stand-ins/slack/signed-request.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ rows: [{ dataset: 'fma', rowKey: '1', title: 'Signed Song', artists: ['Band'] }] });
});
afterAll(async () => {
  await h?.stop();
});

const now = (): number => Math.floor(Date.now() / 1000);

describe('Slack request signatures', () => {
  it('answers a correctly signed request', async () => {
    const res = await h.command(slashCommand('help', h.api.responseUrl('valid')));
    expect(res.status).toBe(200);
    expect(res.text).toContain('/trained');
  });

  it('answers url_verification only when signed', async () => {
    const body = { type: 'url_verification', challenge: 'c-123', token: 'x' };
    const ok = await h.event(body);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('c-123');
    const bad = await h.event(body, { secret: 'wrong-secret-entirely' });
    expect(bad.status).toBe(401);
  });

  it.each([
    ['stale (over 5 minutes old)', { timestampSec: now() - 6 * 60 }],
    ['from the future (over 5 minutes ahead)', { timestampSec: now() + 6 * 60 }],
    ['signed with the wrong secret', { secret: 'not-the-signing-secret' }],
    ['with a tampered body', { signedBody: new URLSearchParams(slashCommand('help', 'http://127.0.0.1:1/x')).toString() }],
  ])('refuses a request %s and never calls the bot', async (_name, opts) => {
    const before = h.api.calls.length;
    const res = await h.command(slashCommand('Signed Song - Band', h.api.responseUrl('refused')), opts);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('Signed Song');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.api.calls.slice(before)).toEqual([]);
  });

  it('refuses a request without a signature or timestamp', async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=%2Ftrained&text=help',
    });
    expect(res.status).toBe(401);
    const noSig = await sendForm(h.url, slashCommand('help', 'x'), { secret: TEST_SIGNING_SECRET, headers: { 'x-slack-signature': '' } });
    expect(noSig.status).toBe(401);
  });

  it('checks the replay window both ways', () => {
    const t = 1_700_000_000_000;
    expect(checkTimestamp(String(t / 1000), t)).toBe('ok');
    expect(checkTimestamp(String(t / 1000 - 301), t)).toBe('stale');
    expect(checkTimestamp(String(t / 1000 + 301), t)).toBe('future');
    expect(checkTimestamp('abc', t)).toBe('missing');
    expect(checkTimestamp(undefined, t)).toBe('missing');
  });
});

describe('Slack start-up', () => {
  it('refuses a blank signing secret with a clear message (configuration and adapter)', async () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '  ' })).toThrow(ConfigError);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    const start = startSlackAdapter({ bot: h.bot, config: { ...h.slack, signingSecret: ' ' }, log: silentLogger });
    await expect(start).rejects.toThrow(SlackStartupError);
    await expect(start).rejects.toThrow(/SLACK_SIGNING_SECRET is blank/);
  });

  it('stops when Slack refuses the bot token', async () => {
    h.api.failOnce('auth.test', 'invalid_auth');
    const start = startSlackAdapter({ bot: h.bot, config: h.slack, log: silentLogger, host: '127.0.0.1' });
    await expect(start).rejects.toThrow(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
  });
});

describe('Slack logs', () => {
  it('keep the bot token and the signing secret out of debug logs', async () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'debug',
      secrets: [TEST_BOT_TOKEN, TEST_SIGNING_SECRET],
      destination: { write: (line: string) => void lines.push(line) },
    });
    const adapter = await startSlackAdapter({ bot: h.bot, config: h.slack, log, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${adapter.port ?? 0}${REQUEST_PATH}`;
      const before = h.api.callsOf('chat.postMessage').length;
      await sendEvent(url, eventCallback(appMention('<@U0BOT> Signed Song - Band'), `EvLog${Date.now()}`), { secret: TEST_SIGNING_SECRET });
      await h.api.waitFor('chat.postMessage', before + 1);
      await sendForm(url, slashCommand('Signed Song - Band', h.api.responseUrl('log')), { secret: 'wrong-secret-for-a-warning' });
    } finally {
      await adapter.stop();
    }
    const all = lines.join('');
    expect(all).toContain('http request');
    expect(all).not.toContain(TEST_BOT_TOKEN);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
  });
});
