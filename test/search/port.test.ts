/** TypesenseSearch against the real server: id lookups, title search, suggestions, artist coverage, index info, the search key, faults. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackRow } from '../../src/index/document.js';
import { INDEX_INFO_ID } from '../../src/index/schema.js';
import { SearchUnavailableError } from '../../src/search/port.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { inject } from 'vitest';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

const yt = (id: string) => [{ platform: 'youtube' as const, id }];
const rows: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'dQw4w9WgXcQ',
    title: 'Never Gonna Give You Up',
    artists: ['Rick Astley'],
    album: 'Whenever You Need Somebody',
    platformIds: yt('dQw4w9WgXcQ'),
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  },
  {
    dataset: 'laion-disco-12m',
    rowKey: 'fJ9rUzIMcZQ',
    title: 'Bohemian Rhapsody (Remastered 2011)',
    artists: ['Queen'],
    platformIds: yt('fJ9rUzIMcZQ'),
  },
  {
    dataset: 'laion-disco-12m',
    rowKey: 'live0000001',
    title: 'Bohemian Rhapsody (Live Aid)',
    artists: ['Queen'],
    platformIds: yt('live0000001'),
  },
  { dataset: 'sleeping-disco-9m', rowKey: 'fJ9rUzIMcZQ', title: 'Bohemian Rhapsody', artists: ['Queen'], platformIds: yt('fJ9rUzIMcZQ') },
  {
    dataset: 'spotify-tracks',
    rowKey: '7tFiyTwD0nx5a1eklYtX2J',
    title: 'Bohemian Rhapsody - Remastered 2011',
    artists: ['Queen'],
    platformIds: [{ platform: 'spotify', id: '7tFiyTwD0nx5a1eklYtX2J' }],
  },
  {
    dataset: 'spotify-tracks',
    rowKey: '4u7EnebtmKWzUH433cf5Qv',
    title: 'Bohemian Rhapsody',
    artists: ['Panic! At The Disco'],
    platformIds: [{ platform: 'spotify', id: '4u7EnebtmKWzUH433cf5Qv' }],
  },
  {
    dataset: 'spotify-tracks',
    rowKey: '2ZWlPOoWh0626oTaHrnl2a',
    title: "Don't Stop Me Now",
    artists: ['Queen'],
    platformIds: [{ platform: 'spotify', id: '2ZWlPOoWh0626oTaHrnl2a' }],
  },
  {
    dataset: 'fma',
    rowKey: '2',
    title: 'Food',
    artists: ['AWOL'],
    album: 'AWOL - A Way Of Life',
    platformIds: [
      { platform: 'fma', id: '2' },
      { platform: 'fma', id: 'AWOL/AWOL_-_A_Way_Of_Life/Food' },
    ],
  },
  {
    dataset: 'fma',
    rowKey: '10',
    title: 'Freeway',
    artists: ['Kurt Vile'],
    album: 'Constant Hitmaker',
    platformIds: [{ platform: 'fma', id: '10' }],
  },
  { dataset: 'laion-disco-12m', rowKey: 'x8VYWazR5mE', title: '夜に駆ける', artists: ['YOASOBI'], platformIds: yt('x8VYWazR5mE') },
  { dataset: 'laion-disco-12m', rowKey: 'gdZLi9oWNZg', title: 'Dynamite', artists: ['BTS'], platformIds: yt('gdZLi9oWNZg') },
  { dataset: 'laion-disco-12m', rowKey: 'kor00000001', title: '봄날', artists: ['방탄소년단'], platformIds: yt('kor00000001') },
  { dataset: 'laion-disco-12m', rowKey: 'chi00000001', title: '月亮代表我的心', artists: ['鄧麗君'], platformIds: yt('chi00000001') },
  { dataset: 'laion-disco-12m', rowKey: 'rus00000001', title: 'Группа крови', artists: ['Кино'], platformIds: yt('rus00000001') },
  {
    dataset: 'laion-disco-12m',
    rowKey: 'ara00000001',
    title: 'حبيبي يا نور العين',
    artists: ['عمرو دياب'],
    platformIds: yt('ara00000001'),
  },
  { dataset: 'laion-disco-12m', rowKey: 'heb00000001', title: 'הללויה', artists: ['גלי עטרי'], platformIds: yt('heb00000001') },
  {
    dataset: 'spotify-tracks',
    rowKey: 'inject00000000000000001',
    title: 'Secret',
    artists: ['Hidden'],
    platformIds: [{ platform: 'spotify', id: 'inject00000000000000001' }],
  },
];

// 60 tokens once normalised: on 0.24.1 an exact string[] filter with such a value stalls the server.
const LONG_ARTIST = Array.from({ length: 300 }, (_, i) =>
  String.fromCodePoint([0x1f3b5, 0x00e9, 0x4e2d, 0x0634, 0x005b][i % 5] ?? 0x61),
).join('');
rows.push({
  dataset: 'fma',
  rowKey: '77',
  title: LONG_ARTIST,
  artists: [LONG_ARTIST],
  platformIds: [{ platform: 'fma', id: '77' }],
});

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(rows);
});
afterAll(async () => {
  await fx.drop();
});

describe('lookupByPlatformId', () => {
  it('finds every row that carries a YouTube id, across datasets', async () => {
    const matches = await fx.search.lookupByPlatformId('youtube', 'fJ9rUzIMcZQ');
    expect(matches.map((m) => m.dataset).sort()).toEqual(['laion-disco-12m', 'sleeping-disco-9m']);
    expect(matches.every((m) => m.basis === 'id' && m.rowKey === 'fJ9rUzIMcZQ')).toBe(true);
  });
  it('finds Spotify and FMA ids, and nothing for an unknown id', async () => {
    expect((await fx.search.lookupByPlatformId('spotify', '7tFiyTwD0nx5a1eklYtX2J'))[0]?.title).toBe('Bohemian Rhapsody - Remastered 2011');
    const fma = await fx.search.lookupByPlatformId('fma', '2');
    expect(fma).toHaveLength(1);
    expect(fma[0]).toMatchObject({ dataset: 'fma', rowKey: '2', title: 'Food', artists: ['AWOL'], album: 'AWOL - A Way Of Life' });
    expect(await fx.search.lookupByPlatformId('youtube', 'AAAAAAAAAAA')).toEqual([]);
  });
  it('finds a row by an id that is not its row key (an FMA track path)', async () => {
    const byPath = await fx.search.lookupByPlatformId('fma', 'AWOL/AWOL_-_A_Way_Of_Life/Food');
    expect(byPath.map((m) => `${m.dataset}:${m.rowKey}`)).toEqual(['fma:2']);
  });
  it('stores no platform token for an id that is the row key (RAM), yet finds it', async () => {
    const doc = (await fx.admin.collections(fx.collection).documents('laion-disco-12m:dQw4w9WgXcQ').retrieve()) as {
      platform_ids?: string[];
    };
    expect(doc.platform_ids).toBeUndefined();
    const fma = (await fx.admin.collections(fx.collection).documents('fma:2').retrieve()) as { platform_ids?: string[] };
    expect(fma.platform_ids).toEqual(['fma:AWOL/AWOL_-_A_Way_Of_Life/Food']);
  });
  it('treats an id as a value, never as filter syntax', async () => {
    for (const hostile of ['x` || dataset:=`spotify-tracks', 'x] || platform_ids:!=[`a', '*', 'a && b', '`']) {
      expect(await fx.search.lookupByPlatformId('spotify', hostile)).toEqual([]);
    }
  });
});

describe('searchTracks', () => {
  it('labels same normalised title and artist as exact, across noise suffixes', async () => {
    const { matches } = await fx.search.searchTracks({ title: 'bohemian rhapsody (official video)', artist: 'QUEEN' });
    const exact = matches.filter((m) => m.basis === 'exact');
    expect(exact.map((m) => `${m.dataset}:${m.rowKey}`).sort()).toEqual([
      'laion-disco-12m:fJ9rUzIMcZQ',
      'sleeping-disco-9m:fJ9rUzIMcZQ',
      'spotify-tracks:7tFiyTwD0nx5a1eklYtX2J',
    ]);
    // The live version and the cover by another artist are candidates, never exact.
    const fuzzy = matches.filter((m) => m.basis === 'fuzzy').map((m) => m.rowKey);
    expect(fuzzy).toContain('live0000001');
    expect(fuzzy).toContain('4u7EnebtmKWzUH433cf5Qv');
    expect(matches.find((m) => m.rowKey === 'live0000001')?.version).toBe('live aid');
  });
  it('ranks a candidate by the same artist above one by another artist', async () => {
    const { matches } = await fx.search.searchTracks({ title: 'Bohemian Rapsody', artist: 'Queen' });
    expect(matches.every((m) => m.basis === 'fuzzy')).toBe(true);
    expect(matches[0]?.artists).toEqual(['Queen']);
  });
  it('tolerates typos and returns nothing for unrelated text', async () => {
    const { matches } = await fx.search.searchTracks({ title: 'Never Gona Give You Up' });
    expect(matches[0]?.rowKey).toBe('dQw4w9WgXcQ');
    expect(matches[0]?.basis).toBe('fuzzy');
    expect((await fx.search.searchTracks({ title: 'zzqx completely unrelated words' })).matches).toEqual([]);
  });
  it("without an artist, the same title is never exact: every artist's row has the title basis", async () => {
    const res = await fx.search.searchTracks({ title: 'Bohemian Rhapsody' });
    expect(res.matches.filter((m) => m.basis === 'exact')).toEqual([]);
    const artists = res.matches.filter((m) => m.basis === 'title').map((m) => m.artists[0]);
    expect(artists.sort()).toEqual(['Panic! At The Disco', 'Queen', 'Queen', 'Queen']);
    expect(res.exactTotal).toBe(4);
    expect(res.datasetTotals).toEqual({ 'laion-disco-12m': 1, 'sleeping-disco-9m': 1, 'spotify-tracks': 2 });
  });
  it('restricts to one dataset and pages through exact matches', async () => {
    const scoped = await fx.search.searchTracks({ title: 'Bohemian Rhapsody', dataset: 'spotify-tracks' });
    expect(new Set(scoped.matches.map((m) => m.dataset))).toEqual(new Set(['spotify-tracks']));
    const page1 = await fx.search.searchTracks({ title: 'Bohemian Rhapsody', perPage: 3 });
    expect(page1.hasMore).toBe(true);
    const page2 = await fx.search.searchTracks({ title: 'Bohemian Rhapsody', perPage: 3, page: 2 });
    expect(page2.hasMore).toBe(false);
    expect(page2.matches.filter((m) => m.basis === 'title')).toHaveLength(1);
    // Totals count every row, not the page.
    expect(page2.exactTotal).toBe(4);
    expect(page2.datasetTotals).toEqual({ 'laion-disco-12m': 1, 'sleeping-disco-9m': 1, 'spotify-tracks': 2 });
  });
  it.each([
    ['夜に駆ける', 'x8VYWazR5mE'],
    ['駆ける', 'x8VYWazR5mE'],
    ['봄날', 'kor00000001'],
    ['月亮代表我的心', 'chi00000001'],
    ['группа крови', 'rus00000001'],
    ['حبيبي يا نور العين', 'ara00000001'],
    ['הללויה', 'heb00000001'],
  ])('finds the non-Latin title %s', async (title, rowKey) => {
    const { matches } = await fx.search.searchTracks({ title });
    expect(matches.map((m) => m.rowKey)).toContain(rowKey);
  });
  it('keeps filter syntax in user text inert', async () => {
    for (const hostile of ['Secret` || dataset:=`spotify-tracks', 'x && dataset:=spotify-tracks', '`) || (title_norm:=`secret']) {
      const { matches } = await fx.search.searchTracks({ title: hostile, artist: 'nobody` || artists_norm:=[`hidden' });
      expect(matches.filter((m) => m.basis === 'exact')).toEqual([]);
    }
    expect((await fx.search.searchTracks({ title: 'Bohemian Rhapsody', dataset: 'fma` || dataset:=`spotify-tracks' })).matches).toEqual([]);
  });
  it('answers oversized and empty queries without error', async () => {
    const huge = 'bohemian rhapsody '.repeat(5000);
    await expect(fx.search.searchTracks({ title: huge, artist: 'queen '.repeat(5000) })).resolves.toBeDefined();
    const nothing = { matches: [], exactTotal: 0, datasetTotals: {}, hasMore: false };
    expect(await fx.search.searchTracks({ title: '' })).toEqual(nothing);
    expect(await fx.search.searchTracks({ title: '!!! ???' })).toEqual(nothing);
  });
});

describe('suggest', () => {
  it('suggests titles and artists by prefix', async () => {
    expect(await fx.search.suggest('bohem', 'title')).toEqual(expect.arrayContaining(['Bohemian Rhapsody']));
    expect(await fx.search.suggest('kurt v', 'artist')).toEqual(['Kurt Vile']);
    expect(await fx.search.suggest('', 'title')).toEqual([]);
    expect((await fx.search.suggest('b', 'title', 2)).length).toBeLessThanOrEqual(2);
  });
});

describe('artist coverage', () => {
  it('counts rows per dataset and distinct titles', async () => {
    const cov = await fx.search.artistCoverage('queen');
    expect(cov.totalRows).toBe(5);
    expect(cov.rowsByDataset).toEqual({ 'laion-disco-12m': 2, 'sleeping-disco-9m': 1, 'spotify-tracks': 2 });
    expect(cov.distinctTitles).toBe(2); // Bohemian Rhapsody (all versions) and Don't Stop Me Now
    expect(cov.topTitles[0]).toMatchObject({ rows: 4 });
    expect(cov.partial).toBe(false);
    expect((await fx.search.artistTracks('Queen')).length).toBe(5);
    expect((await fx.search.artistCoverage('nobody at all')).totalRows).toBe(0);
  });
});

describe('very long artist names', () => {
  it('are matched without an exact filter that would stall Typesense 0.24.1', async () => {
    const cov = await fx.search.artistCoverage(LONG_ARTIST);
    expect(cov.totalRows).toBe(1);
    expect(cov.rowsByDataset).toEqual({ fma: 1 });
    expect((await fx.search.artistTracks(LONG_ARTIST)).map((m) => m.rowKey)).toEqual(['77']);
    const { matches } = await fx.search.searchTracks({ title: LONG_ARTIST, artist: LONG_ARTIST });
    expect(matches.find((m) => m.rowKey === '77')?.basis).toBe('exact');
    // Another artist with the same long title is not exact.
    const other = await fx.search.searchTracks({ title: LONG_ARTIST, artist: `x ${LONG_ARTIST}` });
    expect(other.matches.filter((m) => m.basis === 'exact')).toEqual([]);
  });
});

describe('index info', () => {
  it('is not remembered while missing: a build that lands is seen at once, a present one is reused', async () => {
    const search = new TypesenseSearch({
      client: createTypesenseClient({ nodes: inject('typesense').nodes, apiKey: fx.searchKey, timeoutMs: 5000 }),
      collection: fx.alias,
      infoTtlMs: 60_000,
    });
    const stored = await fx.admin.collections(fx.collection).documents(INDEX_INFO_ID).retrieve();
    await fx.admin.collections(fx.collection).documents(INDEX_INFO_ID).delete();
    try {
      expect(await search.indexInfo()).toBeUndefined();
    } finally {
      await fx.admin.collections(fx.collection).documents().upsert(stored);
    }
    expect((await search.indexInfo())?.builtAt).toBe('2026-11-01T00:00:00.000Z');
    // Present: reused for the TTL, without asking the server again.
    await fx.admin.collections(fx.collection).documents(INDEX_INFO_ID).delete();
    try {
      expect((await search.indexInfo())?.builtAt).toBe('2026-11-01T00:00:00.000Z');
    } finally {
      await fx.admin.collections(fx.collection).documents().upsert(stored);
    }
  });
  it('reads datasets, counts and build time from the index', async () => {
    const info = await fx.search.indexInfo();
    expect(info?.builtAt).toBe('2026-11-01T00:00:00.000Z');
    expect(info?.datasets.find((d) => d.id === 'fma')?.rows).toBe(3);
  });
  it('never returns the info document as a match', async () => {
    expect((await fx.search.searchTracks({ title: '__index_info__' })).matches).toEqual([]);
    expect((await fx.search.artistCoverage('__meta__')).totalRows).toBe(0);
  });
});

describe('the search key', () => {
  it('cannot write', async () => {
    const { nodes } = inject('typesense');
    const client = createTypesenseClient({ nodes, apiKey: fx.searchKey, timeoutMs: 2000, retries: 0 });
    await expect(client.collections(fx.alias).documents().create({ id: 'x', dataset: 'x' })).rejects.toMatchObject({ httpStatus: 401 });
    await expect(client.collections(fx.collection).delete()).rejects.toMatchObject({ httpStatus: 401 });
  });
});

describe('faults', () => {
  it('reports an unreachable server and a bad key as SearchUnavailableError', async () => {
    const down = new TypesenseSearch({
      client: createTypesenseClient({ nodes: [{ host: '127.0.0.1', port: 1, protocol: 'http' }], apiKey: 'x', timeoutMs: 300, retries: 0 }),
    });
    await expect(down.searchTracks({ title: 'x' })).rejects.toMatchObject({ name: 'SearchUnavailableError', reason: 'unreachable' });
    const { nodes } = inject('typesense');
    const badKey = new TypesenseSearch({
      client: createTypesenseClient({ nodes, apiKey: 'wrong', timeoutMs: 2000, retries: 0 }),
      collection: fx.alias,
    });
    await expect(badKey.lookupByPlatformId('youtube', 'dQw4w9WgXcQ')).rejects.toBeInstanceOf(SearchUnavailableError);
    const noIndex = new TypesenseSearch({ client: fx.admin, collection: 'no_such_alias' });
    await expect(noIndex.searchTracks({ title: 'x' })).rejects.toMatchObject({ reason: 'no-index' });
    expect(await noIndex.indexInfo()).toBeUndefined();
  });
});
