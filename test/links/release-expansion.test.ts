/**
 * Album, playlist and artist links expanded through the real safe fetcher and per-host
 * limiters against the platform stand-in serving each platform's listing shape
 * (release-fixtures.ts), then answered by the bot over the real Typesense: a release summary
 * (N of M tracks present, in which datasets) with its CSV, the tracks past the cap named as
 * skipped, an artist link as the artist's coverage, and what has no keyless listing said so.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { createBot } from '../../src/core/bot.js';
import { renderText } from '../../src/core/render-text.js';
import type { TrackRow } from '../../src/index/document.js';
import { silentLogger } from '../../src/log.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import { invoke, replyOf, testConfig } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { deadline, linkOf, startResolverHarness, type ResolverHarness } from '../stand-ins/platforms/harness.js';
import {
  BANDCAMP_ALBUM_PAGE,
  BANDCAMP_ARTIST_PAGE,
  DEEZER_ALBUM,
  DEEZER_ALBUM_TRACKS,
  DEEZER_ARTIST,
  DEEZER_PLAYLIST,
  DEEZER_PLAYLIST_TRACKS,
  ITUNES_ALBUM,
  ITUNES_ARTIST,
  ITUNES_LONG_ALBUM,
  SPOTIFY_ALBUM_PAGE,
  SPOTIFY_ARTIST_PAGE,
  SPOTIFY_PLAYLIST_PAGE,
} from '../stand-ins/platforms/release-fixtures.js';
import { json } from '../stand-ins/platforms/server.js';

const html = (res: ServerResponse, body: string): void => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

const yt = (id: string) => [{ platform: 'youtube' as const, id }];
const sp = (id: string) => [{ platform: 'spotify' as const, id }];
const ROWS: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'hTWKbfoikeg',
    title: 'Smells Like Teen Spirit',
    artists: ['Nirvana'],
    platformIds: yt('hTWKbfoikeg'),
  },
  {
    dataset: 'spotify-tracks',
    rowKey: '5ghIJDpPoe3CfHMGu71E6T',
    title: 'Smells Like Teen Spirit',
    artists: ['Nirvana'],
    platformIds: sp('5ghIJDpPoe3CfHMGu71E6T'),
  },
  { dataset: 'laion-disco-12m', rowKey: 'vabnZ9-ex7o', title: 'Come As You Are', artists: ['Nirvana'], platformIds: yt('vabnZ9-ex7o') },
  { dataset: 'fma', rowKey: '501', title: 'Bergkatze', artists: ['Go-qualia'], platformIds: [{ platform: 'fma', id: '501' }] },
  { dataset: 'laion-disco-12m', rowKey: 'song0000007', title: 'Song 7', artists: ['Long Player'], platformIds: yt('song0000007') },
];

let h: ResolverHarness;
let fx: FixtureIndex;

beforeAll(async () => {
  h = await startResolverHarness();
  fx = await fixtureIndex(ROWS);
  h.standIn.route('/lookup', (_req, res, url) => {
    const id = url.searchParams.get('id');
    const songs = url.searchParams.get('entity') === 'song';
    if (id === '1440783617' && songs) json(res, 200, ITUNES_ALBUM);
    else if (id === '1500000000' && songs) json(res, 200, ITUNES_LONG_ALBUM);
    else if (id === '112018') json(res, 200, ITUNES_ARTIST);
    else json(res, 200, { resultCount: 0, results: [] });
  });
  h.standIn.route('/album/302127/tracks', (_q, res) => json(res, 200, DEEZER_ALBUM_TRACKS));
  h.standIn.route('/album/302127', (_q, res) => json(res, 200, DEEZER_ALBUM));
  h.standIn.route('/album/555/tracks', (_q, res) =>
    json(res, 200, {
      data: DEEZER_PLAYLIST_TRACKS.data.map((t) => ({ ...t, title: `${t.title} (Demo)`, artist: { ...t.artist, name: 'Nobody Known' } })),
      total: 2,
    }),
  );
  h.standIn.route('/album/555', (_q, res) =>
    json(res, 200, { ...DEEZER_ALBUM, id: 555, title: 'Demos', artist: { id: 1, name: 'Nobody Known' } }),
  );
  h.standIn.route('/album/999/tracks', (_q, res) => json(res, 200, { error: { type: 'DataException', message: 'no data', code: 800 } }));
  h.standIn.route('/album/999', (_q, res) => json(res, 200, { error: { type: 'DataException', message: 'no data', code: 800 } }));
  h.standIn.route('/playlist/908622995/tracks', (_q, res) => json(res, 200, DEEZER_PLAYLIST_TRACKS));
  h.standIn.route('/playlist/908622995', (_q, res) => json(res, 200, DEEZER_PLAYLIST));
  h.standIn.route('/artist/415', (_q, res) => json(res, 200, DEEZER_ARTIST));
  h.standIn.route('/album/mental-sketch-schizoid-iii', (_q, res) => html(res, BANDCAMP_ALBUM_PAGE));
  h.standIn.route('/', (_q, res) => html(res, BANDCAMP_ARTIST_PAGE));
  h.standIn.route('/album/2UJcKiJxNryhL050F5Z1Fk', (_q, res) => html(res, SPOTIFY_ALBUM_PAGE));
  h.standIn.route('/playlist/37i9dQZF1DX11ghcIxjcjE', (_q, res) => html(res, SPOTIFY_PLAYLIST_PAGE));
  h.standIn.route('/artist/6olE6TJLqED3rqDCT0FyPh', (_q, res) => html(res, SPOTIFY_ARTIST_PAGE));
});
afterEach(async () => {
  await h.closeResolvers();
});
afterAll(async () => {
  await h.close();
  await fx.drop();
});

describe('each platform’s listing, read through the safe fetcher and its host limiter', () => {
  it('Apple Music: an album by iTunes lookup with entity=song, an artist by lookup, playlists said to have no listing', async () => {
    const r = h.resolverFor();
    const { value, hits } = await h.hitsDuring(() =>
      r.expand(linkOf('https://music.apple.com/us/album/nevermind-remastered/1440783617'), deadline()),
    );
    expect(value).toMatchObject({
      ok: true,
      kind: 'album',
      title: 'Nevermind (Remastered)',
      artist: 'Nirvana',
      total: 3,
      source: 'iTunes lookup (entity=song)',
    });
    expect(value.ok && value.kind === 'album' ? value.tracks.map((t) => t.title) : []).toEqual([
      'Smells Like Teen Spirit',
      'In Bloom',
      'Come As You Are',
    ]);
    expect(hits).toEqual(['/lookup?id=1440783617&entity=song&limit=200&country=us']);
    expect(await r.expand(linkOf('https://music.apple.com/us/artist/nirvana/112018'), deadline())).toEqual({
      ok: true,
      kind: 'artist',
      name: 'Nirvana',
      source: 'iTunes lookup',
    });
    expect(await r.expand(linkOf('https://music.apple.com/us/playlist/x/123'), deadline())).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
  });

  it('Deezer: album and playlist tracks with the release named by its own object; an artist; an unknown album not found', async () => {
    const r = h.resolverFor();
    const { value, hits } = await h.hitsDuring(() => r.expand(linkOf('https://www.deezer.com/en/album/302127'), deadline()));
    expect(value).toMatchObject({ ok: true, kind: 'album', title: 'Nevermind (Remastered)', artist: 'Nirvana', total: 3 });
    expect([...hits].sort()).toEqual(['/album/302127', '/album/302127/tracks?limit=100']);
    const playlist = await r.expand(linkOf('https://www.deezer.com/playlist/908622995'), deadline());
    expect(playlist).toMatchObject({ ok: true, kind: 'playlist', title: 'Grunge and more', total: 2 });
    expect(playlist.ok && playlist.kind === 'playlist' ? playlist.tracks.map((t) => t.artist) : []).toEqual(['Nirvana', 'Rick Astley']);
    expect(await r.expand(linkOf('https://www.deezer.com/artist/415'), deadline())).toMatchObject({
      ok: true,
      kind: 'artist',
      name: 'Nirvana',
    });
    expect(await r.expand(linkOf('https://www.deezer.com/album/999'), deadline())).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('Bandcamp: an album page’s JSON-LD track list; an artist page’s name', async () => {
    const r = h.resolverFor();
    const album = await r.expand(linkOf('https://go-qualia.bandcamp.com/album/mental-sketch-schizoid-iii'), deadline());
    expect(album).toMatchObject({ ok: true, kind: 'album', title: 'Mental Sketch Schizoid-III', artist: 'Go-qualia', total: 3 });
    expect(album.ok && album.kind === 'album' ? album.tracks.map((t) => [t.position, t.title, t.artist]) : []).toEqual([
      [1, 'Asynchronous', 'Go-qualia'],
      [2, 'Bergkatze', 'Go-qualia'],
      [3, 'Chrome Heart', 'Go-qualia'],
    ]);
    expect(await r.expand(linkOf('https://go-qualia.bandcamp.com/'), deadline())).toMatchObject({
      ok: true,
      kind: 'artist',
      name: 'Go-qualia',
    });
  });

  it('Spotify: album and playlist pages’ music:song links; an artist page’s name', async () => {
    const r = h.resolverFor();
    const album = await r.expand(linkOf('https://open.spotify.com/album/2UJcKiJxNryhL050F5Z1Fk'), deadline());
    expect(album).toMatchObject({ ok: true, kind: 'album', title: 'Nevermind (Remastered)', total: 3 });
    expect(album.ok && album.kind === 'album' ? album.tracks.map((t) => t.link?.id) : []).toEqual([
      '5ghIJDpPoe3CfHMGu71E6T',
      '3yfqSUWxFvZELEM4PmlwIR',
      '2RsAajgo0g7bMCHxwH3Sk0',
    ]);
    expect(await r.expand(linkOf('https://open.spotify.com/playlist/37i9dQZF1DX11ghcIxjcjE'), deadline())).toMatchObject({
      ok: true,
      kind: 'playlist',
      title: 'Grunge Forever',
      total: 2,
    });
    expect(await r.expand(linkOf('https://open.spotify.com/artist/6olE6TJLqED3rqDCT0FyPh'), deadline())).toMatchObject({
      ok: true,
      kind: 'artist',
      name: 'Nirvana',
    });
  });

  it('YouTube playlists have no keyless listing: said so, with the list command, and nothing is fetched', async () => {
    const r = h.resolverFor();
    const { value, hits } = await h.hitsDuring(() =>
      r.expand(linkOf('https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG'), deadline()),
    );
    expect(value).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(value.ok ? '' : value.detail).toContain('/trained list');
    expect(hits).toEqual([]);
  });

  it('a listing fetched through the same host limiter: a full queue fails fast instead of waiting', async () => {
    const r = h.resolverFor({ highWater: 0, rates: { deezer: { calls: 1, intervalMs: 60_000, maxConcurrent: 1, basis: 'test' } } });
    const outcome = await r.expand(linkOf('https://www.deezer.com/album/302127'), deadline());
    expect(outcome).toMatchObject({ ok: false, reason: 'failed' });
  });
});

describe('the bot’s answer to a release link', () => {
  const bot = () =>
    createBot({
      search: fx.search,
      config: testConfig(),
      log: silentLogger,
      settings: new MemorySettingsStore(),
      resolver: h.resolverFor(),
      commands: COMMANDS,
    });

  it('an album link: N of M tracks present, in which datasets, each track’s line, and the CSV', async () => {
    const b = bot();
    try {
      const reply = await replyOf(b, invoke('link', { url: 'https://www.deezer.com/album/302127' }));
      const text = renderText(reply);
      expect(reply.tone).toBe('found');
      expect(reply.headline).toBe(
        'Deezer album "Nevermind (Remastered)" by Nirvana: 2 of 3 tracks present, in laion-disco-12m, spotify-tracks.',
      );
      expect(text).toContain('1. Smells Like Teen Spirit — Nirvana: present in laion-disco-12m, spotify-tracks');
      expect(text).toContain('2. In Bloom — Nirvana: not found');
      const csv = reply.attachments?.[0]?.content.split('\r\n') ?? [];
      expect(csv[0]).toBe('position,track,artist,status,dataset(s),row keys,note');
      expect(csv[3]).toBe('3,Come As You Are,Nirvana,found,laion-disco-12m,laion-disco-12m:vabnZ9-ex7o,');
      // A Spotify album's tracks are looked up by their ids.
      const spotify = await replyOf(b, invoke('link', { url: 'https://open.spotify.com/album/2UJcKiJxNryhL050F5Z1Fk' }));
      expect(spotify.headline).toMatch(/^Spotify album "Nevermind \(Remastered\)": 1 of 3 tracks present/);
    } finally {
      await b.close();
    }
  });

  it('past the cap, the tracks not checked are named; nothing found is said carefully', async () => {
    const b = bot();
    try {
      const long = await replyOf(b, invoke('link', { url: 'https://music.apple.com/us/album/thirty-songs/1500000000' }));
      const text = renderText(long);
      expect(long.headline).toBe('Apple Music album "Thirty Songs" by Long Player: 1 of 25 tracks present, in laion-disco-12m.');
      expect(text).toContain(
        'Checked the first 25 tracks (at most 25 a release); not checked: 26. Song 26 — Long Player; 27. Song 27 — Long Player;',
      );
      expect(long.attachments?.[0]?.content.split('\r\n').filter((l) => l !== '')).toHaveLength(26);
      const bandcamp = await replyOf(b, invoke('link', { url: 'https://go-qualia.bandcamp.com/album/mental-sketch-schizoid-iii' }));
      expect(bandcamp.headline).toBe('Bandcamp album "Mental Sketch Schizoid-III" by Go-qualia: 1 of 3 tracks present, in fma.');
      const none = await replyOf(b, invoke('link', { url: 'https://www.deezer.com/album/555' }));
      expect(none.tone).toBe('not-found');
      expect(none.headline).toBe('Deezer album "Demos" by Nobody Known: none of the 2 tracks checked was found.');
      expect(renderText(none)).toMatch(/Not found in these 3 datasets as indexed on .*That does not mean it was never used for training/);
    } finally {
      await b.close();
    }
  });

  it('an artist link is the artist’s coverage; a YouTube playlist points to the list command', async () => {
    const b = bot();
    try {
      const artist = await replyOf(b, invoke('link', { url: 'https://www.deezer.com/artist/415' }));
      const text = renderText(artist);
      expect(artist.headline).toBe('"Nirvana": 3 rows credited in 2 datasets.');
      expect(text).toContain('Deezer artist link → "Nirvana" (name via Deezer API).');
      const playlist = await replyOf(
        b,
        invoke('link', { url: 'https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG' }),
      );
      expect(playlist.headline).toBe(
        "This YouTube playlist can't be checked: YouTube offers no keyless way to read a playlist: paste its track links into /trained list.",
      );
      expect(renderText(playlist)).not.toMatch(/not found/i);
    } finally {
      await b.close();
    }
  });
});
