import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import type { RunningBot } from '../../src/core/bot.js';
import { renderText } from '../../src/core/render-text.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import { createLinkResolver } from '../../src/links/resolve/index.js';
import { botFor, DATASET_INFO, invoke, MANAGER, PLACE, pressOf, replyOf, ROWS, testConfig, USER } from '../helpers/core-fixture.js';
import { silentLogger } from '../../src/log.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
let bot: RunningBot;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  bot = botFor(fx);
});
afterAll(async () => {
  await bot.close();
  await fx.drop();
});

describe('declarations', () => {
  it('are valid Discord subcommands and Slack manifest entries', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['song', 'link', 'album', 'artist', 'list', 'about', 'help', 'settings']);
    for (const c of COMMANDS) {
      expect(c.name).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.options.length).toBeLessThanOrEqual(25);
      // Discord: required options come first.
      const firstOptional = c.options.findIndex((o) => o.required !== true);
      if (firstOptional >= 0) expect(c.options.slice(firstOptional).every((o) => o.required !== true)).toBe(true);
      for (const o of c.options) {
        expect(o.name).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect(o.choices === undefined || o.choices.length <= 25).toBe(true);
        expect(o.choices !== undefined && o.autocomplete !== undefined).toBe(false);
      }
    }
    expect(COMMANDS.find((c) => c.name === 'settings')?.requiresManager).toBe(true);
  });
});

describe('song', () => {
  it('groups matches by song with evidence, basis and careful wording', async () => {
    const reply = await replyOf(bot, invoke('song', { title: 'Bohemian Rhapsody', artist: 'Queen' }));
    expect(reply.tone).toBe('found');
    expect(reply.body).toEqual(['found · same title and artist', '3 matching rows.']);
    const hits = reply.groups.filter((g) => g.basis === 'exact');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.evidence.map((e) => `${e.dataset}:${e.rowKey}`).sort()).toEqual([
      'laion-disco-12m:fJ9rUzIMcZQ',
      'sleeping-disco-9m:fJ9rUzIMcZQ',
      'spotify-tracks:7tFiyTwD0nx5a1eklYtX2J',
    ]);
    // The live version and the cover stay candidates.
    expect(reply.groups.filter((g) => g.basis === 'fuzzy').length).toBeGreaterThanOrEqual(1);
    const text = renderText(reply);
    expect(text).toContain('present in LAION-DISCO-12M (row fJ9rUzIMcZQ)');
    expect(text).toContain('Not found in Free Music Archive (as indexed on 1 November 2026)');
    expect(text).toContain('Sample data');
    expect(text).not.toMatch(/proof|stolen|\bsafe\b|trained on this/i);
    expect(reply.actions.map((a) => a.kind)).toEqual(['export', 'share']);
  });

  it('says what not found means, and never "safe"', async () => {
    const reply = await replyOf(bot, invoke('song', { title: 'zzqx nothing like this' }));
    expect(reply.tone).toBe('not-found');
    expect(renderText(reply)).toContain('Not found in these 4 datasets as indexed on 1 November 2026');
    expect(renderText(reply)).not.toMatch(/\bsafe\b/i);
  });

  it('shows similar titles as candidates, never as hits', async () => {
    const reply = await replyOf(bot, invoke('song', { title: 'Never Gona Give You Up' }));
    expect(reply.tone).toBe('candidates');
    expect(reply.groups.every((g) => g.basis === 'fuzzy')).toBe(true);
    const text = renderText(reply);
    expect(text).toContain('similar title in LAION-DISCO-12M (row dQw4w9WgXcQ)');
    // Never "not found in X" under a candidate from X.
    expect(text).toContain('No exact match in LAION-DISCO-12M: only similar titles, shown as candidates.');
    expect(text).not.toMatch(/Not found in[^\n]*LAION-DISCO-12M/);
    expect(text).toContain('Not found in');
  });

  it('answers a title alone with every artist carrying it, claiming no song, and asks for the artist', async () => {
    const reply = await replyOf(bot, invoke('song', { title: 'Bohemian Rhapsody' }));
    expect(reply.tone).toBe('candidates');
    expect(reply.headline).toBe('"Bohemian Rhapsody": 4 rows by 2 artists carry this title, in 3 of 4 datasets.');
    expect(reply.groups.map((g) => [g.basis, g.artists[0], g.evidence.length])).toEqual([
      ['title', 'Queen', 3],
      ['title', 'Panic! At The Disco', 1],
      ['fuzzy', 'Queen', 1],
    ]);
    const text = renderText(reply);
    expect(text).toContain('same title; no artist given');
    expect(text).toContain('add the artist');
    expect(text).toContain('same title in Spotify Tracks Dataset (row 4u7EnebtmKWzUH433cf5Qv)');
    expect(text).not.toContain('present in');
    expect(text).not.toContain('same title and artist');
  });

  it('reads "artist - title" as well as "title - artist", and says which reading it used', async () => {
    const reply = await replyOf(bot, invoke('song', { title: 'Queen - Bohemian Rhapsody' }));
    expect(reply.tone).toBe('found');
    expect(reply.headline).toBe(
      '"Bohemian Rhapsody" by Queen: present in 3 of 4 datasets: LAION-DISCO-12M, Sleeping-DISCO-9M, Spotify Tracks Dataset.',
    );
    expect(reply.body?.[0]).toBe('found · read as "Bohemian Rhapsody" by Queen (artist first)');
    const usual = await replyOf(bot, invoke('song', { title: 'Bohemian Rhapsody - Queen' }));
    expect(usual.body?.[0]).toBe('found · read as "Bohemian Rhapsody" by Queen (title first)');
  });

  it('pages with a self-contained more action, counts every matching row, and exports CSV', async () => {
    const first = await replyOf(bot, invoke('song', { title: 'Paging Song', artist: 'Pager' }));
    expect(first.body).toContain('30 matching rows (25 shown; Export has up to 1000).');
    const more = first.actions.find((a) => a.kind === 'more');
    expect(more).toBeDefined();
    expect(more?.id.length).toBeLessThanOrEqual(100);
    // A fresh bot (another process, after a restart) can answer the press.
    const other = botFor(fx);
    const second = await pressOf(other, more?.id ?? '', invoke('x').user, PLACE);
    await other.close();
    expect(second.headline).toContain('page 2');
    const keys = (r: typeof first) => r.groups.flatMap((g) => g.evidence.map((e) => e.rowKey));
    expect(keys(second).some((k) => keys(first).includes(k))).toBe(false);
    const exported = await pressOf(bot, first.actions.find((a) => a.kind === 'export')?.id ?? '', invoke('x').user, PLACE);
    const csv = exported.attachments?.[0]?.content ?? '';
    expect(csv.split('\r\n')[0]).toBe('dataset_name,dataset,row_key,title,artists,album,url,basis');
    expect(csv.split('\r\n').filter((l) => l.includes('Paging Song'))).toHaveLength(30);
  });

  it('restricts to a dataset, and rejects an unknown one', async () => {
    const scoped = await replyOf(bot, invoke('song', { title: 'Bohemian Rhapsody', artist: 'Queen', dataset: 'spotify-tracks' }));
    expect(new Set(scoped.groups.flatMap((g) => g.evidence.map((e) => e.dataset)))).toEqual(new Set(['spotify-tracks']));
    const unknown = await replyOf(bot, invoke('song', { title: 'x', dataset: 'nope' }));
    expect(unknown.tone).toBe('problem');
  });

  it('shares publicly through the share action', async () => {
    const { reply, delivery } = await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }));
    expect(delivery.visibility).toBe('ephemeral');
    const id = reply.actions.find((a) => a.kind === 'share')?.id ?? '';
    const shared = await bot.handleAction({ actionId: id, user: USER, place: PLACE, platform: 'console', onMessage: 'ephemeral' });
    expect(shared.delivery.visibility).toBe('public');
    expect(shared.reply.tone).toBe('found');
    // A public answer carries no Share button (the core filters it for the delivery).
    expect(shared.reply.actions.map((a) => a.kind)).not.toContain('share');
  });
});

describe('link', () => {
  it('answers YouTube, Spotify and FMA links by id', async () => {
    const yt = await replyOf(bot, invoke('link', { url: 'https://youtu.be/fJ9rUzIMcZQ' }));
    expect(yt.groups[0]?.basis).toBe('id');
    // Found by id in two datasets, and by the same title and artist in a third: one song, one group.
    expect(yt.groups[0]?.evidence.map((e) => `${e.dataset}:${e.basis}`).sort()).toEqual([
      'laion-disco-12m:id',
      'sleeping-disco-9m:id',
      'spotify-tracks:exact',
    ]);
    expect(yt.headline).toBe('This track is present in 3 of 4 datasets: LAION-DISCO-12M, Sleeping-DISCO-9M, Spotify Tracks Dataset.');
    expect(yt.body?.[0]).toBe(
      'found · https://www.youtube.com/watch?v=fJ9rUzIMcZQ: same YouTube id in LAION-DISCO-12M (row fJ9rUzIMcZQ), Sleeping-DISCO-9M (row fJ9rUzIMcZQ); same title and artist as the linked track in Spotify Tracks Dataset (row 7tFiyTwD0nx5a1eklYtX2J).',
    );
    // The live version is another recording, and the cover another artist's song: neither is claimed.
    expect(yt.groups.flatMap((g) => g.evidence).map((e) => e.rowKey)).not.toContain('live0000001');
    expect(yt.groups.flatMap((g) => g.evidence).map((e) => e.rowKey)).not.toContain('4u7EnebtmKWzUH433cf5Qv');
    expect(renderText(yt)).toContain('Not found in Free Music Archive (as indexed on 1 November 2026).');
    const sp = await replyOf(bot, invoke('link', { url: 'https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J?si=x' }));
    expect(sp.groups[0]?.evidence[0]?.rowKey).toBe('7tFiyTwD0nx5a1eklYtX2J');
    const fma = await replyOf(bot, invoke('link', { url: 'https://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food' }));
    expect(fma.groups[0]).toMatchObject({ basis: 'id', evidence: [{ dataset: 'fma', rowKey: '2' }] });
    // Broken percent-encoding in a pasted path is searched as written, not a crash.
    const odd = await replyOf(bot, invoke('link', { url: 'https://freemusicarchive.org/music/A%FF/B/%E0%A4%A' }));
    expect(odd.tone).toBe('not-found');
  });

  it('says an album link cannot be checked without a resolver, and other platforms cannot be checked by link yet', async () => {
    const album = await replyOf(bot, invoke('link', { url: 'https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3' }));
    expect(renderText(album)).toContain("This Spotify album can't be checked here");
    const apple = await replyOf(bot, invoke('link', { url: 'https://music.apple.com/us/song/x/1440650711' }));
    expect(apple.headline).toBe("This link can't be checked: Apple Music links can't be checked by link here.");
    // Nothing was searched: no dataset is said not to hold it.
    expect(renderText(apple)).not.toMatch(/not found/i);
    const junk = await replyOf(bot, invoke('link', { url: 'https://example.com/x' }));
    expect(junk.tone).toBe('problem');
  });
});

describe('links the resolver cannot check', () => {
  it('names the reason: a platform without a public endpoint, or lookups switched off', async () => {
    const amazon = 'https://music.amazon.com/albums/B0C1234567?trackAsin=B0C7654321';
    const on = createLinkResolver({ config: testConfig().links, log: silentLogger });
    const b = botFor(fx, { resolver: on });
    expect(renderText(await replyOf(b, invoke('link', { url: amazon })))).toContain(
      "recognised, but it can't be checked by link — try /trained song:",
    );
    const off = createLinkResolver({ config: { ...testConfig().links, resolve: false }, log: silentLogger });
    const c = botFor(fx, { resolver: off });
    const apple = await replyOf(c, invoke('link', { url: 'https://music.apple.com/us/song/x/1440650711' }));
    expect(renderText(apple)).toContain('does not look links up on other sites');
    await Promise.all([b.close(), c.close(), on.close(), off.close()]);
  });
});

describe('artist', () => {
  it('counts rows per dataset and lists titles, with a full export', async () => {
    const reply = await replyOf(bot, invoke('artist', { name: 'Queen' }));
    expect(reply.headline).toContain('5 rows');
    expect(reply.body).toContain('LAION-DISCO-12M: 2 rows');
    const exported = await pressOf(bot, reply.actions.find((a) => a.kind === 'export')?.id ?? '', invoke('x').user, PLACE);
    expect((exported.attachments?.[0]?.content ?? '').trim().split('\r\n')).toHaveLength(6);
    expect((await replyOf(bot, invoke('artist', { name: 'Nobody Whatsoever' }))).tone).toBe('not-found');
  });
});

describe('about, help, list, settings', () => {
  it('about lists datasets, versions, counts and the build date', async () => {
    const text = renderText(await replyOf(bot, invoke('about')));
    expect(text).toContain('4 datasets');
    expect(text).toContain('indexed on 1 November 2026');
    expect(text).toContain('Version: v1.');
  });
  it('help lists every command', async () => {
    const text = renderText(await replyOf(bot, invoke('help')));
    for (const c of COMMANDS) expect(text).toContain(`/trained ${c.name}`);
    expect(text).toContain('!notrained');
  });
  it('list answers a summary and a CSV', async () => {
    const reply = await replyOf(
      bot,
      invoke('list', {
        lines:
          'Bohemian Rhapsody - Queen\nhttps://youtu.be/dQw4w9WgXcQ\nzzqx nothing - nobody\n\n=HYPERLINK("x") - evil\nQueen - Don\'t Stop Me Now',
      }),
    );
    expect(reply.headline).toBe('Checked 5 lines.');
    const csv = reply.attachments?.[0]?.content.split('\r\n') ?? [];
    expect(csv[0]).toBe('input,best match,dataset(s),row keys,basis,status,not found in,note,publisher contact');
    expect(csv[1]).toMatch(
      /^Bohemian Rhapsody - Queen,.*,exact,found,Free Music Archive,"read as ""Bohemian Rhapsody"" by Queen \(title first\)",$/,
    );
    expect(csv[2]).toMatch(/laion-disco-12m:dQw4w9WgXcQ.*,id,found,/);
    expect(csv[3]).toBe(
      'zzqx nothing - nobody,,,,,not found,LAION-DISCO-12M; Sleeping-DISCO-9M; Free Music Archive; Spotify Tracks Dataset,"tried as title - artist, as artist - title and as one title",',
    );
    expect(csv[4]?.startsWith(`"'=HYPERLINK`)).toBe(true);
    // Artist first, in a list too.
    expect(csv[5]).toMatch(/^Queen - Don't Stop Me Now,.*spotify-tracks:2ZWlPOoWh0626oTaHrnl2a,exact,found,.*artist first/);
    expect(reply.body?.[0]).toBe(
      '3 found (same id, or same title and artist), 0 with candidates only (similar titles, or a title with no artist), 2 not found, 0 unchecked.',
    );
  });
  it('list past its cap says how many lines it checked and how many it skipped, and exports only what it checked', async () => {
    const lines = Array.from({ length: 203 }, (_, i) => `zzqx nothing ${i} - nobody`).join('\n');
    const reply = await replyOf(bot, invoke('list', { lines }));
    expect(reply.headline).toBe('Checked 200 lines.');
    expect(reply.body).toContain('Checked the first 200 lines; 3 more lines were skipped (at most 200 a list).');
    const csv = reply.attachments?.[0]?.content.split('\r\n').filter((l) => l !== '') ?? [];
    expect(csv).toHaveLength(201);
    expect(csv.at(-1)).toMatch(/^zzqx nothing 199 - nobody,/);
  });
  it('settings: managers only, saved per channel', async () => {
    const settings = new MemorySettingsStore();
    const b = botFor(fx, { settings });
    expect((await replyOf(b, invoke('settings', { auto_reply: true }))).tone).toBe('problem');
    const saved = await replyOf(b, invoke('settings', { auto_reply: true, mode: 'thread' }, MANAGER));
    expect(saved.body).toContain('mode: thread');
    expect(await settings.get(PLACE)).toEqual({ autoReply: true, mode: 'thread', previews: true });
    expect((await replyOf(b, invoke('settings', { mode: 'shout' }, MANAGER))).tone).toBe('problem');
    await b.close();
  });
  it('settings with scope:server apply to every channel that does not set its own', async () => {
    const settings = new MemorySettingsStore();
    const b = botFor(fx, { settings });
    const saved = await replyOf(b, invoke('settings', { auto_reply: true, scope: 'server' }, MANAGER));
    expect(saved.headline).toContain('this server');
    const other = { ...PLACE, channelId: 'c2' };
    expect((await settings.get(other)).autoReply).toBe(true);
    // A channel's own setting wins over the server's.
    await replyOf(b, invoke('settings', { auto_reply: false }, MANAGER, other));
    expect((await settings.get(other)).autoReply).toBe(false);
    expect((await settings.get({ ...PLACE, channelId: 'c3' })).autoReply).toBe(true);
    const dm = { platform: 'console' as const, channelId: 'dm' };
    expect((await replyOf(b, invoke('settings', { auto_reply: true, scope: 'server' }, MANAGER, dm))).tone).toBe('problem');
    await b.close();
  });
  it('an unknown command is a clear answer', async () => {
    expect((await replyOf(bot, invoke('nope'))).headline).toContain('Unknown command');
  });
});
