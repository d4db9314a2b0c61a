/**
 * One test per delivery mode: the core decides (src/core/delivery.ts, from the surface and the
 * place's settings), and both adapters carry the same decision out on the real discord.js and
 * Bolt against their stand-ins. Where a platform has no surface for a mode, the test says so and
 * checks what the same setting does there instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommands } from '../../../adapters/discord/registration.js';
import { COMMANDS } from '../../../commands/index.js';
import { pastedDelivery, previewPlan } from '../../../src/core/delivery.js';
import type { LinkMessage, Place } from '../../../src/core/types.js';
import type { TrackRow } from '../../../src/index/document.js';
import type { PlaceSettings } from '../../../src/settings/store.js';
import { startHarness, type Harness } from '../../stand-ins/discord/harness.js';
import type { RecordedRequest } from '../../stand-ins/discord/index.js';
import { startSlackHarness, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { eventCallback, linkShared, slashCommand } from '../../stand-ins/slack/payloads.js';
import type { RecordedCall } from '../../stand-ins/slack/web-api.js';

const IDS = ['dQw4w9WgXcQ', 'fJ9rUzIMcZQ', 'kJQP7kiw5Fk', 'JGwWNGJdvx8', 'OPf0YbXqDm0', '9bZkp7q19f0'];
const rows: TrackRow[] = IDS.map((id, i) => ({
  dataset: 'laion-disco-12m',
  rowKey: id,
  title: `Track number ${i}`,
  artists: ['Some Artist'],
  platformIds: [{ platform: 'youtube' as const, id }],
  rowKeyPlatform: 'youtube' as const,
}));
const link = (i: number): string => `https://www.youtube.com/watch?v=${IDS[i]}`;

let d: Harness;
let s: SlackHarness;
let seq = 0;
beforeAll(async () => {
  [d, s] = await Promise.all([startHarness({ rows, env: { DISCORD_PASTED_LINKS: 'true' } }), startSlackHarness({ rows })]);
});
afterAll(async () => {
  await Promise.all([d?.stop(), s?.stop()]);
});

// ---- Discord: a channel's place, a pasted message, and what the stand-in saw for it.
const discordPlace = (): Place => ({ platform: 'discord', workspaceId: d.stand.guildId, channelId: d.stand.channelIds[0] });
function paste(content: string): Record<string, unknown> {
  const m = d.stand.message(d.stand.channelIds[0], content);
  d.stand.gateway.dispatch('MESSAGE_CREATE', m);
  return m;
}
const touches = (m: Record<string, unknown>) => (r: RecordedRequest) =>
  r.path.includes(String(m['id'])) ||
  (r.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === m['id'];

// ---- Slack: a channel's place, link_shared for a link, and the Web API calls since a point.
const SLACK_CHANNEL = 'C0MODES';
const slackPlace: Place = { platform: 'slack', workspaceId: 'T0TEAM', channelId: SLACK_CHANNEL };
async function share(url: string): Promise<number> {
  const start = s.api.calls.length;
  const ts = `1700001000.${String(++seq).padStart(6, '0')}`;
  const res = await s.event(eventCallback(linkShared([url], { channel: SLACK_CHANNEL, messageTs: ts }), `EvModes${Date.now()}${seq}`));
  expect(res.status).toBe(200);
  return start;
}
const okCalls = (start: number, method: string): RecordedCall[] =>
  s.api.calls.slice(start).filter((c) => c.method === method && c.status === 200 && c.error === undefined);
async function waitForCall(start: number, method: string): Promise<RecordedCall> {
  for (let i = 0; i < 500; i++) {
    const found = okCalls(start, method)[0];
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${method}; saw ${s.api.calls.map((c) => c.method).join(', ')}`);
}
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 800));

/** The core's decisions for a pasted Discord message and a Slack link preview under the same settings. */
async function decide(patch: Partial<PlaceSettings>) {
  await Promise.all([d.settings.set(discordPlace(), patch), s.settings.set(slackPlace, patch)]);
  const base = { text: link(0), user: { id: 'u' }, messageId: '1' };
  const pasted: LinkMessage = { ...base, place: discordPlace(), platform: 'discord', surface: 'pasted' };
  const preview: LinkMessage = { ...base, place: { ...slackPlace, botIsMember: true }, platform: 'slack', surface: 'link-preview' };
  return {
    discord: pastedDelivery(await d.settings.get(discordPlace()), pasted).mode,
    slack: previewPlan(await s.settings.get(slackPlace), preview).thread ? 'thread' : 'unfurl',
  };
}

describe('delivery modes, decided once in the core and carried out by both adapters', () => {
  it('reply: a lookup nobody asked to share is answered privately to the person who asked', async () => {
    const i = d.stand.interaction.chatInput('song', { title: 'Track number 1' }, { channelId: d.stand.channelIds[1] });
    d.stand.gateway.dispatch('INTERACTION_CREATE', i);
    const callback = await d.stand.rest.waitFor((r) => r.path === `/interactions/${String(i['id'])}/${String(i['token'])}/callback`);
    expect((callback.body as { data?: { flags?: number } }).data?.flags).toBe(64); // EPHEMERAL

    const res = await s.command(slashCommand('Track number 1 - Some Artist', s.api.responseUrl(`modes-${++seq}`)));
    expect((JSON.parse(res.text) as { response_type: string }).response_type).toBe('ephemeral');
  });

  it('thread: where the place asks for threads, a pasted or previewed link is answered in its thread', async () => {
    expect(await decide({ autoReply: true, previews: true, mode: 'thread' })).toEqual({ discord: 'thread', slack: 'thread' });

    const m = paste(`listen ${link(1)}`);
    await d.stand.rest.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${d.stand.channelIds[0]}/messages/${String(m['id'])}/threads`,
    );
    await d.stand.rest.waitFor((r) => r.method === 'POST' && r.path === `/channels/${String(m['id'])}/messages`);

    const start = await share(link(1));
    const post = await waitForCall(start, 'chat.postMessage');
    expect(post.params.thread_ts).toMatch(/^1700001000\./);
    expect(okCalls(start, 'chat.unfurl')).toEqual([]);
  });

  it('reaction: Discord reacts to the message; Slack, which hands us no pasted messages, previews instead', async () => {
    expect(await decide({ autoReply: true, previews: true, mode: 'reaction' })).toEqual({ discord: 'reaction', slack: 'unfurl' });

    const m = paste(`react ${link(2)}`);
    const reaction = await d.stand.rest.waitFor((r) => r.method === 'PUT' && r.path.includes(`/messages/${String(m['id'])}/reactions/`));
    expect(reaction.path).toContain('/@me');
    expect(d.stand.rest.requests.filter((r) => r.method === 'POST' && touches(m)(r))).toEqual([]);

    const start = await share(link(2));
    await waitForCall(start, 'chat.unfurl');
    expect(okCalls(start, 'chat.postMessage')).toEqual([]);
  });

  it('unfurl: Slack previews the link under the message; Discord, which has no previews of ours, replies', async () => {
    expect(await decide({ autoReply: true, previews: true, mode: 'reply' })).toEqual({ discord: 'reply', slack: 'unfurl' });

    const start = await share(link(3));
    const unfurl = await waitForCall(start, 'chat.unfurl');
    expect(Object.keys(JSON.parse(unfurl.params.unfurls ?? '{}') as object)).toEqual([link(3)]);

    const m = paste(`reply ${link(3)}`);
    const reply = await d.stand.rest.waitFor((r) => r.method === 'POST' && touches(m)(r));
    expect(reply.path).toBe(`/channels/${d.stand.channelIds[0]}/messages`);
  });

  it('form: `/trained list` typed alone opens Slack’s form; Discord asks for the required option itself', async () => {
    const start = s.api.calls.length;
    await s.command(slashCommand('list', s.api.responseUrl(`modes-${++seq}`)));
    const open = await waitForCall(start, 'views.open');
    expect((JSON.parse(open.params.view ?? '{}') as { callback_id: string }).callback_id).toBe('trained_list');

    // Discord's client shows the `lines` option as a required field before anything reaches us.
    const body = buildCommands(COMMANDS)[0] as { options?: { name: string; options?: { name: string; required?: boolean }[] }[] };
    expect(body.options?.find((o) => o.name === 'list')?.options?.find((o) => o.name === 'lines')?.required).toBe(true);
  });

  it('silent: where the place turned answers off, nothing is sent on either platform', async () => {
    await Promise.all([d.settings.set(discordPlace(), { autoReply: false }), s.settings.set(slackPlace, { previews: false })]);
    const pasted: LinkMessage = { text: link(4), user: { id: 'u' }, place: discordPlace(), platform: 'discord', surface: 'pasted' };
    // The core's own answer for that message: silence, the same rule for both platforms.
    expect((await d.bot.handleMessage(pasted)).delivery.mode).toBe('silent');

    const m = paste(`quiet ${link(5)}`);
    const start = await share(link(5));
    await settle();
    expect(d.stand.rest.requests.filter(touches(m))).toEqual([]);
    expect(s.api.calls.slice(start)).toEqual([]);
  });
});
