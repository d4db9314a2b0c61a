/**
 * Link resolution figures, against the local platform stand-in (no network):
 * - one message of 10 links over 7 platforms, cold cache, upstream answering in 40 ms;
 * - the same message warm (every link cached);
 * - the safe fetcher's own cost per request next to a plain http.get of the same URL;
 * - reading the metadata of a 2 MB page (Bandcamp/TIDAL readers).
 * `npm run bench -- links`
 */
import { get } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { LinksConfig } from '../src/config.js';
import { extractLinks } from '../src/links/extract.js';
import { createLinkResolver } from '../src/links/resolve/index.js';
import { parseBandcampPage } from '../src/links/resolve/parse.js';
import { silentLogger } from '../src/log.js';
import { ENDPOINT_NAMES } from '../src/net/allowlist.js';
import { createSafeFetcher } from '../src/net/safe-fetch.js';
import { json, startPlatformStandIn } from '../test/stand-ins/platforms/server.js';
import type { BenchContext } from './run.js';
import { percentile } from './stats.js';

const CONFIG: LinksConfig = { resolve: true, deadlineMs: 4000, skipKeyword: '!notrained', dedupWindowMs: 0 };
const UPSTREAM_MS = 40;

const MESSAGE = [
  'https://www.deezer.com/track/3135556',
  'https://www.deezer.com/track/3135557',
  'https://music.apple.com/us/album/x/1?i=2001',
  'https://youtu.be/BBBBBBBBBBB',
  'https://open.spotify.com/track/2222222222222222222222',
  'https://soundcloud.com/forss/another',
  'https://tidal.com/browse/track/1234',
  'https://lenatides.bandcamp.com/track/the-river-song',
  'https://spotify.link/bench1',
  'https://music.amazon.com/tracks/B008CAB4AA',
].join(' ');

function plainGet(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

export default async function bench(ctx: BenchContext): Promise<void> {
  const standIn = await startPlatformStandIn();
  const origin = standIn.origin;
  const delayed = (body: (url: URL) => unknown) => (_req: unknown, res: ServerResponse, url: URL) => {
    const timer = setTimeout(() => json(res, 200, body(url)), UPSTREAM_MS);
    res.on('close', () => clearTimeout(timer));
  };
  standIn.route(
    '/lookup',
    delayed((u) => ({
      resultCount: 1,
      results: [{ wrapperType: 'track', trackId: Number(u.searchParams.get('id')), trackName: 'A', artistName: 'B' }],
    })),
  );
  standIn.route(
    '/oembed',
    delayed(() => ({ version: '1.0', type: 'rich', title: 'Artist - Song', author_name: 'Artist' })),
  );
  standIn.route(
    '/',
    delayed(() => ({ version: '1.0', type: 'rich', title: 'Song', author_name: 'Artist' })),
  );
  for (const id of ['3135556', '3135557'])
    standIn.route(
      `/track/${id}`,
      delayed(() => ({ id, title: 'Song', artist: { name: 'A' } })),
    );
  standIn.shortLinks.set('/bench1', 'https://open.spotify.com/track/4u7EnebtmKWzUH433cf5Qv');
  const { endpoints, fetcherStandIns: standIns } = standIn;
  const links = extractLinks(MESSAGE, 50);
  const rounds = Math.max(5, Math.round(30 * ctx.scale));
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      // Rates raised so that the bench measures latency, not the published limits.
      const rates = Object.fromEntries(
        ENDPOINT_NAMES.map((e) => [e, { calls: 10_000, intervalMs: 60_000, maxConcurrent: 8, basis: 'bench' }]),
      );
      const resolver = createLinkResolver({
        config: CONFIG,
        log: silentLogger,
        fetcher: createSafeFetcher({ testStandIns: standIns }),
        endpoints,
        rates,
      });
      let t = performance.now();
      const outcomes = await Promise.all(links.map((l) => resolver.resolve(l, AbortSignal.timeout(CONFIG.deadlineMs))));
      cold.push(performance.now() - t);
      if (outcomes.filter((o) => o.ok).length !== links.length - 1) throw new Error(`unexpected outcomes: ${JSON.stringify(outcomes)}`);
      t = performance.now();
      await Promise.all(links.map((l) => resolver.resolve(l, AbortSignal.timeout(CONFIG.deadlineMs))));
      warm.push(performance.now() - t);
      await resolver.close();
    }
    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    console.log(
      `message of ${links.length} links, ${new Set(links.map((l) => l.platform)).size} platforms, upstream ${UPSTREAM_MS} ms, ${rounds} rounds`,
    );
    console.log(`  cold: p50 ${ms(percentile(cold, 50))}, p95 ${ms(percentile(cold, 95))} (deadline ${CONFIG.deadlineMs} ms)`);
    console.log(`  warm (cached): p50 ${ms(percentile(warm, 50))}, p95 ${ms(percentile(warm, 95))}`);

    standIn.route('/plain', (_req, res) => json(res, 200, { ok: true }));
    const fetcher = createSafeFetcher({ testStandIns: standIns });
    const n = Math.max(50, Math.round(500 * ctx.scale));
    const signal = new AbortController().signal;
    // Warm both paths first, then measure them alternately.
    for (let i = 0; i < 20; i += 1) {
      await plainGet(`${origin}/plain`);
      await fetcher.get({ endpoint: 'deezer', url: `${origin}/plain`, signal });
    }
    let t = performance.now();
    for (let i = 0; i < n; i += 1) await plainGet(`${origin}/plain`);
    const plain = (performance.now() - t) / n;
    t = performance.now();
    for (let i = 0; i < n; i += 1) await fetcher.get({ endpoint: 'deezer', url: `${origin}/plain`, signal });
    const safe = (performance.now() - t) / n;
    console.log(
      `safe fetcher: ${ms(safe)} per request vs plain http.get ${ms(plain)} (×${(safe / plain).toFixed(2)}, ${n} sequential requests each)`,
    );

    const page = `<html><head><meta property="og:title" content="T, by A">${'<meta name="x" content="y">'.repeat(2000)}</head><body>${'x'.repeat(2 * 1024 * 1024)}</body></html>`;
    t = performance.now();
    for (let i = 0; i < 20; i += 1) parseBandcampPage(page);
    console.log(`reading a ${(page.length / 1024 / 1024).toFixed(1)} MB page: ${ms((performance.now() - t) / 20)}`);
  } finally {
    await standIn.close();
  }
}
