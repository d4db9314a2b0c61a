/**
 * Genius links, as people paste them: recognised offline; answered by the Genius id or page
 * the dataset holds (basis `id`), end to end through `trained lookup` on an index the real
 * builder made from the bundled Sleeping-DISCO-9M sample; and, when no dataset holds the
 * page, resolved on genius.com (a local stand-in here) through the safe fetcher, whose song
 * id is looked up in turn.
 */
import { COMMANDS } from '../../commands/index.js';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSearchKey } from '../../index-builder/collection.js';
import { buildSampleIndex } from '../../index-builder/sample.js';
import { extractLinks } from '../../src/links/extract.js';
import { createBot } from '../../src/core/bot.js';
import { createLinkResolver } from '../../src/links/resolve/index.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { silentLogger } from '../../src/log.js';
import { PLACE, testConfig, USER } from '../helpers/core-fixture.js';
import { repoRoot } from '../helpers/index-builder-cli.js';
import { adminClient, dropAliasAndCollection, uniqueName } from '../helpers/typesense.js';
import { deadline, linkOf, startResolverHarness, TEST_LINKS_CONFIG, type ResolverHarness } from '../stand-ins/platforms/harness.js';

describe('recognised offline', () => {
  it.each([
    ['https://genius.com/Tyler-the-creator-see-you-again-lyrics', 'track', 'tyler-the-creator-see-you-again-lyrics'],
    ['genius.com/Kendrick-lamar-humble-lyrics.', 'track', 'kendrick-lamar-humble-lyrics'],
    ['https://www.genius.com/Bts-spring-day-lyrics?utm_source=x#note-1', 'track', 'bts-spring-day-lyrics'],
    ['https://genius.com/songs/3039923', 'track', '3039923'],
    ['https://genius.com/albums/Kendrick-lamar/Damn', 'album', 'kendrick-lamar/damn'],
    ['https://genius.com/artists/Kendrick-lamar', 'artist', 'kendrick-lamar'],
    ['https://genius.com/8869644', 'other', undefined],
  ])('%s → %s', (text, kind, id) => {
    const [link] = extractLinks(`look: ${text}`);
    expect(link).toMatchObject({ platform: 'genius', kind });
    expect(link?.id).toBe(id);
  });

  it('ignores Genius pages that are not songs, artists or albums', () => {
    expect(extractLinks('https://genius.com/a/some-article and https://genius.com/Kendrick-lamar-humble-annotated')).toEqual([]);
  });
});

describe('answered by the id the dataset holds', () => {
  const admin = adminClient();
  const alias = uniqueName('genius');
  let env: Record<string, string>;
  let onlySleeping: string;

  beforeAll(async () => {
    await buildSampleIndex(admin, silentLogger, alias);
    const node = inject('typesense').nodes[0];
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TYPESENSE_URL: `${node?.protocol}://${node?.host}:${node?.port}`,
      TYPESENSE_API_KEY: await createSearchKey(admin, [alias]),
      TYPESENSE_ALIAS: alias,
      // Nothing here may need the network: an id the index holds is answered without it.
      RESOLVE_LINKS: 'false',
    };
    // Rick Astley's row lists two YouTube links; the second is in no other dataset.
    const rows = (await readFile(join(repoRoot, 'sample-data/sleeping-disco-9m/r.jsonl'), 'utf8')).trim().split('\n');
    const rick = rows
      .map((l) => JSON.parse(l) as { title: string; youtube_links: string[] })
      .find((r) => r.title === 'Never Gonna Give You Up');
    onlySleeping = rick?.youtube_links[1] ?? '';
  });
  afterAll(async () => {
    await dropAliasAndCollection(admin, alias);
  });

  function lookup(
    link: string,
  ): Promise<{ code: number | null; json: { matches: { dataset: string; rowId: string; basis: string; title: string }[] } }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/trained.mjs', 'lookup', '--json', link], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, json: JSON.parse(out) as never }));
    });
  }

  it('a Genius page link and a genius.com/songs/<id> link find the Sleeping-DISCO-9M row', async () => {
    for (const link of ['https://genius.com/Kendrick-lamar-humble-lyrics', 'https://genius.com/songs/3039923']) {
      const run = await lookup(link);
      expect(run.code).toBe(0);
      expect(run.json.matches).toEqual([
        expect.objectContaining({ dataset: 'sleeping-disco-9m', rowId: '3039923', basis: 'id', title: 'HUMBLE.' }),
      ]);
    }
  });

  it('a YouTube link held only in a Sleeping-DISCO-9M row’s youtube_links is found by id', async () => {
    expect(onlySleeping).toMatch(/^https:\/\/www\.youtube\.com\/watch\?v=[\w-]{11}$/);
    const run = await lookup(onlySleeping);
    // By id only in Sleeping-DISCO-9M; the other datasets hold the same song by title and artist (issue 12).
    expect(run.json.matches.filter((m) => m.basis === 'id')).toEqual([
      expect.objectContaining({ dataset: 'sleeping-disco-9m', basis: 'id', title: 'Never Gonna Give You Up' }),
    ]);
    expect(run.json.matches.filter((m) => m.basis !== 'id').every((m) => m.basis === 'exact' && m.dataset !== 'sleeping-disco-9m')).toBe(
      true,
    );
    // Its first link is LAION-DISCO-12M's row key too: both rows.
    const both = await lookup('https://youtu.be/dQw4w9WgXcQ');
    expect(
      both.json.matches
        .filter((m) => m.basis === 'id')
        .map((m) => m.dataset)
        .sort(),
    ).toEqual(['laion-disco-12m', 'sleeping-disco-9m']);
  });
});

describe('resolved on genius.com when no dataset holds the page', () => {
  let h: ResolverHarness;
  const page = (title: string, songId: string): string =>
    `<!doctype html><html><head><title>${title}</title><meta content="/songs/${songId}" name="newrelic-resource-path"></head><body>…</body></html>`;
  const html = (res: ServerResponse, body: string, status = 200): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };

  beforeAll(async () => {
    h = await startResolverHarness();
    // Genius writes "Artist – Title Lyrics | Genius Lyrics", spaces sometimes no-break.
    h.standIn.route('/Kendrick-lamar-humble-lyrics', (_q, res) =>
      html(res, page('Kendrick Lamar\u00a0– HUMBLE. Lyrics | Genius Lyrics', '3039923')),
    );
    h.standIn.route('/Nobody-nothing-lyrics', (_q, res) => html(res, 'Page not found', 404));
    h.standIn.route('/api/songs/3039923', (_q, res) => {
      const body = JSON.stringify({
        meta: { status: 200 },
        response: {
          song: {
            id: 3039923,
            title: 'HUMBLE.',
            primary_artist: { name: 'Kendrick Lamar' },
            album: { name: 'DAMN.' },
            path: '/Kendrick-lamar-humble-lyrics',
          },
        },
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const resolver = () => h.resolverFor({ endpoints: { ...h.standIn.endpoints, genius: h.standIn.origin } });

  it('a page gives title and artist, and names the song id for an id lookup', async () => {
    const { value, hits } = await h.hitsDuring(() =>
      resolver().resolve(linkOf('https://genius.com/Kendrick-lamar-humble-lyrics'), deadline()),
    );
    expect(value).toEqual({
      ok: true,
      track: {
        title: 'HUMBLE.',
        artist: 'Kendrick Lamar',
        source: 'Genius page metadata',
        resolvedLink: expect.objectContaining({ platform: 'genius', kind: 'track', id: '3039923' }),
      },
    });
    expect(hits).toEqual(['/Kendrick-lamar-humble-lyrics']);
  });

  it('a song id goes to /api/songs/{id}; a missing page is not found', async () => {
    const r = resolver();
    expect(await r.resolve(linkOf('https://genius.com/songs/3039923'), deadline())).toEqual({
      ok: true,
      track: { title: 'HUMBLE.', artist: 'Kendrick Lamar', album: 'DAMN.', source: 'Genius song API' },
    });
    expect(await r.resolve(linkOf('https://genius.com/Nobody-nothing-lyrics'), deadline())).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
  });

  it('a page renamed since the dataset was scraped is found by the song id it names', async () => {
    h.standIn.route('/Kendrick-lamar-humble-remastered-lyrics', (_q, res) =>
      html(res, page('Kendrick Lamar – HUMBLE. (Remastered) Lyrics | Genius Lyrics', '3039923')),
    );
    const admin = adminClient();
    const alias = uniqueName('genius_core');
    await buildSampleIndex(admin, silentLogger, alias);
    const { nodes } = inject('typesense');
    const bot = createBot({
      search: new TypesenseSearch({
        client: createTypesenseClient({ nodes, apiKey: await createSearchKey(admin, [alias]), timeoutMs: 5000 }),
        collection: alias,
      }),
      config: testConfig(),
      log: silentLogger,
      settings: new MemorySettingsStore(),
      commands: COMMANDS,
      resolver: resolver(),
    });
    try {
      const { reply } = await bot.handleMessage({
        text: 'https://genius.com/Kendrick-lamar-humble-remastered-lyrics',
        user: USER,
        place: PLACE,
        platform: 'console',
        surface: 'typed-links',
      });
      expect(reply?.tone).toBe('found');
      expect(reply?.body).toEqual([
        'found · https://genius.com/Kendrick-lamar-humble-remastered-lyrics: Genius page → https://genius.com/songs/3039923: same Genius id in Sleeping-DISCO-9M (row 3039923).',
      ]);
      expect(reply?.groups.flatMap((g) => g.evidence.map((e) => [e.dataset, e.rowKey, e.basis]))).toEqual([
        ['sleeping-disco-9m', '3039923', 'id'],
      ]);
    } finally {
      await bot.close();
      await dropAliasAndCollection(admin, alias);
    }
  });

  it('goes through its own limiter, and the safe fetcher: no stand-in exemption, no fetch', async () => {
    const r = resolver();
    await r.resolve(linkOf('https://genius.com/songs/3039923'), deadline());
    expect(Object.keys(r.queued())).toContain(`genius:${new URL(h.standIn.origin).host}`);
    // The default fetcher: HTTPS to allowlisted hosts only, so the stand-in's plain-HTTP loopback origin is refused.
    const strict = createLinkResolver({ config: TEST_LINKS_CONFIG, log: silentLogger, endpoints: { genius: h.standIn.origin } });
    try {
      expect(await strict.resolve(linkOf('https://genius.com/songs/3039923'), deadline())).toMatchObject({ ok: false, reason: 'failed' });
    } finally {
      await strict.close();
    }
  });
});
