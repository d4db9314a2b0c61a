/**
 * `/trained album:` in the core, over the real Typesense: a release's rows found by its album
 * key (edition labels and case set aside) and the artist's credit, counted per dataset, its
 * titles listed with the datasets holding them, grouped by song, and the rows as a CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albumLookup } from '../../src/core/album-lookup.js';
import type { LookupContext } from '../../src/core/context.js';
import { renderText } from '../../src/core/render-text.js';
import type { TrackRow } from '../../src/index/document.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

const yt = (id: string) => [{ platform: 'youtube' as const, id }];
const ROWS: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'hTWKbfoikeg',
    title: 'Smells Like Teen Spirit',
    artists: ['Nirvana'],
    album: 'Nevermind (Remastered)',
    platformIds: yt('hTWKbfoikeg'),
  },
  {
    dataset: 'laion-disco-12m',
    rowKey: 'vabnZ9-ex7o',
    title: 'Come As You Are',
    artists: ['Nirvana'],
    album: 'Nevermind',
    platformIds: yt('vabnZ9-ex7o'),
  },
  {
    dataset: 'spotify-tracks',
    rowKey: '5ghIJDpPoe3CfHMGu71E6T',
    title: 'Smells Like Teen Spirit',
    artists: ['Nirvana'],
    album: 'NEVERMIND (Deluxe Edition)',
  },
  { dataset: 'fma', rowKey: '77', title: 'Lithium Dreams', artists: ['Other Band'], album: 'Nevermind' },
  { dataset: 'spotify-tracks', rowKey: '4P5KoWXOxwuobLmHXLMobV', title: 'In Bloom', artists: ['Nirvana'], album: 'In Utero' },
];

let fx: FixtureIndex;
const ctx = (): LookupContext => ({ search: fx.search, signal: AbortSignal.timeout(10_000) });

beforeAll(async () => {
  fx = await fixtureIndex(ROWS);
});
afterAll(async () => {
  await fx.drop();
});

describe('album search', () => {
  it('finds every row of a release however its title is written, narrowed to the artist', async () => {
    const res = await fx.search.albumTracks({ album: 'nevermind', artist: 'nirvana' });
    expect(res.total).toBe(3);
    expect(res.datasetTotals).toEqual({ 'laion-disco-12m': 2, 'spotify-tracks': 1 });
    expect(res.matches.map((m) => m.rowKey).sort()).toEqual(['5ghIJDpPoe3CfHMGu71E6T', 'hTWKbfoikeg', 'vabnZ9-ex7o']);
    expect((await fx.search.albumTracks({ album: 'Nevermind' })).total).toBe(4);
    expect((await fx.search.albumTracks({ album: 'Never' })).total).toBe(0);
  });

  it('answers with rows per dataset, the titles present, song groups and a CSV', async () => {
    const reply = await albumLookup(ctx(), { album: 'Nevermind', artist: 'Nirvana' });
    const text = renderText(reply);
    expect(reply.tone).toBe('found');
    expect(reply.headline).toBe('Album "Nevermind" by Nirvana: 3 rows in 2 of 3 datasets: laion-disco-12m, spotify-tracks.');
    expect(text).toContain('2 titles of this album are present:');
    expect(text).toContain('  Smells Like Teen Spirit — laion-disco-12m, spotify-tracks');
    expect(text).toContain('  Come As You Are — laion-disco-12m');
    expect(reply.groups.map((g) => [g.title, g.evidence.length])).toEqual([
      ['Smells Like Teen Spirit', 2],
      ['Come As You Are', 1],
    ]);
    expect(text).toContain('Not found in fma');
    const csv = reply.attachments?.[0]?.content.split('\r\n') ?? [];
    expect(csv[0]).toBe('dataset_name,dataset,row_key,title,artists,album,url');
    expect(csv.filter((l) => l !== '')).toHaveLength(4);
  });

  it('a title alone says how many artists it gathers; an unknown album is not found, said carefully', async () => {
    const alone = renderText(await albumLookup(ctx(), { album: 'nevermind' }));
    expect(alone).toContain('These rows credit 2 artists: an album title alone can name several releases');
    const none = await albumLookup(ctx(), { album: 'Bleach', artist: 'Nirvana' });
    expect(none.tone).toBe('not-found');
    expect(renderText(none)).toMatch(/Not found in these 3 datasets as indexed on .*That does not mean it was never used for training/);
    expect((await albumLookup(ctx(), { album: '  ' })).tone).toBe('problem');
  });
});
