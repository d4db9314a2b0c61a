/**
 * The real discord.js client against the local Discord stand-in, the real core and a real
 * Typesense: what discord.js actually sends for slash commands, autocomplete, buttons and
 * the context menu.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedSize } from '../../../adapters/discord/render.js';
import type { TrackRow } from '../../../src/index/document.js';
import type { RecordedRequest } from '../../stand-ins/discord/index.js';
import { messageBodies, startHarness, type Harness } from '../../stand-ins/discord/harness.js';

const yt = (id: string) => [{ platform: 'youtube' as const, id }];
const HOSTILE = '@everyone <@&1> <@2> [Official](https://evil.example)';
const LONG_UNICODE = Array.from({ length: 300 }, (_, i) => String.fromCodePoint([0x1f3b5, 0x00e9, 0x4e2d, 0x0634, 0x005b][i % 5]!)).join(
  '',
);

const rows: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'dQw4w9WgXcQ',
    title: 'Never Gonna Give You Up',
    artists: ['Rick Astley'],
    platformIds: yt('dQw4w9WgXcQ'),
    rowKeyPlatform: 'youtube',
  },
  // More rows than one page (25), so the answer offers More.
  ...Array.from({ length: 30 }, (_, i) => ({
    dataset: i % 2 === 0 ? 'laion-disco-12m' : 'sleeping-disco-9m',
    rowKey: `boh${String(i).padStart(8, '0')}`,
    title: 'Bohemian Rhapsody',
    artists: ['Queen'],
  })),
  { dataset: 'laion-disco-12m', rowKey: 'hostile0001', title: HOSTILE, artists: [HOSTILE] },
  { dataset: 'fma', rowKey: '77', title: LONG_UNICODE, artists: [LONG_UNICODE] },
];

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ rows });
});
afterAll(async () => {
  await h?.stop();
});

function callbackOf(interaction: Record<string, unknown>): (r: RecordedRequest) => boolean {
  return (r) => r.method === 'POST' && r.path === `/interactions/${String(interaction['id'])}/${String(interaction['token'])}/callback`;
}

/** The interaction's answer: the callback itself, or the edit of the original response after a deferral. */
async function run(
  interaction: Record<string, unknown>,
): Promise<{ body: Record<string, unknown>; data: Record<string, unknown>; request: RecordedRequest }> {
  h.stand.gateway.dispatch('INTERACTION_CREATE', interaction);
  const request = await h.stand.rest.waitFor(callbackOf(interaction));
  const body = request.body as Record<string, unknown>;
  if (body['type'] === 5) {
    const edit = await h.stand.rest.waitFor(
      (r) => r.method === 'PATCH' && r.path === `/webhooks/${h.stand.applicationId}/${String(interaction['token'])}/messages/@original`,
    );
    const data = edit.body as Record<string, unknown>;
    return { body: { type: 4, data: { ...data, flags: (body['data'] as { flags?: number } | undefined)?.flags } }, data, request: edit };
  }
  return { body, data: (body['data'] ?? {}) as Record<string, unknown>, request };
}

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
type Row = { components: { custom_id: string; label: string; style: number }[] };

describe('Discord interactions through discord.js', () => {
  it('identifies with Guilds and GuildMessages only when pasted links are off', () => {
    expect(h.stand.gateway.identifies[0]?.intents).toBe((1 << 0) | (1 << 9));
  });

  it('answers /trained song ephemerally with an embed, More/Export/Share buttons and no mentions', async () => {
    const i = h.stand.interaction.chatInput('song', { title: 'Bohemian Rhapsody', artist: 'Queen' });
    const { body, data } = await run(i);
    expect(body['type']).toBe(4);
    expect(data['flags']).toBe(64);
    expect(data['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    const embed = (data['embeds'] as Embed[])[0];
    expect(JSON.stringify(embed)).toContain('Bohemian Rhapsody');
    expect(JSON.stringify(embed)).toMatch(/present in laion\\\\-disco\\\\-12m/);
    const buttons = (data['components'] as Row[]).flatMap((r) => r.components);
    const labels = buttons.map((b) => b.label.toLowerCase()).join(' ');
    expect(labels).toMatch(/more/);
    expect(labels).toMatch(/export/);
    expect(labels).toMatch(/share/);
    for (const b of buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('posts to the channel with public:true, without a Share button', async () => {
    const { data } = await run(h.stand.interaction.chatInput('song', { title: 'Never Gonna Give You Up', public: true }));
    expect(data['flags'] ?? 0).toBe(0);
    expect(data['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    const labels = ((data['components'] ?? []) as Row[]).flatMap((r) => r.components.map((b) => b.label.toLowerCase()));
    expect(labels.some((l) => l.includes('share'))).toBe(false);
  });

  it('autocompletes titles from the index well inside the 3 s window', async () => {
    const i = h.stand.interaction.autocomplete('song', 'title', 'Bohemian');
    const sentAt = Date.now();
    const { body, request } = await run(i);
    expect(body['type']).toBe(8);
    const choices = (body['data'] as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('Bohemian Rhapsody');
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(request.at - sentAt).toBeLessThan(3000);
  });

  it('autocompletes artists, and answers an empty prefix with no choices', async () => {
    const { body } = await run(h.stand.interaction.autocomplete('song', 'artist', 'Que', { title: 'Bohemian Rhapsody' }));
    expect((body['data'] as { choices: { value: string }[] }).choices.map((c) => c.value)).toContain('Queen');
    const empty = await run(h.stand.interaction.autocomplete('artist', 'name', ''));
    expect((empty.body['data'] as { choices: unknown[] }).choices).toEqual([]);
  });

  it('runs the More, Export and Share buttons of an answer', async () => {
    const { data } = await run(h.stand.interaction.chatInput('song', { title: 'Bohemian Rhapsody', artist: 'Queen' }));
    const buttons = (data['components'] as Row[]).flatMap((r) => r.components);
    const byLabel = (word: string) => buttons.find((b) => b.label.toLowerCase().includes(word))!.custom_id;

    // More on the private answer turns its page in place (UPDATE_MESSAGE), no new message.
    const more = await run(h.stand.interaction.button(byLabel('more')));
    expect(more.body['type']).toBe(7);
    expect(more.data['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(more.data['embeds'])).toContain('Bohemian Rhapsody');
    expect(JSON.stringify(more.data['embeds'])).not.toBe(JSON.stringify(data['embeds']));
    // On a message in the channel (a shared answer) it answers privately instead of changing what everyone sees.
    const moreShared = await run(h.stand.interaction.button(byLabel('more'), false));
    expect(moreShared.body['type']).toBe(4);
    expect(moreShared.data['flags']).toBe(64);
    expect(moreShared.data['embeds']).toEqual(more.data['embeds']);

    const exported = await run(h.stand.interaction.button(byLabel('export')));
    expect(exported.data['flags']).toBe(64);
    expect(exported.request.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(exported.request.files).toHaveLength(1);
    expect(exported.request.files[0]?.filename).toMatch(/\.csv$/);
    expect(exported.request.files[0]?.content).toContain('Bohemian Rhapsody');
    expect(exported.request.files[0]?.content.split('\n').length).toBeGreaterThan(5);

    const shared = await run(h.stand.interaction.button(byLabel('share')));
    expect(shared.body['type']).toBe(4);
    expect(shared.data['flags'] ?? 0).toBe(0);
    expect(shared.data['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(shared.data['embeds'])).toContain('Bohemian Rhapsody');
  });

  it('checks the links of a message from the context menu', async () => {
    const target = h.stand.message(h.stand.channelIds[1], 'listen https://www.youtube.com/watch?v=dQw4w9WgXcQ !');
    const { data } = await run(h.stand.interaction.messageCommand('Check tracks in this message', target));
    expect(data['flags']).toBe(64);
    expect(JSON.stringify(data['embeds'])).toContain('dQw4w9WgXcQ');
    const none = await run(
      h.stand.interaction.messageCommand('Check tracks in this message', h.stand.message(h.stand.channelIds[1], 'no links here')),
    );
    expect(none.data['flags']).toBe(64);
    expect(JSON.stringify(none.data['embeds'])).toMatch(/recognise/);
  });

  it('renders a hostile dataset title without pings or masked links', async () => {
    const { data } = await run(h.stand.interaction.chatInput('song', { title: HOSTILE, public: true }));
    expect(data['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    const text = JSON.stringify(data['embeds']);
    expect(text).toContain('Official');
    expect(text).not.toMatch(/(?<!\\\\)\[Official(?<!\\\\)\]\(/);
    expect(text).not.toMatch(/(?<!\\\\)<@/);
    expect(text).not.toMatch(/(?<!\\\\)@everyone/);
  });

  it('keeps a 300-character Unicode title within embed limits in what discord.js sends', async () => {
    const { data } = await run(h.stand.interaction.chatInput('song', { title: LONG_UNICODE }));
    const embeds = data['embeds'] as (Embed & { footer?: { text: string } })[];
    for (const e of embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
      for (const f of e.fields ?? []) expect(f.name.length).toBeLessThanOrEqual(256);
      for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
      expect(embedSize(e)).toBeLessThanOrEqual(6000);
    }
    expect(JSON.stringify(embeds)).toContain('🎵é中ش');
  });

  it('refuses settings to members without Manage Server', async () => {
    const { data } = await run(h.stand.interaction.chatInput('settings', { auto_reply: true }));
    expect(data['flags']).toBe(64);
    expect(JSON.stringify(data['embeds'])).toMatch(/manage/i);
    const settings = await h.settings.get({ platform: 'discord', workspaceId: h.stand.guildId, channelId: h.stand.channelIds[0] });
    expect(settings.autoReply).toBe(false);
  });

  it('never answers pasted links when the operator left DISCORD_PASTED_LINKS off, even where a server enabled them', async () => {
    await h.settings.set({ platform: 'discord', workspaceId: h.stand.guildId, channelId: h.stand.channelIds[1] }, { autoReply: true });
    const m = h.stand.message(h.stand.channelIds[1], 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    h.stand.gateway.dispatch('MESSAGE_CREATE', m);
    // A later interaction answered proves the earlier dispatch went through the client.
    await run(h.stand.interaction.chatInput('about', {}));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.stand.rest.requests.filter((r) => r.path.startsWith(`/channels/${h.stand.channelIds[1]}/`))).toEqual([]);
  });

  it('sent allowed_mentions with nothing parsed on every message it sent', () => {
    const bodies = messageBodies(h.stand);
    expect(bodies.length).toBeGreaterThan(8);
    for (const b of bodies) expect(b.body['allowed_mentions'], b.path).toEqual({ parse: [], replied_user: false });
  });
});
