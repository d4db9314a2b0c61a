import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningBot } from '../../src/core/bot.js';
import { renderText } from '../../src/core/render-text.js';
import type { LinkMessage } from '../../src/core/types.js';
import { INDEX_INFO_ID } from '../../src/index/schema.js';
import type { LinkResolver, RecognisedLink, ResolveOutcome } from '../../src/links/types.js';
import { silentLogger } from '../../src/log.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { botFor, DATASET_INFO, invoke, linkReplyOf, PLACE, pressOf, replyOf, ROWS, testConfig, USER } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
let settings: MemorySettingsStore;
let bot: RunningBot;
let clock = 1_000_000;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  settings = new MemorySettingsStore();
  await settings.set(PLACE, { autoReply: true });
  bot = botFor(fx, { settings, now: () => clock });
});
afterAll(async () => {
  await bot.close();
  await fx.drop();
});

/** A pasted message (answered by itself where settings ask); surface 'message-action': a person asked about it. */
const message = (text: string, extra: Partial<LinkMessage> = {}): LinkMessage => ({
  text,
  user: USER,
  place: PLACE,
  platform: 'console',
  surface: 'pasted',
  ...extra,
});

describe('link messages', () => {
  it('answers every recognised link of a message in one reply', async () => {
    const { reply, delivery } = await bot.handleMessage(
      message('two: https://youtu.be/dQw4w9WgXcQ and https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J plus https://example.com/x'),
    );
    expect(reply.tone).toBe('found');
    expect(reply?.body).toHaveLength(2);
    // The Spotify row's song is also in two YouTube-keyed datasets: one group, titled by its plainest title.
    expect(reply?.groups.map((g) => g.title).sort()).toEqual(['Bohemian Rhapsody', 'Never Gonna Give You Up']);
    expect(delivery).toMatchObject({ mode: 'reply', visibility: 'public' });
  });

  it('says how many links it checked and how many it skipped past the cap, and answers a skipped one when pasted again', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `page${String(i).padStart(7, '0')}`);
    // The eleventh link is a song held in three datasets: skipped, it is said so, never dropped in silence.
    const text = [...ids.slice(0, 10), 'fJ9rUzIMcZQ', ids[11]].map((id) => `https://youtu.be/${id}`).join(' ');
    const place = { ...PLACE, channelId: 'many-links' };
    await settings.set(place, { autoReply: true });
    const reply = await linkReplyOf(bot, message(text, { place }));
    expect(reply?.body?.filter((l) => l.startsWith('found · '))).toHaveLength(10);
    expect(reply?.body?.at(-1)).toBe('Checked the first 10 links of this message; 2 more links were skipped (too many in one message).');
    expect(reply?.headline).toBe('10 links: 10 found.');
    const again = await linkReplyOf(bot, message('https://youtu.be/fJ9rUzIMcZQ', { place }));
    expect(again?.tone).toBe('found');
    const explicit = await linkReplyOf(bot, message(text, { surface: 'message-action' }));
    expect(explicit?.body?.at(-1)).toContain('2 more links were skipped');
  });

  it('answers the same link in the same place once per window, but again elsewhere and later', async () => {
    const text = 'https://www.youtube.com/watch?v=fJ9rUzIMcZQ';
    expect(await linkReplyOf(bot, message(text))).toBeDefined();
    expect(await linkReplyOf(bot, message(`again ${text}`))).toBeUndefined();
    expect(await linkReplyOf(bot, message(text, { place: { ...PLACE, channelId: 'c2' } }))).toBeUndefined(); // auto-replies off there
    expect(await linkReplyOf(bot, message(text, { surface: 'message-action' }))).toBeDefined(); // a person asked
    clock += testConfig().links.dedupWindowMs + 1;
    expect(await linkReplyOf(bot, message(text))).toBeDefined();
  });

  it('stays silent without links, with the skip keyword, for bots, and where auto-replies are off', async () => {
    expect(await linkReplyOf(bot, message('no links here'))).toBeUndefined();
    expect(await linkReplyOf(bot, message('https://youtu.be/gdZLi9oWNZg !NoTrained'))).toBeUndefined();
    expect(await linkReplyOf(bot, message('https://youtu.be/gdZLi9oWNZg', { user: { id: 'b', isBot: true } }))).toBeUndefined();
    expect(await linkReplyOf(bot, message('https://youtu.be/dQw4w9WgXcQ', { place: { ...PLACE, channelId: 'quiet' } }))).toBeUndefined();
    // Explicit requests always answer, even with no link.
    expect((await linkReplyOf(bot, message('no links here', { surface: 'message-action' })))?.headline).toContain("don't see a track link");
  });

  it('auto replies stay quiet when nothing was found; explicit ones say not found', async () => {
    expect(await linkReplyOf(bot, message('https://youtu.be/AAAAAAAAAAA'))).toBeUndefined();
    const explicit = await linkReplyOf(bot, message('https://youtu.be/AAAAAAAAAAA', { surface: 'message-action' }));
    expect(explicit?.tone).toBe('not-found');
    // Only the datasets keyed by YouTube ids were searched for an id: the others are not said to lack it.
    const text = renderText(explicit ?? { tone: 'info', headline: '', groups: [], notes: [], actions: [] });
    expect(text).toContain('Not found in LAION-DISCO-12M, Sleeping-DISCO-9M (as indexed on 1 November 2026).');
    expect(text).not.toContain('Spotify');
  });

  it('handles empty, 10,000-character and control-character input', async () => {
    expect(await linkReplyOf(bot, message(''))).toBeUndefined();
    const long = `${'la '.repeat(3400)} https://youtu.be/gdZLi9oWNZg`;
    expect(long.length).toBeGreaterThan(10_000);
    expect((await linkReplyOf(bot, message(long, { surface: 'message-action' })))?.tone).toBe('not-found');
    const control = await linkReplyOf(
      bot,
      message('\u0000\u001b[2J\u0007https://youtu.be/dQw4w9WgXcQ\u0000', { surface: 'message-action' }),
    );
    expect(control?.tone).toBe('found');
    for (const title of ['', 'x'.repeat(10_000), '\u0000\u0001\u001b[31mred\u007f', '   ']) {
      const reply = await replyOf(bot, invoke('song', { title }));
      expect(['not-found', 'problem', 'candidates', 'found']).toContain(reply.tone);
      expect(renderText(reply).length).toBeLessThan(20_000);
    }
  });
});

/** A LinkResolver stand-in: the port's contract, answering from a table. */
function tableResolver(table: Record<string, ResolveOutcome>): LinkResolver {
  return { resolve: (link: RecognisedLink) => Promise.resolve(table[link.normalizedUrl] ?? { ok: false, reason: 'not-found' }) };
}

describe('links resolved to title and artist', () => {
  it('is exact only when title AND artist are equal, fuzzy otherwise, and labelled as a title search', async () => {
    const resolver = tableResolver({
      'https://music.apple.com/song/1': { ok: true, track: { title: 'Bohemian Rhapsody', artist: 'Queen', source: 'iTunes lookup' } },
      'https://www.deezer.com/track/2': { ok: true, track: { title: 'Bohemian Rhapsody', source: 'Deezer API' } },
    });
    const b = botFor(fx, { resolver });
    const apple = await replyOf(b, invoke('link', { url: 'https://music.apple.com/us/song/x/1' }));
    expect(apple.tone).toBe('found');
    expect(apple.groups[0]?.basis).toBe('exact');
    expect(renderText(apple)).toContain('via iTunes lookup');
    const deezer = await replyOf(b, invoke('link', { url: 'https://www.deezer.com/track/2' }));
    expect(deezer.tone).toBe('candidates');
    expect(deezer.groups.every((g) => g.basis === 'fuzzy')).toBe(true);
    await b.close();
  });

  it('falls back to a title search when a YouTube id is in no dataset', async () => {
    const resolver = tableResolver({
      'https://www.youtube.com/watch?v=ZZZZZZZZZZZ': {
        ok: true,
        track: { title: 'Never Gonna Give You Up', artist: 'Rick Astley', source: 'YouTube oEmbed' },
      },
    });
    const b = botFor(fx, { resolver });
    const reply = await replyOf(b, invoke('link', { url: 'https://youtu.be/ZZZZZZZZZZZ' }));
    expect(reply.groups[0]?.basis).toBe('exact');
    expect(reply.body?.[0]).toContain('this YouTube id is in no dataset; ');
    await b.close();
  });
});

describe('an index that is not ready', () => {
  it('says so (never "not found in 0 datasets"), and answers as soon as the build lands', async () => {
    const info = await fx.admin.collections(fx.collection).documents(INDEX_INFO_ID).retrieve();
    const search = new TypesenseSearch({
      client: createTypesenseClient({ nodes: inject('typesense').nodes, apiKey: fx.searchKey, timeoutMs: 5000 }),
      collection: fx.alias,
    });
    const b = botFor(fx, { search });
    await fx.admin.collections(fx.collection).documents(INDEX_INFO_ID).delete();
    try {
      for (const reply of [
        await replyOf(b, invoke('song', { title: 'Food', artist: 'AWOL' })),
        await replyOf(b, invoke('link', { url: 'https://youtu.be/dQw4w9WgXcQ' })),
        await replyOf(b, invoke('list', { lines: 'Food - AWOL' })),
        await linkReplyOf(b, message('https://youtu.be/dQw4w9WgXcQ', { surface: 'message-action' })),
      ]) {
        expect(reply?.headline).toBe('The index is not ready yet (no finished build to search). Please try again in a minute.');
        expect(renderText(reply ?? { tone: 'info', headline: '', groups: [], notes: [], actions: [] })).not.toMatch(
          /not found|0 datasets/i,
        );
      }
      // An automatic answer stays quiet.
      expect(await linkReplyOf(b, message('https://youtu.be/dQw4w9WgXcQ', { place: { ...PLACE, channelId: 'c-ready' } }))).toBeUndefined();
    } finally {
      await fx.admin.collections(fx.collection).documents().upsert(info);
    }
    expect((await replyOf(b, invoke('song', { title: 'Food', artist: 'AWOL' }))).tone).toBe('found');
    await b.close();
  });
});

describe('faults', () => {
  it('answers "search is unavailable" when Typesense cannot be reached, and keeps answering', async () => {
    const down = new TypesenseSearch({
      client: createTypesenseClient({ nodes: [{ host: '127.0.0.1', port: 1, protocol: 'http' }], apiKey: 'x', timeoutMs: 300, retries: 0 }),
    });
    const b = botFor(fx, { search: down });
    for (const reply of [
      await replyOf(b, invoke('song', { title: 'x' })),
      await replyOf(b, invoke('about')),
      await linkReplyOf(b, message('https://youtu.be/dQw4w9WgXcQ', { surface: 'message-action' })),
    ]) {
      expect(reply?.tone).toBe('problem');
      expect(reply?.headline).toContain('Search is unavailable right now');
    }
    expect(await b.suggest('title', 'boh')).toEqual([]);
    await b.close();
  });

  describe('a stalled server', () => {
    let server: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      server = createServer((s) => sockets.push(s)); // accepts, never answers
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    });
    it('gets a clear timeout reply at the lookup deadline', async () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const stalled = new TypesenseSearch({
        client: createTypesenseClient({
          nodes: [{ host: '127.0.0.1', port, protocol: 'http' }],
          apiKey: 'x',
          timeoutMs: 20_000,
          retries: 0,
        }),
      });
      const b = botFor(fx, { search: stalled, config: testConfig({ LOOKUP_DEADLINE_MS: '600' }) });
      const started = Date.now();
      const reply = await replyOf(b, invoke('song', { title: 'Bohemian Rhapsody' }));
      expect(reply.tone).toBe('problem');
      expect(reply.headline).toContain('took longer than');
      expect(Date.now() - started).toBeLessThan(10_000);
      await b.close();
    });
  });

  it('rejects forged or stale action ids with a clear answer', async () => {
    for (const id of ['', 'nonsense', 't1|m|s|0||x|', 't1|z|s|1||x|', 'x'.repeat(200)]) {
      expect((await pressOf(bot, id, USER, PLACE)).headline).toContain('no longer works');
    }
  });
});

describe('suggest', () => {
  it('offers at most 25 suggestions of at most 100 characters', async () => {
    expect(await bot.suggest('title', 'bohem')).toContain('Bohemian Rhapsody');
    expect(await bot.suggest('artist', 'que')).toContain('Queen');
    const many = await bot.suggest('title', 'paging');
    expect(many.length).toBeLessThanOrEqual(25);
    expect(await bot.suggest('title', '')).toEqual([]);
  });
});

describe('mentions', () => {
  it('never lets a dataset title ping in the plain-text rendering', async () => {
    const reply = await replyOf(bot, invoke('link', { url: 'https://open.spotify.com/track/ping000000000000000001' }));
    const text = renderText(reply);
    expect(text).not.toMatch(/@everyone|<@&?\d|<!channel>/);
    expect(text).toContain('ping000000000000000001');
  });
});

it('uses the injected logger and settings only (no globals): two bots do not share settings', async () => {
  const a = botFor(fx, { settings: new MemorySettingsStore(), log: silentLogger });
  const b = botFor(fx, { settings: new MemorySettingsStore() });
  await replyOf(a, invoke('settings', { auto_reply: true }, { id: 'm', canManagePlace: true }));
  expect(await linkReplyOf(b, message('https://youtu.be/dQw4w9WgXcQ'))).toBeUndefined();
  expect(await linkReplyOf(a, message('https://youtu.be/dQw4w9WgXcQ'))).toBeDefined();
  await a.close();
  await b.close();
});
