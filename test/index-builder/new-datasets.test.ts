/**
 * Datasets added by descriptor files alone: MusicCaps (a CSV of YouTube clip windows, no title
 * or artist) and MTG-Jamendo (a TSV whose tags run past the header, names joined from
 * raw.meta.tsv), built from fixtures in their published layouts into the real Typesense and
 * answered by link; a dataset described by a file in a temporary directory; publisher contacts
 * that exist only with the source that documents them.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../index-builder/build.js';
import { createSearchKey } from '../../index-builder/collection.js';
import { descriptorProblems } from '../../index-builder/datasets/descriptor-problems.js';
import { DESCRIPTOR_DIR, loadDescriptors } from '../../index-builder/datasets/index.js';
import { COMMANDS } from '../../commands/index.js';
import { createBot } from '../../src/core/bot.js';
import { renderText } from '../../src/core/render-text.js';
import type { LinkMessage } from '../../src/core/types.js';
import { silentLogger } from '../../src/log.js';
import type { TypesenseSearch } from '../../src/search/typesense-search.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import { invoke, linkReplyOf, PLACE, replyOf, testConfig, USER } from '../helpers/core-fixture.js';
import { admin, build as buildFixtures, dropAliases, fixture, rejects, searchOn } from './build-setup.js';

/** A build of the fixtures (with the descriptors of `descriptorsDir` when given), and a search port on it. */
async function build(
  sources: { dataset: string; location: string }[],
  descriptorsDir?: string,
): Promise<{ report: BuildReport; search: TypesenseSearch }> {
  const extra = descriptorsDir === undefined ? {} : { descriptors: await loadDescriptors(descriptorsDir) };
  const { report, alias } = await buildFixtures(sources, extra);
  return { report, search: searchOn(alias, await createSearchKey(admin, [alias])) };
}

afterAll(dropAliases);

describe('MusicCaps and MTG-Jamendo, from their descriptors and fixtures in the published layouts', () => {
  let report: BuildReport;
  let search: TypesenseSearch;

  beforeAll(async () => {
    ({ report, search } = await build([
      { dataset: 'musiccaps', location: fixture('musiccaps') },
      { dataset: 'mtg-jamendo', location: fixture('mtg-jamendo') },
    ]));
  });

  it('MusicCaps: rows without a title kept by their YouTube id and clip window; bad ids and windows rejected', async () => {
    expect(report.sources[0]).toMatchObject({ dataset: 'musiccaps', read: 5, imported: 3, rejected: 2 });
    expect(rejects(report, 0)).toEqual({
      'invalid youtube id': ['musiccaps-public.csv:4'],
      'invalid clip window': ['musiccaps-public.csv:5'],
    });
    const [row] = await search.lookupByPlatformId('youtube', '-0Gj8-vB1q4');
    expect(row).toMatchObject({
      dataset: 'musiccaps',
      rowKey: '-0Gj8-vB1q4',
      title: '',
      artists: [],
      clip: { start: 30, end: 40 },
      url: 'https://www.youtube.com/watch?v=-0Gj8-vB1q4&t=30s',
    });
  });

  it('MTG-Jamendo: tags past the header read as one list; names from raw.meta.tsv, quotes as text; a Jamendo track number per row', async () => {
    expect(report.sources[1]).toMatchObject({ dataset: 'mtg-jamendo', read: 5, imported: 4, rejected: 1 });
    expect(rejects(report, 1)).toEqual({ 'wrong number of columns (2, expected at least 5)': ['raw_30s.tsv:5'] });
    expect(await search.lookupByPlatformId('jamendo', '214')).toMatchObject([
      {
        rowKey: 'track_0000214',
        title: 'Intro chiante',
        artists: ['Fixture Artist One'],
        album: 'Fixture Album',
        url: 'https://www.jamendo.com/track/214',
        duration: 125,
      },
    ]);
    // An unmatched quote in a title is text, not the start of a cell that swallows the next lines.
    expect((await search.lookupByPlatformId('jamendo', '215'))[0]?.title).toBe('"Dawn, 12" Mix');
    expect((await search.lookupByPlatformId('jamendo', '217'))[0]?.title).toBe('Morning Tide');
    // raw.meta.tsv's row with an extra empty cell gives no names: the track is still found by its link.
    expect(await search.lookupByPlatformId('jamendo', '216')).toMatchObject([{ rowKey: 'track_0000216', title: '', artists: [] }]);
    const byTitle = await search.searchTracks({ title: 'Intro chiante', artist: 'Fixture Artist One' });
    expect(byTitle.matches.map((m) => [m.dataset, m.rowKey, m.basis])).toEqual([['mtg-jamendo', 'track_0000214', 'exact']]);
  });

  it('answers a YouTube link as a clip of that video, and a Jamendo link by its track number with the publisher contact', async () => {
    const bot = createBot({ search, config: testConfig(), log: silentLogger, settings: new MemorySettingsStore(), commands: COMMANDS });
    try {
      // Asked about (the message's context menu): "not found" is an answer too.
      const message = (text: string): LinkMessage => ({
        text,
        user: USER,
        place: PLACE,
        platform: PLACE.platform,
        surface: 'message-action',
      });
      const clip = await linkReplyOf(bot, message('https://youtu.be/-0Gj8-vB1q4'));
      const clipText = renderText(clip ?? { tone: 'info', headline: '', groups: [], notes: [], actions: [] });
      expect(clip?.tone).toBe('found');
      expect(clipText).toContain('present in MusicCaps (row -0Gj8-vB1q4): a 10-second clip (0:30–0:40) of this video');
      expect(clipText).toContain('the row names no title, so other datasets were not searched by title');
      // The MusicCaps card documents no contact: nothing is said.
      expect(clipText).not.toMatch(/publisher of MusicCaps/);

      const jam = await linkReplyOf(bot, message('https://www.jamendo.com/track/214/intro-chiante'));
      const jamText = renderText(jam ?? { tone: 'info', headline: '', groups: [], notes: [], actions: [] });
      expect(jamText).toContain('present in MTG-Jamendo (row track_0000214)');
      expect(jamText).toContain('The publisher of MTG-Jamendo lists this contact: https://github.com/MTG/mtg-jamendo-dataset/issues');
      const missing = await linkReplyOf(bot, message('https://www.jamendo.com/en/track/999999'));
      expect(missing?.tone).toBe('not-found');
      // The list export carries the same route, in its own column, for the datasets holding the song only.
      const list = await replyOf(bot, invoke('list', { lines: 'https://www.jamendo.com/track/214\nhttps://youtu.be/-0Gj8-vB1q4' }));
      const csv = list.attachments?.[0]?.content.split('\r\n') ?? [];
      expect(csv[0]?.endsWith(',note,publisher contact')).toBe(true);
      expect(csv[1]).toMatch(/,found,.*,MTG-Jamendo: https:\/\/github\.com\/MTG\/mtg-jamendo-dataset\/issues$/);
      expect(csv[2]).toMatch(/musiccaps:-0Gj8-vB1q4,id,found,.*,$/);
    } finally {
      await bot.close();
    }
  });
});

describe('a further dataset is a descriptor file', () => {
  it('a TSV dataset described in a temporary directory builds and answers, with no code for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trained-descriptor-file-'));
    try {
      await writeFile(
        join(dir, 'tagged-tunes.json'),
        JSON.stringify({
          id: 'tagged-tunes',
          name: 'Tagged Tunes',
          publisher: 'Test',
          licence: 'CC0',
          homepage: 'https://example.org',
          version: 'tunes.tsv',
          claimedRows: 3,
          description: 'Three tagged tunes that show a new dataset needs a descriptor file only.',
          format: { type: 'tsv', file: 'tunes.tsv', trailing: 'TAGS' },
          mapping: {
            rowKey: 'ID',
            title: { column: 'NAME', optional: true },
            artists: { column: 'BY', separator: '|' },
            platformIds: [{ platform: 'jamendo', column: 'ID', pattern: '^tune-([0-9]+)$' }],
          },
        }),
      );
      await writeFile(join(dir, 'tunes.tsv'), 'ID\tNAME\tBY\tTAGS\ntune-7\tSeven Seas\tAda|Bo\trock\tpop\ntune-8\t\tCy\ntune-9\tNine\n');
      const { report, search } = await build([{ dataset: 'tagged-tunes', location: dir }], dir);
      expect(report.sources[0]).toMatchObject({ read: 3, imported: 2, rejected: 1 });
      expect(await search.lookupByPlatformId('jamendo', '7')).toMatchObject([{ title: 'Seven Seas', artists: ['Ada', 'Bo'] }]);
      expect(await search.lookupByPlatformId('jamendo', '8')).toMatchObject([{ rowKey: 'tune-8', title: '', artists: ['Cy'] }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('dataset ids', () => {
  it('two ids that differ only in dashes are refused: Typesense indexes and filters both as one word', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trained-descriptor-clash-'));
    try {
      const fma = JSON.parse(await readFile(join(DESCRIPTOR_DIR, 'fma.json'), 'utf8')) as Record<string, unknown>;
      await writeFile(join(dir, 'f-ma.json'), JSON.stringify({ ...fma, id: 'f-ma' }));
      await expect(loadDescriptors(dir)).rejects.toThrow(
        'dataset ids "fma" and "f-ma" differ only in dashes, which Typesense ignores: rename one',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('publisher contacts', () => {
  it('a contact without the source that documents it, or without the day it was read, is refused', async () => {
    const jamendo = JSON.parse(await readFile(join(DESCRIPTOR_DIR, 'mtg-jamendo.json'), 'utf8')) as Record<string, unknown>;
    expect(descriptorProblems(jamendo)).toEqual([]);
    const contact = (jamendo.contacts as Record<string, unknown>[])[0] ?? {};
    const without = (key: string) => ({ ...jamendo, contacts: [Object.fromEntries(Object.entries(contact).filter(([k]) => k !== key))] });
    expect(descriptorProblems(without('source'))).toEqual([
      '"contacts[0].source" must be the https URL where the publisher documents this route',
    ]);
    expect(descriptorProblems(without('checked'))).toEqual(['"contacts[0].checked" must be the day it was read there (YYYY-MM-DD)']);
    const dir = await mkdtemp(join(tmpdir(), 'trained-contact-'));
    try {
      await writeFile(join(dir, 'mtg-jamendo.json'), JSON.stringify(without('source')));
      await expect(loadDescriptors(dir)).rejects.toThrow(/mtg-jamendo.json: "contacts\[0\].source"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('only publishers that document a route have one, each with its source and date', async () => {
    const all = await loadDescriptors();
    const withContacts = all.filter((d) => (d.contacts ?? []).length > 0).map((d) => d.id);
    expect(withContacts).toEqual(['fma', 'mtg-jamendo']);
    for (const d of all) for (const c of d.contacts ?? []) expect(c.source).toMatch(/^https:\/\/github\.com\//);
  });
});
