/**
 * Discord user installs, through the real discord.js client and the strict stand-in: /trained
 * used from a person's own install in a DM, in the DM with the bot and in a server that never
 * added the bot, with the interaction payloads Discord sends there (no guild in DMs, `user`
 * instead of `member`, `authorizing_integration_owners` holding only the user install, the
 * interaction `context`). Settings stay with servers that added Trained. Also the edges of what
 * an answer may carry: a title Discord would trim to nothing, and a CSV over the interaction's
 * `attachment_size_limit`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNTITLED } from '../../../adapters/discord/render.js';
import type { TrackRow } from '../../../src/index/document.js';
import { startHarness, type Harness } from '../../stand-ins/discord/harness.js';
import type { RecordedRequest } from '../../stand-ins/discord/index.js';

/** Small enough that an export of 60 rows does not fit: the answer must cut the CSV and say so. */
const ATTACHMENT_LIMIT = 4096;
/** Right-to-left override, left-to-right isolate, a tab, a bell, spaces: nothing left once Discord trims. */
const BLANK_TITLE = '\u202e\u2066 \t\u0007 ';

const rows: TrackRow[] = [
  { dataset: 'laion-disco-12m', rowKey: 'boh00000001', title: 'Bohemian Rhapsody', artists: ['Queen'] },
  ...Array.from({ length: 60 }, (_, i) => ({
    dataset: 'fma',
    rowKey: `exp${String(i).padStart(4, '0')}`,
    title: 'Export Song',
    artists: ['Exporter'],
    album: 'A fairly long album name that makes every row of the CSV take some room',
  })),
  {
    dataset: 'laion-disco-12m',
    rowKey: 'bLaNkTiTlE1',
    title: BLANK_TITLE,
    artists: [],
    platformIds: [{ platform: 'youtube', id: 'bLaNkTiTlE1' }],
    rowKeyPlatform: 'youtube',
  },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rows, standIn: { attachmentSizeLimit: ATTACHMENT_LIMIT } });
});
afterAll(async () => {
  await h?.stop();
});

type Data = { flags?: number; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[] };

/** Dispatches an interaction and returns what answered it (the callback, or the edit after a deferral). */
async function answer(interaction: Record<string, unknown>): Promise<{ data: Data; request: RecordedRequest; deferredFlags?: number }> {
  h.stand.gateway.dispatch('INTERACTION_CREATE', interaction);
  const token = String(interaction['token']);
  const callback = await h.stand.rest.waitFor(
    (r) => r.method === 'POST' && r.path === `/interactions/${String(interaction['id'])}/${token}/callback`,
  );
  const body = callback.body as { type: number; data?: Data };
  if (body.type !== 5) return { data: body.data ?? {}, request: callback };
  const edit = await h.stand.rest.waitFor(
    (r) => r.method === 'PATCH' && r.path === `/webhooks/${h.stand.applicationId}/${token}/messages/@original`,
  );
  return { data: edit.body as Data, request: edit, ...(body.data?.flags === undefined ? {} : { deferredFlags: body.data.flags }) };
}

describe('a user-installed /trained', () => {
  it('answers in a DM between the user and a friend (context PRIVATE_CHANNEL), privately', async () => {
    const i = h.stand.interaction.userInstalled('song', { title: 'Bohemian Rhapsody', artist: 'Queen' }, 'dm');
    expect(i).toMatchObject({ context: 2, authorizing_integration_owners: { '1': h.stand.user.id } });
    expect(i['guild_id']).toBeUndefined();
    expect(i['member']).toBeUndefined();
    const { data, deferredFlags } = await answer(i);
    expect(data.flags ?? deferredFlags).toBe(64);
    expect(JSON.stringify(data.embeds)).toMatch(/present in laion\\\\-disco\\\\-12m/);
  });

  it("answers in the DM with the app's bot (context BOT_DM), and posts publicly there when asked", async () => {
    const { data, deferredFlags } = await answer(
      h.stand.interaction.userInstalled('song', { title: 'Bohemian Rhapsody', public: true }, 'bot-dm'),
    );
    expect(data.flags ?? deferredFlags ?? 0).toBe(0);
    expect(JSON.stringify(data.embeds)).toContain('Bohemian Rhapsody');
  });

  it('answers in a server that never added the bot', async () => {
    const { data } = await answer(h.stand.interaction.userInstalled('about', {}, 'foreign-guild'));
    expect(JSON.stringify(data.embeds)).toMatch(/laion/i);
  });

  it('checks the links of a message from the context menu in a DM', async () => {
    const target = {
      ...h.stand.message(h.stand.channelIds[0], 'listen https://youtu.be/bLaNkTiTlE1'),
      guild_id: undefined,
      member: undefined,
    };
    const { data, deferredFlags } = await answer(
      h.stand.interaction.userInstalledMessageCommand('Check tracks in this message', target, 'dm'),
    );
    expect(data.flags ?? deferredFlags).toBe(64);
    expect(JSON.stringify(data.embeds)).toContain('bLaNkTiTlE1');
  });

  it('keeps settings for servers that added Trained: refused in a DM and in a server that only has the user install', async () => {
    for (const where of ['dm', 'foreign-guild'] as const) {
      const i = h.stand.interaction.userInstalled('settings', { auto_reply: true }, where);
      const { data } = await answer(i);
      expect(data.flags).toBe(64);
      expect(JSON.stringify(data.embeds)).toMatch(/server that has added Trained/);
      const guildId = i['guild_id'] as string | undefined;
      const place = { platform: 'discord' as const, workspaceId: guildId, channelId: String(i['channel_id']) };
      expect((await h.settings.get(place)).autoReply).toBe(false);
    }
  });

  it('still lets a manager change settings in a server that added the bot', async () => {
    const { data } = await answer(
      h.stand.interaction.chatInput('settings', { auto_reply: true }, { manager: true, channelId: h.stand.channelIds[1] }),
    );
    expect(JSON.stringify(data.embeds)).toMatch(/saved/i);
    const place = { platform: 'discord' as const, workspaceId: h.stand.guildId, channelId: h.stand.channelIds[1] };
    expect((await h.settings.get(place)).autoReply).toBe(true);
    await h.settings.set(place, { autoReply: false });
  });
});

describe('what an answer may carry', () => {
  it('names a song whose title trims to nothing instead of sending a blank field name', async () => {
    const { data } = await answer(h.stand.interaction.chatInput('link', { url: 'https://youtu.be/bLaNkTiTlE1' }));
    const names = (data.embeds ?? []).flatMap((e) => e.fields ?? []).map((f) => f.name);
    expect(names).toContain(UNTITLED);
    for (const n of names) expect(n.trim()).not.toBe('');
  });

  it("cuts an export's CSV to the interaction's attachment_size_limit at a row boundary, and says so", async () => {
    const first = await answer(
      h.stand.interaction.chatInput('song', { title: 'Export Song', artist: 'Exporter' }, { channelId: h.stand.channelIds[1] }),
    );
    const data0 = (first.request.body as { data?: { components?: { components: { label: string; custom_id: string }[] }[] } }).data;
    const exportId = (data0?.components ?? []).flatMap((r) => r.components).find((b) => b.label.includes('Export'))?.custom_id ?? '';
    expect(exportId).not.toBe('');
    const { data, request } = await answer(h.stand.interaction.button(exportId));
    const file = request.files[0];
    expect(file?.size).toBeGreaterThan(0);
    expect(file?.size).toBeLessThanOrEqual(ATTACHMENT_LIMIT);
    const lines = (file?.content ?? '').split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^dataset_name,/);
    const kept = lines.length - 1;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(60);
    expect((file?.content ?? '').endsWith('\r\n')).toBe(true);
    // Markdown escapes removed: the text as Discord shows it.
    const shown = (data.embeds?.[0]?.description ?? '').replace(/\\(.)/g, '$1');
    expect(shown).toContain(`The CSV holds the first ${kept} of 60 rows: Discord takes files up to 4 KiB here.`);
  });
});
