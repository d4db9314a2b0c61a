/**
 * The link resolver end to end against local stand-ins for every endpoint (responses
 * shaped as each platform documents them), through the real safe fetcher whose only
 * exemption is the stand-in's exact origin. Links come from the real extractLinks.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CANNOT_CHECK, createLinkResolver } from '../../../src/links/resolve/index.js';
import { silentLogger } from '../../../src/log.js';
import { deadline, linkOf, startResolverHarness, TEST_LINKS_CONFIG, type ResolverHarness } from '../../stand-ins/platforms/harness.js';
import { json } from '../../stand-ins/platforms/server.js';

let h: ResolverHarness;

beforeAll(async () => {
  h = await startResolverHarness();
});
afterEach(async () => {
  await h.closeResolvers();
});
afterAll(async () => {
  await h.close();
});

describe('each platform, by its public endpoint', () => {
  it('Apple Music: iTunes lookup by the ?i= track id, in the link’s storefront', async () => {
    const r = h.resolverFor();
    const { value, hits } = await h.hitsDuring(() =>
      r.resolve(linkOf('https://music.apple.com/gb/album/bohemian-rhapsody/1440857781?i=1440857786'), deadline()),
    );
    expect(value).toEqual({
      ok: true,
      track: { title: 'Bohemian Rhapsody', artist: 'Queen', album: 'Bohemian Rhapsody (The Original Soundtrack)', source: 'iTunes lookup' },
    });
    expect(hits).toEqual(['/lookup?id=1440857786&country=gb']);
  });

  it('Apple Music: an id the storefront does not carry is not found', async () => {
    const outcome = await h.resolverFor().resolve(linkOf('https://music.apple.com/us/song/nothing/999999999'), deadline());
    expect(outcome).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('Apple Music: a miss in one storefront is not cached for another', async () => {
    const r = h.resolverFor();
    expect(await r.resolve(linkOf('https://music.apple.com/us/album/x/1440857781?i=1440857786'), deadline())).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    expect(await r.resolve(linkOf('https://music.apple.com/gb/song/bohemian-rhapsody/1440857786'), deadline())).toMatchObject({
      ok: true,
      track: { artist: 'Queen' },
    });
  });

  it('Deezer: title, artist, album and ISRC from /track/{id}', async () => {
    const outcome = await h.resolverFor().resolve(linkOf('https://www.deezer.com/en/track/3135556'), deadline());
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
    expect(await h.resolverFor().resolve(linkOf('https://www.deezer.com/track/1'), deadline())).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
  });

  it('YouTube: "Artist - Title" split, the channel confirming the artist', async () => {
    const outcome = await h.resolverFor().resolve(linkOf('https://youtu.be/dQw4w9WgXcQ'), deadline());
    expect(outcome).toEqual({
      ok: true,
      track: { title: 'Never Gonna Give You Up (Official Music Video)', artist: 'Rick Astley', source: 'YouTube oEmbed' },
    });
  });

  it('YouTube Music: an auto-generated "- Topic" channel names the artist', async () => {
    const outcome = await h.resolverFor().resolve(linkOf('https://music.youtube.com/watch?v=fJ9rUzIMcZQ'), deadline());
    expect(outcome).toEqual({ ok: true, track: { title: 'Bohemian Rhapsody', artist: 'Queen', source: 'YouTube oEmbed' } });
  });

  it('YouTube: an unknown video is not found (oEmbed 404)', async () => {
    expect(await h.resolverFor().resolve(linkOf('https://www.youtube.com/watch?v=AAAAAAAAAAA'), deadline())).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
  });

  it('Spotify: the oEmbed title kept whole, the artist from the track page', async () => {
    const { value, hits } = await h.hitsDuring(() =>
      h.resolverFor().resolve(linkOf('https://open.spotify.com/intl-de/track/4u7EnebtmKWzUH433cf5Qv?si=abc'), deadline()),
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
    const outcome = await h.resolverFor().resolve(linkOf('https://open.spotify.com/track/0DiWol3AO6WpXZgp0goxAV'), deadline());
    expect(outcome).toEqual({ ok: true, track: { title: 'One More Time', source: 'Spotify oEmbed' } });
  });

  it('SoundCloud: "Title by Account" becomes title and artist', async () => {
    const outcome = await h.resolverFor().resolve(linkOf('https://soundcloud.com/forss/flickermood?utm_source=x'), deadline());
    expect(outcome).toEqual({ ok: true, track: { title: 'Flickermood', artist: 'Forss', source: 'SoundCloud oEmbed' } });
  });

  it('TIDAL: oEmbed title and author', async () => {
    const outcome = await h.resolverFor().resolve(linkOf('https://listen.tidal.com/track/77646169'), deadline());
    expect(outcome).toEqual({ ok: true, track: { title: 'Get Lucky', artist: 'Daft Punk', source: 'TIDAL oEmbed' } });
  });

  it('TIDAL: when oEmbed names no artist, the track page’s title does', async () => {
    const { value, hits } = await h.hitsDuring(() =>
      h.resolverFor().resolve(linkOf('https://tidal.com/browse/track/99999901'), deadline()),
    );
    expect(value).toEqual({ ok: true, track: { title: 'Around the World', artist: 'Daft Punk', source: 'TIDAL page metadata' } });
    expect(hits).toEqual([`/?url=${encodeURIComponent('https://tidal.com/browse/track/99999901')}`, '/browse/track/99999901']);
  });

  it('Bandcamp: the page’s JSON-LD recording, else its og:title', async () => {
    const r = h.resolverFor();
    expect(await r.resolve(linkOf('https://lenatides.bandcamp.com/track/the-river-song'), deadline())).toEqual({
      ok: true,
      track: { title: 'The River Song', artist: 'Lena & The Tides', album: 'Low Water', source: 'Bandcamp page metadata' },
    });
    expect(await r.resolve(linkOf('https://northernsleep.bandcamp.com/track/og-only'), deadline())).toEqual({
      ok: true,
      track: { title: 'Quiet Hours', artist: 'Northern Sleep', source: 'Bandcamp page metadata' },
    });
  });

  it('Amazon Music, Qobuz, Pandora, Yandex: recognised, not checkable by link, no call made', async () => {
    const r = h.resolverFor();
    const links = [
      'https://music.amazon.com/tracks/B008CAB4AA',
      'https://open.qobuz.com/track/12345678',
      'https://www.pandora.com/artist/a/b/c/TRabc123',
      'https://music.yandex.ru/album/123/track/456',
    ].map(linkOf);
    const { value, hits } = await h.hitsDuring(() => Promise.all(links.map((l) => r.resolve(l, deadline()))));
    for (const outcome of value) expect(outcome).toEqual({ ok: false, reason: 'unsupported', detail: CANNOT_CHECK });
    expect(hits).toEqual([]);
  });

  it('albums, artists and playlists are not tracks: no call made', async () => {
    const r = h.resolverFor();
    const { value, hits } = await h.hitsDuring(() =>
      Promise.all(
        [
          'https://open.spotify.com/album/4u7EnebtmKWzUH433cf5Qv',
          'https://www.deezer.com/playlist/908622995',
          'https://music.apple.com/gb/album/x/1440857781',
        ]
          .map(linkOf)
          .map((l) => r.resolve(l, deadline())),
      ),
    );
    for (const outcome of value) expect(outcome).toMatchObject({ ok: false, reason: 'not-a-track' });
    expect(hits).toEqual([]);
  });
});

describe('endpoint overrides alone cannot reach a local address', () => {
  it('with the ordinary fetcher, base URLs on 127.0.0.1 are refused and nothing is fetched', async () => {
    const origin = h.standIn.origin;
    const resolver = createLinkResolver({ config: TEST_LINKS_CONFIG, log: silentLogger, endpoints: { deezer: origin, youtube: origin } });
    const { value, hits } = await h.hitsDuring(() =>
      Promise.all(
        ['https://www.deezer.com/track/3135556', 'https://youtu.be/dQw4w9WgXcQ'].map(linkOf).map((l) => resolver.resolve(l, deadline())),
      ),
    );
    for (const outcome of value)
      expect(outcome).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringMatching(/not a public address/) as unknown });
    expect(hits).toEqual([]);
    await resolver.close();
  });
});

describe('privacy switch', () => {
  it('RESOLVE_LINKS=false: every link is "disabled" and nothing is fetched', async () => {
    const r = h.resolverFor({ config: { ...TEST_LINKS_CONFIG, resolve: false } });
    const { value, hits } = await h.hitsDuring(() =>
      Promise.all(['https://www.deezer.com/track/3135556', 'https://spotify.link/abc123'].map(linkOf).map((l) => r.resolve(l, deadline()))),
    );
    for (const outcome of value) expect(outcome).toMatchObject({ ok: false, reason: 'disabled' });
    expect(hits).toEqual([]);
  });
});

describe('short links', () => {
  it('follows spotify.link hop by hop and resolves the recognised target', async () => {
    h.standIn.shortLinks.set('/hopA1', 'https://spotify.app.link/hopA2?_p=c');
    h.standIn.shortLinks.set('/hopA2', 'https://open.spotify.com/track/4u7EnebtmKWzUH433cf5Qv?si=123&utm_source=copy-link');
    const { value, hits } = await h.hitsDuring(() => h.resolverFor().resolve(linkOf('https://spotify.link/hopA1'), deadline()));
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
    h.standIn.shortLinks.set('/Qn5Jh', 'https://soundcloud.com/forss/flickermood?ref=clipboard&p=i&c=0');
    h.standIn.shortLinks.set('/s/30ABCD', 'https://www.deezer.com/track/3135556?host=0&utm_campaign=clipboard');
    const r = h.resolverFor();
    expect(await r.resolve(linkOf('https://on.soundcloud.com/Qn5Jh'), deadline())).toMatchObject({
      ok: true,
      track: { title: 'Flickermood', artist: 'Forss' },
    });
    expect(await r.resolve(linkOf('https://link.deezer.com/s/30ABCD'), deadline())).toMatchObject({
      ok: true,
      track: { isrc: 'GBDUW0000059', resolvedLink: { platform: 'deezer', id: '3135556' } },
    });
  });

  it('reads the target from a page that redirects by script (og:url) or meta refresh', async () => {
    const page = (head: string) => (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><head>${head}</head><body><script>location.href = "…"</script></body></html>`);
    };
    h.standIn.route('/pagehop', page('<meta property="og:url" content="https://open.spotify.com/track/0DiWol3AO6WpXZgp0goxAV?si=x">'));
    h.standIn.route('/s/refreshhop', page('<meta http-equiv="Refresh" content="0; url=https://www.deezer.com/track/3135556">'));
    const r = h.resolverFor();
    expect(await r.resolve(linkOf('https://spotify.link/pagehop'), deadline())).toMatchObject({
      ok: true,
      track: { title: 'One More Time' },
    });
    expect(await r.resolve(linkOf('https://link.deezer.com/s/refreshhop'), deadline())).toMatchObject({
      ok: true,
      track: { isrc: 'GBDUW0000059' },
    });
  });

  it('does not follow a short link off the short-link hosts', async () => {
    h.standIn.shortLinks.set('/offsite', 'http://169.254.169.254/latest/meta-data/');
    const { value, hits } = await h.hitsDuring(() => h.resolverFor().resolve(linkOf('https://spotify.link/offsite'), deadline()));
    expect(value).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(hits).toEqual(['/offsite']);
  });

  it('keeps the target when its metadata cannot be read, so the id can still be looked up', async () => {
    h.standIn.shortLinks.set('/nometa', 'https://open.spotify.com/track/0000000000000000000000');
    const outcome = await h.resolverFor().resolve(linkOf('https://spotify.link/nometa'), deadline());
    expect(outcome).toMatchObject({ ok: false, reason: 'not-found', resolvedLink: { platform: 'spotify', id: '0000000000000000000000' } });
  });
});

describe('cache', () => {
  it('a link resolved twice (or twice at once) costs one call', async () => {
    const r = h.resolverFor();
    const link = linkOf('https://www.deezer.com/track/3135556');
    const { hits } = await h.hitsDuring(async () => {
      await Promise.all([r.resolve(link, deadline()), r.resolve(link, deadline())]);
      return r.resolve(linkOf('https://deezer.com/us/track/3135556?utm=1'), deadline());
    });
    expect(hits).toEqual(['/track/3135556']);
  });

  it('failures are cached briefly, then retried', async () => {
    let clock = 1_000_000;
    h.standIn.route('/track/500500', (_req, res) => json(res, 500, { error: 'boom' }));
    const r = h.resolverFor({ now: () => clock, ttls: { failedMs: 60_000 } });
    const link = linkOf('https://www.deezer.com/track/500500');
    const first = await h.hitsDuring(() => r.resolve(link, deadline()));
    expect(first.value).toMatchObject({ ok: false, reason: 'failed' });
    const cached = await h.hitsDuring(() => r.resolve(link, deadline()));
    expect(cached.hits).toEqual([]);
    clock += 61_000;
    const again = await h.hitsDuring(() => r.resolve(link, deadline()));
    expect(again.hits).toEqual(['/track/500500']);
  });
});
