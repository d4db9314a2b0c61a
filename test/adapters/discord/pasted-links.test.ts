/**
 * Pasted links through the real discord.js client: off by default, turned on per channel
 * by a manager with /trained settings, answered once per message in reply, thread or
 * reaction mode, never for bots or itself; Discord's 429 Retry-After honoured, and a
 * refused reply reported (for metrics) by Discord's error code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackRow } from '../../../src/index/document.js';
import type { RecordedRequest } from '../../stand-ins/discord/index.js';
import { escapeMarkdown } from '../../../adapters/discord/text.js';
import { messageBodies, startHarness, type Harness } from '../../stand-ins/discord/harness.js';

const IDS = [
  'dQw4w9WgXcQ',
  'fJ9rUzIMcZQ',
  'kJQP7kiw5Fk',
  'JGwWNGJdvx8',
  'OPf0YbXqDm0',
  '9bZkp7q19f0',
  'RgKAFK5djSk',
  'CevxZvSJLk8',
  'hT_nvWreIhg',
  'M7lc1UVf-VE',
];
const rows: TrackRow[] = IDS.map((id, i) => ({
  dataset: 'laion-disco-12m',
  rowKey: id,
  title: `Track number ${i}`,
  artists: ['Some Artist'],
  platformIds: [{ platform: 'youtube' as const, id }],
  rowKeyPlatform: 'youtube' as const,
}));
// "Track number 3" again, keyed by a Spotify id in another dataset: one song in two datasets.
const SPOTIFY_ID = '6rqhFgbbKwnb9MLmUQDhG6';
rows.push({
  dataset: 'spotify-tracks',
  rowKey: SPOTIFY_ID,
  title: 'Track number 3 (feat. Guest)',
  artists: ['Some Artist', 'Guest'],
  platformIds: [{ platform: 'spotify', id: SPOTIFY_ID }],
  rowKeyPlatform: 'spotify',
});
const link = (i: number) => `https://www.youtube.com/watch?v=${IDS[i]}`;

let h: Harness;
let c0: string;
let c1: string;
const platformErrors: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    rows,
    env: { DISCORD_PASTED_LINKS: 'true' },
    adapter: { onPlatformError: (code) => platformErrors.push(code) },
  });
  [c0, c1] = h.stand.channelIds;
});
afterAll(async () => {
  await h?.stop();
});

async function command(
  sub: string,
  options: Record<string, string | boolean>,
  channelId: string,
  manager = true,
): Promise<RecordedRequest> {
  const i = h.stand.interaction.chatInput(sub, options, { manager, channelId });
  h.stand.gateway.dispatch('INTERACTION_CREATE', i);
  return h.stand.rest.waitFor((r) => r.path === `/interactions/${String(i['id'])}/${String(i['token'])}/callback`);
}

function post(content: string, channelId: string, author?: { id: string; bot?: boolean }): Record<string, unknown> {
  const m = h.stand.message(channelId, content, author);
  h.stand.gateway.dispatch('MESSAGE_CREATE', m);
  return m;
}

const repliesTo = (m: Record<string, unknown>) => (r: RecordedRequest) =>
  r.method === 'POST' && (r.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference?.message_id === m['id'];
const touches = (m: Record<string, unknown>) => (r: RecordedRequest) => r.path.includes(String(m['id'])) || repliesTo(m)(r);

/** A message that must get no answer: checked after a later, answered message went through (same pipeline). */
async function expectNoAnswer(silent: Record<string, unknown>[], control: string): Promise<void> {
  const m = post(control, c0);
  await h.stand.rest.waitFor(repliesTo(m));
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const s of silent) expect(h.stand.rest.requests.filter(touches(s))).toEqual([]);
}

describe('Discord pasted links', () => {
  it('asks for the Message Content intent only because pasted links are enabled', () => {
    expect(h.stand.gateway.identifies[0]?.intents).toBe((1 << 0) | (1 << 9) | (1 << 15));
  });

  it('stays silent while no manager has turned auto-replies on', async () => {
    const m = post(`look ${link(0)}`, c0);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(h.stand.rest.requests.filter(touches(m))).toEqual([]);
  });

  it('lets a manager turn auto-replies on for one channel, persisted in the shared store', async () => {
    const refused = await command('settings', { auto_reply: true }, c0, false);
    expect(JSON.stringify(refused.body)).toMatch(/manage/i);
    const saved = await command('settings', { auto_reply: true, mode: 'reply' }, c0);
    expect((saved.body as { data: { flags: number } }).data.flags).toBe(64);
    const settings = await h.settings.get({ platform: 'discord', workspaceId: h.stand.guildId, channelId: c0 });
    expect(settings).toMatchObject({ autoReply: true, mode: 'reply' });
  });

  it('replies once to a message with two links, without pinging its author', async () => {
    const m = post(`two: ${link(1)} and ${link(2)}`, c0);
    const reply = await h.stand.rest.waitFor(repliesTo(m));
    expect(reply.path).toBe(`/channels/${c0}/messages`);
    const body = reply.body as Record<string, unknown>;
    expect(body['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    expect(body['flags'] ?? 0).toBe(0);
    expect(JSON.stringify(body['embeds'])).toContain(IDS[1]);
    // The same MESSAGE_CREATE delivered again gets no second answer.
    h.stand.gateway.dispatch('MESSAGE_CREATE', m);
    await expectNoAnswer([], `control ${link(3)}`);
    expect(h.stand.rest.requests.filter(repliesTo(m))).toHaveLength(1);
  });

  it('answers a Spotify link for every dataset holding the song: by id there, by title and artist elsewhere', async () => {
    const m = post(`hear this https://open.spotify.com/track/${SPOTIFY_ID}?si=abc`, c0);
    const reply = await h.stand.rest.waitFor(repliesTo(m));
    const embed = (reply.body as { embeds: { title: string; description: string; fields: { name: string; value: string }[] }[] }).embeds[0];
    expect(embed?.title).toBe(escapeMarkdown('This track is present in 2 of 2 datasets: laion-disco-12m, spotify-tracks.'));
    expect(embed?.description).toContain(
      escapeMarkdown(
        `same Spotify id in spotify-tracks (row ${SPOTIFY_ID}); same title and artist as the linked track in laion-disco-12m (row ${IDS[3]})`,
      ),
    );
    const rowsShown = embed?.fields.flatMap((f) => f.value.split('\n')) ?? [];
    expect(rowsShown).toContain(`• ${escapeMarkdown(`present in spotify-tracks (row ${SPOTIFY_ID}) (v1)`)}: same platform id (certain)`);
    expect(rowsShown).toContain(`• ${escapeMarkdown(`present in laion-disco-12m (row ${IDS[3]}) (v1)`)}: same title and artist (strong)`);
    // Another track by the same artist is not the linked song.
    expect(JSON.stringify(embed)).not.toContain(IDS[2]);
  });

  it('ignores a channel where auto-replies are off, bots, itself and the skip keyword', async () => {
    const silent = [
      post(`other channel ${link(4)}`, c1),
      post(`a bot ${link(4)}`, c0, { id: '42', bot: true }),
      post(`myself ${link(4)}`, c0, { id: h.stand.botUserId, bot: true }),
      post(`skip me !notrained ${link(4)}`, c0),
    ];
    await expectNoAnswer(silent, `control ${link(5)}`);
  });

  it('answers in a thread in thread mode and with a reaction in reaction mode', async () => {
    await command('settings', { auto_reply: true, mode: 'thread' }, c1);
    const m = post(`thread please ${link(6)}`, c1);
    const created = await h.stand.rest.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${c1}/messages/${String(m['id'])}/threads`,
    );
    expect((created.body as { name: string }).name.length).toBeLessThanOrEqual(100);
    const inThread = await h.stand.rest.waitFor((r) => r.method === 'POST' && r.path === `/channels/${String(m['id'])}/messages`);
    expect((inThread.body as Record<string, unknown>)['allowed_mentions']).toEqual({ parse: [], replied_user: false });

    await command('settings', { mode: 'reaction' }, c1);
    const r = post(`react please ${link(7)}`, c1);
    const reaction = await h.stand.rest.waitFor(
      (q) => q.method === 'PUT' && q.path.startsWith(`/channels/${c1}/messages/${String(r['id'])}/reactions/`),
    );
    expect(reaction.path).toBe(`/channels/${c1}/messages/${String(r['id'])}/reactions/📀/@me`);
    expect(h.stand.rest.requests.filter(repliesTo(r))).toEqual([]);
  });

  it('waits for Retry-After when Discord answers 429, then sends once', async () => {
    h.stand.rest.respondOnce((r) => r.method === 'POST' && r.path === `/channels/${c0}/messages`, {
      status: 429,
      headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user', 'x-ratelimit-global': 'false' },
      body: { message: 'You are being rate limited.', retry_after: 1, global: false },
    });
    const m = post(`rate limited ${link(8)}`, c0);
    await h.stand.rest.waitFor((r) => h.stand.rest.requests.filter(repliesTo(m)).length === 2 && r.method === 'POST', 10_000);
    const attempts = h.stand.rest.requests.filter(repliesTo(m));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    // Waited out and sent: not a platform error.
    expect(platformErrors).toEqual([]);
  });

  it('reports a reply Discord refuses (403, Missing Permissions) by its code 50013, once', async () => {
    h.stand.rest.respondOnce((r) => r.method === 'POST' && r.path === `/channels/${c0}/messages`, {
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const m = post(`no permission ${link(9)}`, c0);
    await h.stand.rest.waitFor(repliesTo(m));
    for (let i = 0; i < 100 && platformErrors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    // A later message goes through the same pipeline; by then a second report would have arrived too.
    await expectNoAnswer([], `control after refusal ${link(0)}`);
    expect(platformErrors).toEqual(['50013']);
    expect(h.stand.rest.requests.filter(repliesTo(m))).toHaveLength(1);
  });

  it('sent allowed_mentions with nothing parsed on every message', () => {
    const bodies = messageBodies(h.stand);
    expect(bodies.length).toBeGreaterThan(5);
    for (const b of bodies) expect(b.body['allowed_mentions'], b.path).toEqual({ parse: [], replied_user: false });
  });
});
