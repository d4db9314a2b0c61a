/**
 * What `trained-index check` asks a server: every kind of search the bot sends, made by the
 * bot's own search port (src/search/typesense-search.ts and the plan in src/search/plan.ts),
 * never a copy of their parameters, so a change there is checked the day it is made. Each
 * probe's answer is reduced to a digest, compared with the digest Typesense 0.24.1 gave for the
 * same rows (golden-0.24.1.json). The probe rows are the bundled sample plus a few rows aimed
 * at the five differences between 0.24.1 and current releases (shared/docs/typesense.md).
 */
import type { TrackRow } from '../../src/index/document.js';
import type { SearchPort, TitleResult, TrackMatch } from '../../src/search/port.js';

/** A 24-character Chinese title is 24 tokens (Han is indexed one character per token): past 29.0's 20-word cut. */
export const CJK_TITLE = '春眠不觉晓处处闻啼鸟夜来风雨声花落知多少床前明月光';
/** Same first 20 characters, another ending: found too when a server drops the words past the 20th. */
const CJK_TWIN = '春眠不觉晓处处闻啼鸟夜来风雨声花落知多少白日依山尽';
/** One word of 110 letters: from 0.25 a filter value's words are cut to 100 characters. */
export const LONG_WORD = `${'probe'.repeat(21)}tailx`;
const LONG_TWIN = `${'probe'.repeat(21)}taily`;

/** Rows added to the bundled sample in the probe collection. */
export const PROBE_ROWS: TrackRow[] = [
  { dataset: 'spotify-tracks', rowKey: 'probecjk000000000000001', title: CJK_TITLE, artists: ['Trained Probe'] },
  { dataset: 'spotify-tracks', rowKey: 'probecjk000000000000002', title: CJK_TWIN, artists: ['Trained Probe'] },
  { dataset: 'spotify-tracks', rowKey: 'probelong00000000000001', title: LONG_WORD, artists: ['Trained Probe'] },
  { dataset: 'spotify-tracks', rowKey: 'probelong00000000000002', title: LONG_TWIN, artists: ['Trained Probe'] },
];

export interface Probe {
  name: string;
  /** Which of typesense.md's differences (1–5) it looks at, if any. */
  difference?: number;
  /** The answer as the bot reads it, reduced to what must not change between servers. */
  ask(search: SearchPort): Promise<unknown>;
}

const rows = (matches: readonly TrackMatch[]): string[] => matches.map((m) => `${m.dataset}:${m.rowKey} ${m.basis}`).sort();
const sorted = (counts: Readonly<Record<string, number>>): string[] =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .sort();
const titleDigest = (r: TitleResult): unknown => ({
  rows: rows(r.matches),
  exactTotal: r.exactTotal,
  datasets: sorted(r.datasetTotals),
  more: r.hasMore,
});

/** 40 words of credit: too long for an exact filter, so the plan reads the title's rows instead (role `title-rows`). */
export const LONG_CREDIT = Array.from({ length: 40 }, (_, i) => `M${i}`).join(' ');

export const PROBES: Probe[] = [
  {
    name: 'title and artist (exact)',
    ask: async (s) => titleDigest(await s.searchTracks({ title: 'Bohemian Rhapsody', artist: 'Queen' })),
  },
  { name: 'title alone', ask: async (s) => titleDigest(await s.searchTracks({ title: 'Bohemian Rhapsody' })) },
  {
    name: 'misspelt title and artist (fuzzy candidates)',
    difference: 1,
    ask: async (s) => titleDigest(await s.searchTracks({ title: 'Bohemain Rapsody', artist: 'Quen' })),
  },
  {
    name: 'misspelt title alone (fuzzy candidates)',
    difference: 1,
    ask: async (s) => titleDigest(await s.searchTracks({ title: 'Despasito' })),
  },
  {
    name: 'a credit of several artists',
    ask: async (s) => titleDigest(await s.searchTracks({ title: 'Uptown Funk', artist: 'Mark Ronson feat. Bruno Mars' })),
  },
  {
    name: 'one dataset, second page',
    ask: async (s) =>
      titleDigest(await s.searchTracks({ title: 'Never Gonna Give You Up', dataset: 'laion-disco-12m', page: 2, perPage: 1 })),
  },
  {
    name: 'linked title searched in every dataset (no candidates)',
    ask: async (s) => titleDigest(await s.searchTracks({ title: 'Shape of You', artist: 'Ed Sheeran', candidates: false })),
  },
  {
    name: 'a credit too long to filter on',
    ask: async (s) => titleDigest(await s.searchTracks({ title: 'Despacito', artist: LONG_CREDIT })),
  },
  {
    name: 'a 24-character CJK title',
    difference: 3,
    ask: async (s) => titleDigest(await s.searchTracks({ title: CJK_TITLE, artist: 'Trained Probe' })),
  },
  {
    name: 'a filter value ending in *',
    difference: 4,
    ask: async (s) => ({
      title: titleDigest(await s.searchTracks({ title: 'Despacito*', artist: 'Luis Fonsi*' })),
      id: rows(await s.lookupByPlatformId('fma', '1234*')),
    }),
  },
  { name: 'a word over 100 characters', difference: 5, ask: async (s) => titleDigest(await s.searchTracks({ title: LONG_WORD })) },
  { name: 'YouTube id', ask: async (s) => rows(await s.lookupByPlatformId('youtube', 'dQw4w9WgXcQ')) },
  { name: 'Spotify id', ask: async (s) => rows(await s.lookupByPlatformId('spotify', '4PTG3Z6ehGkBFwjybzWkR8')) },
  { name: 'title autocomplete', difference: 1, ask: async (s) => s.suggest('bohem', 'title') },
  { name: 'artist autocomplete', difference: 1, ask: async (s) => s.suggest('ed she', 'artist') },
  {
    name: 'artist coverage',
    ask: async (s) => {
      const c = await s.artistCoverage('Ed Sheeran');
      return { total: c.totalRows, datasets: sorted(c.rowsByDataset), titles: c.distinctTitles, partial: c.partial };
    },
  },
  { name: 'artist export', ask: async (s) => rows(await s.artistTracks('Ed Sheeran')) },
  {
    name: 'index info',
    ask: async (s) => ((await s.indexInfo())?.datasets ?? []).map((d) => `${d.id} ${d.rows}`).sort(),
  },
];
