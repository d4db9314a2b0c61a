/**
 * The link resolver end to end against local stand-ins for every endpoint (responses
 * shaped as each platform documents them), through the real safe fetcher whose only
 * exemption is the stand-in's exact origin. Links come from the real extractLinks.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LinksConfig } from '../src/config.js';
import { extractLinks } from '../src/links/extract.js';
import { CANNOT_CHECK, createLinkResolver, type ClosableLinkResolver, type LinkResolverOptions } from '../src/links/resolve/index.js';
import type { RecognisedLink, ResolveOutcome } from '../src/links/types.js';
import { silentLogger } from '../src/log.js';
import { ENDPOINT_NAMES } from '../src/net/allowlist.js';
import { createSafeFetcher } from '../src/net/safe-fetch.js';
import { json, startPlatformStandIn, type PlatformStandIn } from './stand-ins/platforms/server.js';

const CONFIG: LinksConfig = { resolve: true, deadlineMs: 4000, skipKeyword: '!notrained', dedupWindowMs: 0 };

let standIn: PlatformStandIn;
const open: ClosableLinkResolver[] = [];

beforeAll(async () => {
  standIn = await startPlatformStandIn();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await standIn.close();
});

function resolverFor(extra: Partial<LinkResolverOptions> = {}): ClosableLinkResolver {
  const origin = standIn.origin;
  const standIns = Object.fromEntries(ENDPOINT_NAMES.map((e) => [e, origin]));
  const resolver = createLinkResolver({
    config: CONFIG,
    log: silentLogger,
    fetcher: createSafeFetcher({ testStandIns: standIns, timeoutMs: 3000 }),
    endpoints: {
      itunes: origin,
      deezer: origin,
      youtube: origin,
      spotify: origin,
      soundcloud: origin,
      tidal: origin,
      tidalPages: origin,
      bandcamp: origin,
      shortlinks: origin,
    },
    ...extra,
  });
  open.push(resolver);
  return resolver;
}

function linkOf(url: string): RecognisedLink {
  const [link] = extractLinks(url);
  if (link === undefined) throw new Error(`not recognised: ${url}`);
  return link;
}

function signal(ms = 4000): AbortSignal {
  return AbortSignal.timeout(ms);
}

function hitsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; hits: string[] }> {
  const before = standIn.hits.length;
  return fn().then((value) => ({ value, hits: standIn.hits.slice(before) }));
}

describe('each platform, by its public endpoint', () => {
  it('Apple Music: iTunes lookup by the ?i= track id, in the link’s storefront', async () => {
    const r = resolverFor();
    const { value, hits } = await hitsDuring(() =>
      r.resolve(linkOf('https://music.apple.com/gb/album/bohemian-rhapsody/1440857781?i=1440857786'), signal()),
    );
    expect(value).toEqual({
      ok: true,
      track: { title: 'Bohemian Rhapsody', artist: 'Queen', album: 'Bohemian Rhapsody (The Original Soundtrack)', source: 'iTunes lookup' },
    });
    expect(hits).toEqual(['/lookup?id=1440857786&country=gb']);
  });

  it('Apple Music: an id the storefront does not carry is not found', async () => {
    const outcome = await resolverFor().resolve(linkOf('https://music.apple.com/us/song/nothing/999999999'), signal());
    expect(outcome).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('Apple Music: a miss in one storefront is not cached for another', async () => {
    const r = resolverFor();
    expect(await r.resolve(linkOf('https://music.apple.com/us/album/x/1440857781?i=1440857786'), signal())).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    expect(await r.resolve(linkOf('https://music.apple.com/gb/song/bohemian-rhapsody/1440857786'), signal())).toMatchObject({
      ok: true,
      track: { artist: 'Queen' },
    });
  });

  it('Deezer: title, artist, album and ISRC from /track/{id}', async () => {
    const outcome = await resolverFor().resolve(linkOf('https://www.deezer.com/en/track/3135556'), signal());
    expect(outcome).toEqual({
      ok: true,
      track: {
        title: 'Harder, Better, Faster, Stronger',
        artist: 'Daft Punk',
        album: 'Discovery',
        isrc: 'GBDUW0000059',
        source: 'Deezer API',
      },
    });
  });

  it('Deezer: "no data" (HTTP 200 with an error object) is not found', async () => {
    expect(await resolverFor().resolve(linkOf('https://www.deezer.com/track/1'), signal())).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
  });

  it('YouTube: "Artist - Title" split, the channel confirming the artist', async () => {
    const outcome = await resolverFor().resolve(linkOf('https://youtu.be/dQw4w9WgXcQ'), signal());
    expect(outcome).toEqual({
      ok: true,
      track: { title: 'Never Gonna Give You Up (Official Music Video)', artist: 'Rick Astley', source: 'YouTube oEmbed' },
    });
  });

  it('YouTube Music: an auto-generated "- Topic" channel names the artist', async () => {
    const outcome = await resolverFor().resolve(linkOf('https://music.youtube.com/watch?v=fJ9rUzIMcZQ'), signal());
    expect(outcome).toEqual({ ok: true, track: { title: 'Bohemian Rhapsody', artist: 'Queen', source: 'YouTube oEmbed' } });
  });

  it('YouTube: an unknown video is not found (oEmbed 404)', async () => {
    expect(await resolverFor().resolve(linkOf('https://www.youtube.com/watch?v=AAAAAAAAAAA'), signal())).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
  });

  it('Spotify: the oEmbed title kept whole, the artist from the track page', async () => {
    const { value, hits } = await hitsDuring(() =>
      resolverFor().resolve(linkOf('https://open.spotify.com/intl-de/track/4u7EnebtmKWzUH433cf5Qv?si=abc'), signal()),
    );
    expect(value).toEqual({
      ok: true,
      track: { title: 'Bohemian Rhapsody - Remastered 2011', artist: 'Queen', source: 'Spotify page metadata' },
    });
    expect(hits).toEqual([
      `/oembed?url=${encodeURIComponent('https://open.spotify.com/track/4u7EnebtmKWzUH433cf5Qv')}`,
      '/track/4u7EnebtmKWzUH433cf5Qv',
    ]);
  });

  it('Spotify: without a readable page, the oEmbed title alone', async () => {
    const outcome = await resolverFor().resolve(linkOf('https://open.spotify.com/track/0DiWol3AO6WpXZgp0goxAV'), signal());
    expect(outcome).toEqual({ ok: true, track: { title: 'One More Time', source: 'Spotify oEmbed' } });
  });

  it('SoundCloud: "Title by Account" becomes title and artist', async () => {
    const outcome = await resolverFor().resolve(linkOf('https://soundcloud.com/forss/flickermood?utm_source=x'), signal());
    expect(outcome).toEqual({ ok: true, track: { title: 'Flickermood', artist: 'Forss', source: 'SoundCloud oEmbed' } });
  });

  it('TIDAL: oEmbed title and author', async () => {
    const outcome = await resolverFor().resolve(linkOf('https://listen.tidal.com/track/77646169'), signal());
    expect(outcome).toEqual({ ok: true, track: { title: 'Get Lucky', artist: 'Daft Punk', source: 'TIDAL oEmbed' } });
  });

  it('TIDAL: when oEmbed names no artist, the track page’s title does', async () => {
    const { value, hits } = await hitsDuring(() => resolverFor().resolve(linkOf('https://tidal.com/browse/track/99999901'), signal()));
    expect(value).toEqual({ ok: true, track: { title: 'Around the World', artist: 'Daft Punk', source: 'TIDAL page metadata' } });
    expect(hits).toEqual([`/?url=${encodeURIComponent('https://tidal.com/browse/track/99999901')}`, '/browse/track/99999901']);
  });

  it('Bandcamp: the page’s JSON-LD recording, else its og:title', async () => {
    const r = resolverFor();
    expect(await r.resolve(linkOf('https://lenatides.bandcamp.com/track/the-river-song'), signal())).toEqual({
      ok: true,
      track: { title: 'The River Song', artist: 'Lena & The Tides', album: 'Low Water', source: 'Bandcamp page metadata' },
    });
    expect(await r.resolve(linkOf('https://northernsleep.bandcamp.com/track/og-only'), signal())).toEqual({
      ok: true,
      track: { title: 'Quiet Hours', artist: 'Northern Sleep', source: 'Bandcamp page metadata' },
    });
  });

  it('Amazon Music, Qobuz, Pandora, Yandex: recognised, not checkable by link, no call made', async () => {
    const r = resolverFor();
    const links = [
      'https://music.amazon.com/tracks/B008CAB4AA',
      'https://open.qobuz.com/track/12345678',
      'https://www.pandora.com/artist/a/b/c/TRabc123',
      'https://music.yandex.ru/album/123/track/456',
    ].map(linkOf);
    const { value, hits } = await hitsDuring(() => Promise.all(links.map((l) => r.resolve(l, signal()))));
    for (const outcome of value) expect(outcome).toEqual({ ok: false, reason: 'unsupported', detail: CANNOT_CHECK });
    expect(hits).toEqual([]);
  });

  it('albums, artists and playlists are not tracks: no call made', async () => {
    const r = resolverFor();
    const { value, hits } = await hitsDuring(() =>
      Promise.all(
        [
          'https://open.spotify.com/album/4u7EnebtmKWzUH433cf5Qv',
          'https://www.deezer.com/playlist/908622995',
          'https://music.apple.com/gb/album/x/1440857781',
        ]
          .map(linkOf)
          .map((l) => r.resolve(l, signal())),
      ),
    );
    for (const outcome of value) expect(outcome).toMatchObject({ ok: false, reason: 'not-a-track' });
    expect(hits).toEqual([]);
  });
});

describe('endpoint overrides alone cannot reach a local address', () => {
  it('with the ordinary fetcher, base URLs on 127.0.0.1 are refused and nothing is fetched', async () => {
    const origin = standIn.origin;
    const resolver = createLinkResolver({ config: CONFIG, log: silentLogger, endpoints: { deezer: origin, youtube: origin } });
    open.push(resolver);
    const { value, hits } = await hitsDuring(() =>
      Promise.all(
        ['https://www.deezer.com/track/3135556', 'https://youtu.be/dQw4w9WgXcQ'].map(linkOf).map((l) => resolver.resolve(l, signal())),
      ),
    );
    for (const outcome of value)
      expect(outcome).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringMatching(/not a public address/) as unknown });
    expect(hits).toEqual([]);
  });
});

describe('privacy switch', () => {
  it('RESOLVE_LINKS=false: every link is "disabled" and nothing is fetched', async () => {
    const r = resolverFor({ config: { ...CONFIG, resolve: false } });
    const { value, hits } = await hitsDuring(() =>
      Promise.all(['https://www.deezer.com/track/3135556', 'https://spotify.link/abc123'].map(linkOf).map((l) => r.resolve(l, signal()))),
    );
    for (const outcome of value) expect(outcome).toMatchObject({ ok: false, reason: 'disabled' });
    expect(hits).toEqual([]);
  });
});

describe('short links', () => {
  it('follows spotify.link hop by hop and resolves the recognised target', async () => {
    standIn.shortLinks.set('/hopA1', 'https://spotify.app.link/hopA2?_p=c');
    standIn.shortLinks.set('/hopA2', 'https://open.spotify.com/track/4u7EnebtmKWzUH433cf5Qv?si=123&utm_source=copy-link');
    const { value, hits } = await hitsDuring(() => resolverFor().resolve(linkOf('https://spotify.link/hopA1'), signal()));
    expect(value.ok).toBe(true);
    if (!value.ok) return;
    expect(value.track.title).toBe('Bohemian Rhapsody - Remastered 2011');
    expect(value.track.resolvedLink).toMatchObject({ platform: 'spotify', kind: 'track', id: '4u7EnebtmKWzUH433cf5Qv' });
    expect(hits[0]).toBe('/hopA1');
    expect(hits[1]).toBe('/hopA2?_p=c');
    expect(hits[2]).toMatch(/^\/oembed\?url=/);
    expect(hits[3]).toBe('/track/4u7EnebtmKWzUH433cf5Qv');
    expect(hits).toHaveLength(4);
  });

  it('on.soundcloud.com and link.deezer.com lead to their tracks', async () => {
    standIn.shortLinks.set('/Qn5Jh', 'https://soundcloud.com/forss/flickermood?ref=clipboard&p=i&c=0');
    standIn.shortLinks.set('/s/30ABCD', 'https://www.deezer.com/track/3135556?host=0&utm_campaign=clipboard');
    const r = resolverFor();
    expect(await r.resolve(linkOf('https://on.soundcloud.com/Qn5Jh'), signal())).toMatchObject({
      ok: true,
      track: { title: 'Flickermood', artist: 'Forss' },
    });
    expect(await r.resolve(linkOf('https://link.deezer.com/s/30ABCD'), signal())).toMatchObject({
      ok: true,
      track: { isrc: 'GBDUW0000059', resolvedLink: { platform: 'deezer', id: '3135556' } },
    });
  });

  it('reads the target from a page that redirects by script (og:url) or meta refresh', async () => {
    const page = (head: string) => (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><head>${head}</head><body><script>location.href = "…"</script></body></html>`);
    };
    standIn.route('/pagehop', page('<meta property="og:url" content="https://open.spotify.com/track/0DiWol3AO6WpXZgp0goxAV?si=x">'));
    standIn.route('/s/refreshhop', page('<meta http-equiv="Refresh" content="0; url=https://www.deezer.com/track/3135556">'));
    const r = resolverFor();
    expect(await r.resolve(linkOf('https://spotify.link/pagehop'), signal())).toMatchObject({
      ok: true,
      track: { title: 'One More Time' },
    });
    expect(await r.resolve(linkOf('https://link.deezer.com/s/refreshhop'), signal())).toMatchObject({
      ok: true,
      track: { isrc: 'GBDUW0000059' },
    });
  });

  it('does not follow a short link off the short-link hosts', async () => {
    standIn.shortLinks.set('/offsite', 'http://169.254.169.254/latest/meta-data/');
    const { value, hits } = await hitsDuring(() => resolverFor().resolve(linkOf('https://spotify.link/offsite'), signal()));
    expect(value).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(hits).toEqual(['/offsite']);
  });

  it('keeps the target when its metadata cannot be read, so the id can still be looked up', async () => {
    standIn.shortLinks.set('/nometa', 'https://open.spotify.com/track/0000000000000000000000');
    const outcome = await resolverFor().resolve(linkOf('https://spotify.link/nometa'), signal());
    expect(outcome).toMatchObject({ ok: false, reason: 'not-found', resolvedLink: { platform: 'spotify', id: '0000000000000000000000' } });
  });
});

describe('cache', () => {
  it('a link resolved twice (or twice at once) costs one call', async () => {
    const r = resolverFor();
    const link = linkOf('https://www.deezer.com/track/3135556');
    const { hits } = await hitsDuring(async () => {
      await Promise.all([r.resolve(link, signal()), r.resolve(link, signal())]);
      return r.resolve(linkOf('https://deezer.com/us/track/3135556?utm=1'), signal());
    });
    expect(hits).toEqual(['/track/3135556']);
  });

  it('failures are cached briefly, then retried', async () => {
    let clock = 1_000_000;
    standIn.route('/track/500500', (_req, res) => json(res, 500, { error: 'boom' }));
    const r = resolverFor({ now: () => clock, ttls: { failedMs: 60_000 } });
    const link = linkOf('https://www.deezer.com/track/500500');
    const first = await hitsDuring(() => r.resolve(link, signal()));
    expect(first.value).toMatchObject({ ok: false, reason: 'failed' });
    const cached = await hitsDuring(() => r.resolve(link, signal()));
    expect(cached.hits).toEqual([]);
    clock += 61_000;
    const again = await hitsDuring(() => r.resolve(link, signal()));
    expect(again.hits).toEqual(['/track/500500']);
  });
});

describe('rate limits and deadlines', () => {
  it('a 429 with a short Retry-After is waited out, then retried once', async () => {
    let calls = 0;
    standIn.route('/track/429001', (_req, res) => {
      calls += 1;
      if (calls === 1) json(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
      else json(res, 200, { id: 429001, title: 'After The Wait', artist: { name: 'Patience' }, album: { title: 'Later' } });
    });
    const started = Date.now();
    const outcome = await resolverFor().resolve(linkOf('https://www.deezer.com/track/429001'), signal());
    expect(outcome).toMatchObject({ ok: true, track: { title: 'After The Wait' } });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('a long Retry-After fails fast and keeps later calls to that host away', async () => {
    standIn.route('/track/429002', (_req, res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '120' }));
    const r = resolverFor();
    const started = Date.now();
    const first = await hitsDuring(() => r.resolve(linkOf('https://www.deezer.com/track/429002'), signal()));
    expect(first.value).toMatchObject({ ok: false, reason: 'failed' });
    expect(first.hits).toEqual(['/track/429002']);
    const next = await hitsDuring(() => r.resolve(linkOf('https://www.deezer.com/track/3135556'), signal()));
    expect(next.value).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringMatching(/wait/) as unknown });
    expect(next.hits).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('Deezer’s quota error backs off too', async () => {
    standIn.route('/track/444', (_req, res) => json(res, 200, { error: { type: 'Exception', message: 'Quota limit exceeded', code: 4 } }));
    const r = resolverFor();
    expect(await r.resolve(linkOf('https://www.deezer.com/track/444'), signal())).toMatchObject({ ok: false, reason: 'failed' });
    const { hits } = await hitsDuring(() => r.resolve(linkOf('https://www.deezer.com/track/3135556'), signal()));
    expect(hits).toEqual([]);
  });

  it('a lookup shared with a message whose deadline ran out is redone for a message that still has time', async () => {
    standIn.route('/track/606', (_req, res) => {
      const timer = setTimeout(() => json(res, 200, { id: 606, title: 'Shared', artist: { name: 'Both' } }), 600);
      res.on('close', () => clearTimeout(timer));
    });
    const r = resolverFor();
    const link = linkOf('https://www.deezer.com/track/606');
    const [short, long] = await Promise.all([r.resolve(link, signal(150)), r.resolve(link, signal(4000))]);
    expect(short).toMatchObject({ ok: false, reason: 'timeout' });
    expect(long).toMatchObject({ ok: true, track: { title: 'Shared' } });
  });

  it('a slow server hits the message deadline; the outcome is a timeout, not a throw', async () => {
    standIn.route('/track/777', (_req, res) => {
      const timer = setTimeout(() => json(res, 200, {}), 5000);
      res.on('close', () => clearTimeout(timer));
    });
    const started = Date.now();
    const outcome = await resolverFor().resolve(linkOf('https://www.deezer.com/track/777'), signal(400));
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('the queue per host is bounded', async () => {
    standIn.route('/track/888', (_req, res) => {
      const timer = setTimeout(() => json(res, 200, { id: 888, title: 'Queued', artist: { name: 'Q' } }), 300);
      res.on('close', () => clearTimeout(timer));
    });
    const r = resolverFor({ highWater: 2, rates: { deezer: { calls: 50, intervalMs: 5000, maxConcurrent: 1, basis: 'test' } } });
    const links = [888, 8881, 8882, 8883, 8884, 8885].map((id) => linkOf(`https://www.deezer.com/track/${id}`));
    const outcomes = await Promise.all(links.map((l) => r.resolve(l, signal())));
    expect(outcomes.filter((o) => !o.ok && o.detail === 'too many lookups queued right now').length).toBeGreaterThan(0);
  });
});

describe('one message with 20 links of 8 platforms', () => {
  it('answers every link within the deadline', async () => {
    // Any id answers, after a short delay, in each platform's documented shape.
    const delayed = (body: (url: URL) => unknown) => (_req: unknown, res: ServerResponse, url: URL) => {
      const timer = setTimeout(() => json(res, 200, body(url)), 60);
      res.on('close', () => clearTimeout(timer));
    };
    const r = resolverFor();
    const ids = Array.from({ length: 4 }, (_, i) => 900 + i);
    for (const id of ids) {
      standIn.route(
        `/track/${id}`,
        delayed(() => ({ id, title: `Deezer ${id}`, artist: { name: 'D' }, album: { title: 'A' } })),
      );
    }
    standIn.route(
      '/lookup',
      delayed((url) => ({
        resultCount: 1,
        results: [{ wrapperType: 'track', kind: 'song', trackId: Number(url.searchParams.get('id')), trackName: 'Apple', artistName: 'A' }],
      })),
    );
    standIn.route(
      '/oembed',
      delayed((url) => ({ version: '1.0', type: 'rich', title: `Song for ${url.searchParams.get('url') ?? ''}`, author_name: 'Someone' })),
    );
    standIn.route(
      '/',
      delayed(() => ({ version: '1.0', type: 'rich', title: 'Tidal song', author_name: 'T' })),
    );
    standIn.shortLinks.set('/many1', 'https://open.spotify.com/track/1111111111111111111111');
    standIn.shortLinks.set('/many2', 'https://soundcloud.com/someone/a-song');
    const text = [
      ...ids.map((id) => `https://www.deezer.com/track/${id}`),
      'https://music.apple.com/us/album/x/1?i=2001',
      'https://music.apple.com/us/song/y/2002',
      'https://music.apple.com/us/album/z/1?i=2003',
      'https://youtu.be/BBBBBBBBBBB',
      'https://www.youtube.com/watch?v=CCCCCCCCCCC',
      'https://music.youtube.com/watch?v=DDDDDDDDDDD',
      'https://open.spotify.com/track/2222222222222222222222',
      'https://open.spotify.com/track/3333333333333333333333',
      'https://soundcloud.com/forss/another',
      'https://soundcloud.com/forss/third',
      'https://tidal.com/browse/track/1234',
      'https://listen.tidal.com/track/5678',
      'https://lenatides.bandcamp.com/track/the-river-song',
      'https://spotify.link/many1',
      'https://on.soundcloud.com/many2',
      'https://music.amazon.com/tracks/B008CAB4AA',
    ].join(' ');
    const links = extractLinks(text, 50);
    expect(links).toHaveLength(20);
    expect(new Set(links.map((l) => l.platform)).size).toBeGreaterThanOrEqual(8);
    const deadline = signal(CONFIG.deadlineMs);
    const started = Date.now();
    const outcomes: ResolveOutcome[] = await Promise.all(links.map((l) => r.resolve(l, deadline)));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(CONFIG.deadlineMs);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(19);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, reason: 'unsupported' });
  });
});
