/**
 * `trained-index inspect` on the four published layouts, and the fix it exists for: a file
 * whose layout changed stops the build with the column it lacks; inspect shows the columns
 * the file has; a descriptor in a directory of its own (`--descriptors DIR`) maps them,
 * without code; lookups then answer from the rebuilt index.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createSearchKey } from '../../index-builder/collection.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { repoRoot, runCli } from '../helpers/index-builder-cli.js';
import { adminClient, dropAliasAndCollection, uniqueName } from '../helpers/typesense.js';

const admin = adminClient();
const alias = uniqueName('inspect');
const sample = (dataset: string): string => join(repoRoot, 'sample-data', dataset);
const dirs: string[] = [];

afterAll(async () => {
  await dropAliasAndCollection(admin, alias);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The JSON descriptor inspect ends its output with. */
function snippetOf(stdout: string): { id: string; mapping: Record<string, unknown> } {
  const at = stdout.indexOf('\n{', stdout.indexOf('A descriptor to start from'));
  return JSON.parse(stdout.slice(at)) as { id: string; mapping: Record<string, unknown> };
}

describe('trained-index inspect on the published layouts', () => {
  it.each([
    ['laion-disco-12m', 'parquet', ['song_id', 'artist_names', 'artist_ids']],
    ['sleeping-disco-9m', 'jsonl', ['song_id', 'primary_artist', 'featured_artists', 'youtube_links']],
    ['fma', 'csv', ['track_id', 'track.title', 'artist.name']],
    ['spotify-tracks', 'csv', ['track_id', 'artists', 'track_name']],
  ])('%s: columns with values, the descriptor’s fields found, rows mapped, a descriptor to start from', async (dataset, type, columns) => {
    const run = await runCli(['inspect', sample(dataset)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`: ${type}, `);
    for (const c of columns) expect(run.stdout).toMatch(new RegExp(`^  ${c.replace('.', '\\.')} +\\S`, 'm'));
    expect(run.stdout).toContain(`Descriptor ${dataset} (the closest match: 100% of its named columns found)`);
    expect(run.stdout).not.toContain('MISSING');
    expect(run.stdout).toMatch(/How the first 5 rows map \(5 kept\)/);
    expect(snippetOf(run.stdout).id).toBe(dataset);
  });

  it('names the joined FMA file, and the Sleeping-DISCO credit with its comma as one artist', async () => {
    const fma = await runCli(['inspect', sample('fma')]);
    expect(fma.stdout).toContain('Joined file raw_tracks.csv: found; track_url read by track_id');
    const dir = await mkdtemp(join(tmpdir(), 'trained-inspect-'));
    dirs.push(dir);
    const lines = (await readFile(join(sample('sleeping-disco-9m'), 't.jsonl'), 'utf8')).split('\n');
    await writeFile(join(dir, 't.jsonl'), `${lines.filter((l) => l.includes('"Tyler, The Creator"')).join('\n')}\n`);
    const sleeping = await runCli(['inspect', join(dir, 't.jsonl')]);
    expect(sleeping.stdout).toMatch(/"See You Again" by "Tyler, The Creator" \+ "Kali Uchis"/);
  });
});

describe('a layout that changed, fixed with --descriptors and no code', () => {
  it('the build names the missing column; inspect shows what is there; a descriptor maps it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trained-layout-'));
    dirs.push(dir);
    const data = join(dir, 'sleeping');
    await mkdir(data);
    // A re-export renamed youtube_links to yt_links in every file.
    for (const f of await readdir(sample('sleeping-disco-9m'))) {
      const text = await readFile(join(sample('sleeping-disco-9m'), f), 'utf8');
      await writeFile(join(data, f), text.replaceAll('"youtube_links":', '"yt_links":'));
    }
    const args = ['build', '--source', `sleeping-disco-9m=${data}`, '--alias', alias, '--no-progress', '--allow-partial'];
    const broken = await runCli(args);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim()).toMatch(
      /^trained-index: a\.jsonl does not look like the expected file: expected columns youtube_links; found song_id, .*yt_links/,
    );

    const seen = await runCli(['inspect', data]);
    expect(seen.stdout).toMatch(/^ {2}yt_links +\["https:\/\/www\.youtube\.com/m);
    expect(seen.stdout).toMatch(/youtube ids \(links\) +youtube_links +MISSING: the build stops/);

    const descriptors = join(dir, 'descriptors');
    await mkdir(descriptors);
    const fixed = snippetOf(seen.stdout);
    const ids = fixed.mapping.platformIds as { column: string }[];
    for (const p of ids) if (p.column === 'youtube_links') p.column = 'yt_links';
    await writeFile(join(descriptors, 'sleeping-disco-9m.json'), JSON.stringify(fixed, null, 2));

    const rebuilt = await runCli([...args, '--descriptors', descriptors]);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('youtube ids ← yt_links (links)');
    const { nodes } = inject('typesense');
    const search = new TypesenseSearch({
      client: createTypesenseClient({ nodes, apiKey: await createSearchKey(admin, [alias]), timeoutMs: 5000 }),
      collection: alias,
      infoTtlMs: 0,
    });
    expect((await search.lookupByPlatformId('youtube', 'dQw4w9WgXcQ')).map((m) => m.title)).toEqual(['Never Gonna Give You Up']);
  });
});
