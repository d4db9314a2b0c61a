/**
 * The link resolver under pressure, against the platform stand-in: 429s and Retry-After,
 * Deezer's quota error, slow servers and the per-message deadline, bounded queues, and a
 * message with 20 links of 8 platforms answered within its deadline.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractLinks } from '../../../src/links/extract.js';
import type { ResolveOutcome } from '../../../src/links/types.js';
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

describe('rate limits and deadlines', () => {
  it('a 429 with a short Retry-After is waited out, then retried once', async () => {
    let calls = 0;
    h.standIn.route('/track/429001', (_req, res) => {
      calls += 1;
      if (calls === 1) json(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
      else json(res, 200, { id: 429001, title: 'After The Wait', artist: { name: 'Patience' }, album: { title: 'Later' } });
    });
    const started = Date.now();
    const outcome = await h.resolverFor().resolve(linkOf('https://www.deezer.com/track/429001'), deadline());
    expect(outcome).toMatchObject({ ok: true, track: { title: 'After The Wait' } });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('a long Retry-After fails fast and keeps later calls to that host away', async () => {
    h.standIn.route('/track/429002', (_req, res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '120' }));
    const r = h.resolverFor();
    const started = Date.now();
    const first = await h.hitsDuring(() => r.resolve(linkOf('https://www.deezer.com/track/429002'), deadline()));
    expect(first.value).toMatchObject({ ok: false, reason: 'failed' });
    expect(first.hits).toEqual(['/track/429002']);
    const next = await h.hitsDuring(() => r.resolve(linkOf('https://www.deezer.com/track/3135556'), deadline()));
    expect(next.value).toMatchObject({ ok: false, reason: 'failed', detail: expect.stringMatching(/wait/) as unknown });
    expect(next.hits).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('Deezer’s quota error backs off too', async () => {
    h.standIn.route('/track/444', (_req, res) =>
      json(res, 200, { error: { type: 'Exception', message: 'Quota limit exceeded', code: 4 } }),
    );
    const r = h.resolverFor();
    expect(await r.resolve(linkOf('https://www.deezer.com/track/444'), deadline())).toMatchObject({ ok: false, reason: 'failed' });
    const { hits } = await h.hitsDuring(() => r.resolve(linkOf('https://www.deezer.com/track/3135556'), deadline()));
    expect(hits).toEqual([]);
  });

  it('a lookup shared with a message whose deadline ran out is redone for a message that still has time', async () => {
    h.standIn.route('/track/606', (_req, res) => {
      const timer = setTimeout(() => json(res, 200, { id: 606, title: 'Shared', artist: { name: 'Both' } }), 600);
      res.on('close', () => clearTimeout(timer));
    });
    const r = h.resolverFor();
    const link = linkOf('https://www.deezer.com/track/606');
    const [short, long] = await Promise.all([r.resolve(link, deadline(150)), r.resolve(link, deadline(4000))]);
    expect(short).toMatchObject({ ok: false, reason: 'timeout' });
    expect(long).toMatchObject({ ok: true, track: { title: 'Shared' } });
  });

  it('a slow server hits the message deadline; the outcome is a timeout, not a throw', async () => {
    h.standIn.route('/track/777', (_req, res) => {
      const timer = setTimeout(() => json(res, 200, {}), 5000);
      res.on('close', () => clearTimeout(timer));
    });
    const started = Date.now();
    const outcome = await h.resolverFor().resolve(linkOf('https://www.deezer.com/track/777'), deadline(400));
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('the queue per host is bounded', async () => {
    h.standIn.route('/track/888', (_req, res) => {
      const timer = setTimeout(() => json(res, 200, { id: 888, title: 'Queued', artist: { name: 'Q' } }), 300);
      res.on('close', () => clearTimeout(timer));
    });
    const r = h.resolverFor({ highWater: 2, rates: { deezer: { calls: 50, intervalMs: 5000, maxConcurrent: 1, basis: 'test' } } });
    const links = [888, 8881, 8882, 8883, 8884, 8885].map((id) => linkOf(`https://www.deezer.com/track/${id}`));
    const outcomes = await Promise.all(links.map((l) => r.resolve(l, deadline())));
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
    const r = h.resolverFor();
    const ids = Array.from({ length: 4 }, (_, i) => 900 + i);
    for (const id of ids) {
      h.standIn.route(
        `/track/${id}`,
        delayed(() => ({ id, title: `Deezer ${id}`, artist: { name: 'D' }, album: { title: 'A' } })),
      );
    }
    h.standIn.route(
      '/lookup',
      delayed((url) => ({
        resultCount: 1,
        results: [{ wrapperType: 'track', kind: 'song', trackId: Number(url.searchParams.get('id')), trackName: 'Apple', artistName: 'A' }],
      })),
    );
    h.standIn.route(
      '/oembed',
      delayed((url) => ({ version: '1.0', type: 'rich', title: `Song for ${url.searchParams.get('url') ?? ''}`, author_name: 'Someone' })),
    );
    h.standIn.route(
      '/',
      delayed(() => ({ version: '1.0', type: 'rich', title: 'Tidal song', author_name: 'T' })),
    );
    h.standIn.shortLinks.set('/many1', 'https://open.spotify.com/track/1111111111111111111111');
    h.standIn.shortLinks.set('/many2', 'https://soundcloud.com/someone/a-song');
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
    const oneDeadline = deadline(TEST_LINKS_CONFIG.deadlineMs);
    const started = Date.now();
    const outcomes: ResolveOutcome[] = await Promise.all(links.map((l) => r.resolve(l, oneDeadline)));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(TEST_LINKS_CONFIG.deadlineMs);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(19);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, reason: 'unsupported' });
  });
});
