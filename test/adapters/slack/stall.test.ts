/**
 * Reliability item 7 on Slack: with Typesense stalled (a paused TCP proxy in front of the
 * test server), `/trained` is still acknowledged in time, and the answer, or a clear
 * timeout message, arrives later through response_url.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter } from '../../../adapters/slack/index.js';
import { REQUEST_PATH } from '../../../adapters/slack/manifest.js';
import { silentLogger } from '../../../src/log.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { slashCommand } from '../../stand-ins/slack/payloads.js';
import { sendForm } from '../../stand-ins/slack/signed-request.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({
    rows: [{ dataset: 'fma', rowKey: '5', title: 'Stalled Song', artists: ['Slow Band'] }],
    stallable: true,
    env: { LOOKUP_DEADLINE_MS: '3000' },
    adapter: { ackBudgetMs: 300 },
  });
});
afterAll(async () => {
  await h?.stop();
});

/** Slack's own limit for the acknowledgement. */
const SLACK_ACK_LIMIT_MS = 3000;

describe('stalled Typesense', () => {
  it('acknowledges in time with nothing shown, then answers once through response_url', async () => {
    h.proxy?.pause();
    const res = await h.command(slashCommand('Stalled Song - Slow Band', h.api.responseUrl('stall-1')));
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    // An empty ack: Slack shows nothing, and nothing is left behind that Slack would not let us take back.
    expect(res.text).toBe('');
    expect(h.api.visible('stall-1')).toEqual([]);

    await new Promise((r) => setTimeout(r, 800));
    expect(h.api.callsOf('respond')).toEqual([]);
    h.proxy?.resume();

    const [answer] = await h.api.waitFor('respond');
    expect(answer?.path).toBe('/respond/stall-1');
    const body = answer?.json as { replace_original?: boolean; response_type?: string; text: string };
    expect(body.replace_original).toBeUndefined();
    expect(body.response_type).toBe('ephemeral');
    // What the person sees: the answer, once.
    const shown = h.api.visible('stall-1');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ visibility: 'ephemeral', source: 'response' });
    expect(shown[0]?.text).toContain('present in fma (row 5)');
  });

  it('answers with a clear timeout message when the search stays stalled past the deadline', async () => {
    h.proxy?.pause();
    const before = h.api.callsOf('respond').length;
    const res = await h.command(slashCommand('Stalled Song - Slow Band', h.api.responseUrl('stall-2')));
    expect(res.elapsedMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    const answers = await h.api.waitFor('respond', before + 1, 15_000);
    h.proxy?.resume();
    const body = answers[before]?.json as { text: string };
    expect(answers[before]?.path).toBe('/respond/stall-2');
    expect(body.text).toMatch(/took longer than 3 seconds/);
    expect(body.text).not.toContain('present in');
    expect(h.api.visible('stall-2').map((m) => m.text)).toEqual([body.text]);
  });
});

describe('shutdown', () => {
  it('stop() lets an answer in flight finish before it resolves', async () => {
    const adapter = await startSlackAdapter({
      bot: h.bot,
      config: h.slack,
      log: silentLogger,
      host: '127.0.0.1',
      ackBudgetMs: 300,
    });
    h.proxy?.pause();
    const url = `http://127.0.0.1:${adapter.port ?? 0}${REQUEST_PATH}`;
    const res = await sendForm(url, slashCommand('Stalled Song - Slow Band', h.api.responseUrl('drain')), { secret: TEST_SIGNING_SECRET });
    expect(res.status).toBe(200);
    const resume = setTimeout(() => h.proxy?.resume(), 500);
    await adapter.stop();
    clearTimeout(resume);
    const answer = h.api.callsOf('respond').find((c) => c.path === '/respond/drain');
    expect((answer?.json as { text?: string } | undefined)?.text).toContain('present in fma (row 5)');
  });
});
