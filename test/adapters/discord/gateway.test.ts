/**
 * Connection-level behaviour of the Discord adapter with the real discord.js: close codes
 * that must stop the bot instead of looping, the configurable gateway URL, and lookups
 * that outlast Discord's 3-second window or the interaction token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordGatewayError } from '../../../adapters/discord/index.js';
import { encodeAction } from '../../../src/core/actions.js';
import { SONG_ACTION_CODE } from '../../../src/core/song-lookup.js';
import type { TrackRow } from '../../../src/index/document.js';
import { createLogger } from '../../../src/log.js';
import { startHarness, TEST_TOKEN, type Harness } from '../../stand-ins/discord/harness.js';
import type { RecordedRequest } from '../../stand-ins/discord/index.js';

const rows: TrackRow[] = [{ dataset: 'fma', rowKey: '2', title: 'Food', artists: ['AWOL'] }];
const MESSAGE_CONTENT = 1 << 15;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function callback(i: Record<string, unknown>) {
  return (r: RecordedRequest) => r.path === `/interactions/${String(i['id'])}/${String(i['token'])}/callback`;
}

function original(harness: Harness, i: Record<string, unknown>) {
  return (r: RecordedRequest) =>
    r.method === 'PATCH' && r.path === `/webhooks/${harness.stand.applicationId}/${String(i['token'])}/messages/@original`;
}

describe('Discord gateway close codes', () => {
  it('stops with a clear message on 4004 (bad token) and does not reconnect', async () => {
    h = await startHarness({ rows, start: false, standIn: { refuseIdentify: () => 4004 } });
    const fatal: unknown[] = [];
    const error = await h.start({ onFatal: (e) => fatal.push(e) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordGatewayError);
    expect((error as DiscordGatewayError).code).toBe(4004);
    expect((error as Error).message).toMatch(/DISCORD_TOKEN/);
    await sleep(1500);
    expect(h.stand.gateway.connections()).toBe(1);
    // Reported once: by the failed start, not also through onFatal.
    expect(fatal).toEqual([]);
  });

  it('stops with the same clear message when REST already refuses the token (401 on GET /gateway/bot)', async () => {
    h = await startHarness({ rows, start: false });
    h.stand.rest.respondOnce((r) => r.path === '/gateway/bot', { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const error = await h.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordGatewayError);
    expect((error as Error).message).toMatch(/DISCORD_TOKEN/);
    expect(h.stand.gateway.connections()).toBe(0);
  });

  it('stops with a clear message on 4014 (Message Content intent not enabled) and does not reconnect', async () => {
    h = await startHarness({
      rows,
      start: false,
      env: { DISCORD_PASTED_LINKS: 'true' },
      standIn: { refuseIdentify: (identify) => ((identify.intents & MESSAGE_CONTENT) !== 0 ? 4014 : undefined) },
    });
    const error = await h.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordGatewayError);
    expect((error as DiscordGatewayError).code).toBe(4014);
    expect((error as Error).message).toMatch(/Message Content Intent/);
    await sleep(1500);
    expect(h.stand.gateway.connections()).toBe(1);
  });

  it('reports a 4004 after startup through onFatal, without a reconnect loop', async () => {
    const fatal: DiscordGatewayError[] = [];
    const platformErrors: string[] = [];
    h = await startHarness({ rows, adapter: { onFatal: (e) => fatal.push(e), onPlatformError: (code) => platformErrors.push(code) } });
    h.stand.gateway.closeAll(4004, 'Authentication failed.');
    const deadline = Date.now() + 10_000;
    while (fatal.length === 0 && Date.now() < deadline) await sleep(50);
    expect(fatal.map((e) => e.code)).toEqual([4004]);
    await sleep(1500);
    expect(h.stand.gateway.connections()).toBe(1);
    expect(platformErrors).toEqual(['4004']);
  });

  it('keeps one connection alive with heartbeats the stand-in acknowledges', async () => {
    h = await startHarness({ rows, standIn: { heartbeatIntervalMs: 250 } });
    await sleep(1500);
    expect(h.stand.gateway.heartbeats()).toBeGreaterThanOrEqual(2);
    // discord.js drops a connection whose heartbeat goes unacknowledged; one connection means every ACK arrived.
    expect(h.stand.gateway.connections()).toBe(1);
  });

  it('connects to DISCORD_GATEWAY_URL instead of the URL GET /gateway/bot advertises', async () => {
    h = await startHarness({
      rows,
      start: false,
      // Nothing listens on port 9: only the configured URL can work.
      standIn: { advertisedGatewayUrl: 'ws://127.0.0.1:9' },
      env: (stand) => ({ DISCORD_GATEWAY_URL: stand.gateway.url }),
    });
    await h.start();
    expect(h.stand.gateway.identifies).toHaveLength(1);
    expect(h.stand.gateway.identifies[0]?.token).toBe(h.config.discord?.token);
  });
});

describe('Discord logs', () => {
  it('logs a refused interaction response without the interaction token or the bot token, and reports its code', async () => {
    const lines: string[] = [];
    const platformErrors: string[] = [];
    const log = createLogger({ level: 'debug', secrets: [TEST_TOKEN], destination: { write: (line: string) => void lines.push(line) } });
    h = await startHarness({ rows, adapter: { log, onPlatformError: (code) => platformErrors.push(code) } });
    const harness = h;
    const i = h.stand.interaction.chatInput('song', { title: 'Food' });
    h.stand.rest.respondOnce(callback(i), { status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    h.stand.gateway.dispatch('INTERACTION_CREATE', i);
    await harness.stand.rest.waitFor(callback(i));
    const deadline = Date.now() + 5000;
    while (!lines.some((l) => l.includes('Discord event handling failed')) && Date.now() < deadline) await sleep(50);
    const text = lines.join('');
    expect(text).toContain('Discord event handling failed');
    expect(text).toContain('Invalid Form Body');
    expect(text).toContain('[interaction token]');
    expect(text).not.toContain(String(i['token']));
    expect(text).not.toContain(TEST_TOKEN);
    expect(platformErrors).toEqual(['50035']);
  });
});

describe('Discord deadlines', () => {
  /** Sends an interaction while Typesense stalls for 700 ms: Discord's deferral, how soon it came, and the edit that followed. */
  async function throughStall(
    make: (stand: Harness['stand']) => Record<string, unknown>,
  ): Promise<{ deferral: RecordedRequest; after: number; edit: Record<string, unknown> }> {
    h = await startHarness({ rows, stallable: true });
    const i = make(h.stand);
    h.proxy?.pause();
    const sentAt = Date.now();
    h.stand.gateway.dispatch('INTERACTION_CREATE', i);
    const deferral = await h.stand.rest.waitFor(callback(i), 5000);
    await sleep(700);
    h.proxy?.resume();
    const edit = await h.stand.rest.waitFor(original(h, i), 10_000);
    return { deferral, after: deferral.at - sentAt, edit: edit.body as Record<string, unknown> };
  }

  it('defers within 3 s while Typesense stalls, then follows up with the answer', async () => {
    const { deferral, after, edit } = await throughStall((stand) => stand.interaction.chatInput('song', { title: 'Food', artist: 'AWOL' }));
    expect(deferral.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(after).toBeLessThan(3000);
    expect(JSON.stringify(edit['embeds'])).toContain('Food');
    expect(edit['allowed_mentions']).toEqual({ parse: [], replied_user: false });
  });

  it('turns the page of a private answer in place: deferUpdate while Typesense stalls, then an edit', async () => {
    const more = encodeAction('more', SONG_ACTION_CODE, ['1', '', 'Food', 'AWOL']) ?? '';
    const { deferral, after, edit } = await throughStall((stand) => stand.interaction.button(more));
    // DEFERRED_UPDATE_MESSAGE: the message stays, no "thinking" message is posted.
    expect(deferral.body).toEqual({ type: 6 });
    expect(after).toBeLessThan(3000);
    expect(JSON.stringify(edit['embeds'])).toContain('Food');
    expect(edit['allowed_mentions']).toEqual({ parse: [], replied_user: false });
  });

  it('answers autocomplete with no choices inside the window while Typesense stalls', async () => {
    h = await startHarness({ rows, stallable: true });
    const i = h.stand.interaction.autocomplete('song', 'title', 'Fo');
    h.proxy?.pause();
    const sentAt = Date.now();
    h.stand.gateway.dispatch('INTERACTION_CREATE', i);
    const answer = await h.stand.rest.waitFor(callback(i), 5000);
    expect(answer.body).toEqual({ type: 8, data: { choices: [] } });
    expect(answer.at - sentAt).toBeLessThan(3000);
  });

  it('lets an in-flight answer finish when stopped (SIGTERM)', async () => {
    h = await startHarness({ rows, stallable: true });
    const harness = h;
    const i = h.stand.interaction.chatInput('song', { title: 'Food', artist: 'AWOL' });
    h.proxy?.pause();
    h.stand.gateway.dispatch('INTERACTION_CREATE', i);
    await h.stand.rest.waitFor(callback(i), 5000);
    const stopped = h.adapter?.stop();
    setTimeout(() => harness.proxy?.resume(), 300);
    await stopped;
    const edit = h.stand.rest.requests.find(original(h, i));
    expect(JSON.stringify(edit?.body)).toContain('Food');
  });

  it('sends a timeout notice before the interaction token expires and never a late answer', async () => {
    // A 2.5 s "token lifetime" stands in for Discord's 15 minutes.
    h = await startHarness({ rows, stallable: true, adapter: { tokenLifetimeMs: 2500 } });
    const i = h.stand.interaction.chatInput('song', { title: 'Food' });
    h.proxy?.pause();
    h.stand.gateway.dispatch('INTERACTION_CREATE', i);
    await h.stand.rest.waitFor(callback(i), 5000);
    const notice = await h.stand.rest.waitFor(original(h, i), 5000);
    expect(JSON.stringify(notice.body)).toMatch(/took too long/);
    // Sent when the (shortened) token life runs out; production keeps a 30 s margin before the real expiry.
    expect(notice.at - Number((BigInt(String(i['id'])) >> 22n) + 1_420_070_400_000n)).toBeLessThan(2500 + 1500);
    h.proxy?.resume();
    await sleep(1500);
    const afterwards = h.stand.rest.requests.filter((r) => r.path.includes(String(i['token'])) && r.at > notice.at);
    expect(afterwards).toEqual([]);
  });
});
