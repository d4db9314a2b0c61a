/**
 * Socket Mode (local development): the same adapter over Bolt's SocketModeReceiver, with
 * apps.connections.open answered by the Web API stand-in and the WebSocket by a local one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter, type RunningSlackAdapter } from '../../../adapters/slack/index.js';
import { silentLogger } from '../../../src/log.js';
import { startSlackHarness, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { appMention, CHANNEL, eventCallback, slashCommand } from '../../stand-ins/slack/payloads.js';
import { SocketModeStandIn } from '../../stand-ins/slack/socket-mode.js';

const APP_TOKEN = 'xapp-stand-in-app-token-not-a-secret';
let h: SlackHarness;
let socket: SocketModeStandIn;
let adapter: RunningSlackAdapter;

beforeAll(async () => {
  h = await startSlackHarness({ rows: [{ dataset: 'fma', rowKey: '9', title: 'Socket Song', artists: ['Wire Band'] }] });
  socket = new SocketModeStandIn();
  h.api.socketUrl = await socket.start();
  adapter = await startSlackAdapter({
    bot: h.bot,
    config: { ...h.slack, socketMode: true, appToken: APP_TOKEN },
    log: silentLogger,
  });
});
afterAll(async () => {
  await adapter?.stop();
  await socket?.stop();
  await h?.stop();
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token, not the bot token', () => {
    const open = h.api.callsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(adapter.port).toBeUndefined();
  });

  it('answers /trained inside the envelope ack', async () => {
    const ack = await socket.deliver('slash_commands', slashCommand('Socket Song - Wire Band', h.api.responseUrl('socket')));
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.payload)).toContain('present in fma (row 9)');
  });

  it('answers a mention in its thread', async () => {
    const before = h.api.callsOf('chat.postMessage').length;
    await socket.deliver('events_api', eventCallback(appMention('<@U0BOT> Socket Song - Wire Band', '1700002000.000100'), 'EvSocket1'));
    const posts = await h.api.waitFor('chat.postMessage', before + 1);
    expect(posts[before]?.params).toMatchObject({ channel: CHANNEL, thread_ts: '1700002000.000100' });
  });

  it('refuses to start without an app-level token', async () => {
    await expect(
      startSlackAdapter({
        bot: h.bot,
        config: { ...h.slack, socketMode: true, appToken: undefined },
        log: silentLogger,
      }),
    ).rejects.toThrow(/SLACK_APP_TOKEN is required for Socket Mode/);
  });
});
