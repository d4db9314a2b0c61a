/**
 * Reliability item 21, as an operator meets it: a good index is built, then a bad build is
 * run through the real CLI. Each bad build must end with exit 1 and one line saying why, the
 * alias must still point at the good collection, lookups must still answer from it, and the
 * bad build must leave no collection of its own behind (a refused build is not resumable).
 * Sources are the bundled sample in the four published layouts, copied and damaged the way
 * real downloads and exports go wrong.
 */
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aliasTarget, createSearchKey, dropCollection } from '../../index-builder/collection.js';
import { buildCollectionPrefix } from '../../index-builder/state.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { repoRoot, runCli, type CliResult } from '../helpers/index-builder-cli.js';
import { adminClient, dropAliasAndCollection, uniqueName } from '../helpers/typesense.js';

const admin = adminClient();
const alias = uniqueName('guard');
const sample = (dataset: string): string => join(repoRoot, 'sample-data', dataset);
let dir: string;
let goodCollection: string;
let search: TypesenseSearch;
let server: Server | undefined;

const DATASETS = ['laion-disco-12m', 'sleeping-disco-9m', 'fma', 'spotify-tracks'] as const;
type Dataset = (typeof DATASETS)[number];

/** `build` of the four sources (any replaced) into the guarded alias, through the CLI as an operator runs it. */
function rebuild(replace: Partial<Record<Dataset, string | null>>, flags: string[] = ['--allow-partial']): Promise<CliResult> {
  const sources = DATASETS.filter((d) => replace[d] !== null).flatMap((d) => ['--source', `${d}=${replace[d] ?? sample(d)}`]);
  return runCli(['build', ...sources, '--alias', alias, '--no-progress', ...flags]);
}

/** Exit 1, one line naming the cause, no stack trace. */
function refused(run: CliResult, message: RegExp): void {
  expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr.trim()).toMatch(message);
  expect(run.code).toBe(1);
}

/**
 * The good index still serves: same collection behind the alias, the same answers. A refused
 * build leaves nothing behind; a source that failed mid-read leaves its half-built collection
 * (`resumable`), which the next run of the same sources picks up, and any other run drops.
 */
async function oldIndexAnswers(resumable = false): Promise<void> {
  expect(await aliasTarget(admin, alias)).toBe(goodCollection);
  const rick = await search.lookupByPlatformId('youtube', 'dQw4w9WgXcQ');
  expect(rick.map((m) => m.dataset).sort()).toEqual(['laion-disco-12m', 'sleeping-disco-9m']);
  const spotify = await search.lookupByPlatformId('spotify', '4PTG3Z6ehGkBFwjybzWkR8');
  expect(spotify.map((m) => m.title)).toEqual(['Never Gonna Give You Up']);
  const takeOnMe = await search.searchTracks({ title: 'Take On Me', artist: 'a-ha' });
  expect(new Set(takeOnMe.matches.filter((m) => m.basis === 'exact').map((m) => m.dataset))).toEqual(new Set(DATASETS));
  const left = (await admin.collections().retrieve()).map((c) => c.name).filter((n) => n.startsWith(buildCollectionPrefix(alias)));
  expect(left.filter((n) => n !== goodCollection)).toHaveLength(resumable ? 1 : 0);
  // Dropped here, so the next bad build's stderr holds its own line only.
  for (const n of left) if (n !== goodCollection) await dropCollection(admin, n);
}

/** A copy of the sample Spotify dataset.csv with its lines (header first) edited, as an export gone wrong. */
async function spotifyWith(edit: (lines: string[]) => string[]): Promise<string> {
  const to = join(dir, `spotify-${Math.random().toString(36).slice(2, 8)}`);
  await cp(sample('spotify-tracks'), to, { recursive: true });
  const file = join(to, 'dataset.csv');
  await writeFile(file, `${edit((await readFile(file, 'utf8')).trimEnd().split('\n')).join('\n')}\n`);
  return to;
}

/** The line with cell `k` replaced. */
const withCell = (line: string | undefined, k: number, cell: (old: string) => string): string =>
  (line ?? '')
    .split(',')
    .map((c, i) => (i === k ? cell(c) : c))
    .join(',');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trained-guards-'));
  const good = await rebuild({});
  expect(good.stderr).toBe('');
  expect(good.code).toBe(0);
  goodCollection = (await aliasTarget(admin, alias)) ?? '';
  const { nodes } = inject('typesense');
  search = new TypesenseSearch({
    client: createTypesenseClient({ nodes, apiKey: await createSearchKey(admin, [alias]), timeoutMs: 5000 }),
    collection: alias,
    infoTtlMs: 0,
  });
  await oldIndexAnswers();
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server === undefined ? r() : server.close(() => r())));
  await dropAliasAndCollection(admin, alias);
  await rm(dir, { recursive: true, force: true });
});

describe('a source that fails to read', () => {
  it('a JSON Lines download cut off mid-file stops the build', async () => {
    const body = await readFile(join(sample('sleeping-disco-9m'), 's.jsonl'));
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => res.destroy(), 50);
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s.jsonl`;
    refused(await rebuild({ 'sleeping-disco-9m': url }), /^trained-index: s\.jsonl: (terminated|aborted|other side closed)/);
    // LAION's rows went in before the cut: that half-built collection is kept for a resumed run.
    await oldIndexAnswers(true);
  });

  it('a parquet shard holding only its magic bytes is one line, not a TypeError', async () => {
    const laion = join(dir, 'laion-magic');
    await mkdir(laion, { recursive: true });
    await writeFile(join(laion, 'train-00000-of-00005.parquet'), 'PAR1');
    refused(
      await rebuild({ 'laion-disco-12m': laion }),
      /^trained-index: train-00000-of-00005\.parquet is not a readable parquet file: 4 bytes, too short to be parquet$/,
    );
    // Magic, an empty footer, magic: hyparquet itself throws a TypeError on it.
    await writeFile(join(laion, 'train-00000-of-00005.parquet'), Buffer.from('PAR1\0\0\0\0PAR1', 'latin1'));
    refused(
      await rebuild({ 'laion-disco-12m': laion }),
      /^trained-index: train-00000-of-00005\.parquet is not a readable parquet file: its metadata is damaged or cut short$/,
    );
    await oldIndexAnswers();
  });

  it('a file with no line breaks where JSON Lines has them stops before its "first line" fills the memory', async () => {
    const sleeping = join(dir, 'sleeping-noline');
    await mkdir(sleeping, { recursive: true });
    await writeFile(join(sleeping, 'a.jsonl'), Buffer.alloc(17 * 1024 * 1024, 0x61));
    refused(
      await rebuild({ 'sleeping-disco-9m': sleeping }),
      /^trained-index: a\.jsonl: line 1 is longer than 16 MB: not a JSON Lines file$/,
    );
    await oldIndexAnswers(true);
  });

  it('a source path linked to a file that is not a dataset never prints that file', async () => {
    const secret = join(dir, 'secret.env');
    await writeFile(secret, 'TYPESENSE_ADMIN_KEY=s3cr3t-admin-value,x\nSLACK_BOT_TOKEN=xoxb-s3cr3t\n');
    const linked = join(dir, 'linked');
    await mkdir(join(linked, 'spotify'), { recursive: true });
    await mkdir(join(linked, 'fma'), { recursive: true });
    await mkdir(join(linked, 'sleeping'), { recursive: true });
    await symlink(secret, join(linked, 'spotify', 'dataset.csv'));
    await symlink(secret, join(linked, 'fma', 'tracks.csv'));
    await symlink(secret, join(linked, 'sleeping', 'a.jsonl'));
    await symlink(secret, join(linked, 'x.parquet'));
    const runs: CliResult[] = [];
    // Each stops at the linked file, after the sources before it went in: their collection is left for a resumed run.
    for (const damaged of [
      { 'spotify-tracks': join(linked, 'spotify') },
      { fma: join(linked, 'fma') },
      { 'sleeping-disco-9m': join(linked, 'sleeping') },
      { 'laion-disco-12m': join(linked, 'x.parquet') },
    ]) {
      runs.push(await rebuild(damaged));
      await oldIndexAnswers(!('laion-disco-12m' in damaged));
    }
    runs.push(await runCli(['inspect', join(linked, 'spotify', 'dataset.csv')]));
    refused(runs[0] as CliResult, /^trained-index: dataset\.csv does not look like the expected file: .*; found no header row/);
    refused(runs[1] as CliResult, /^trained-index: tracks\.csv does not look like the expected file: .*; found no header row/);
    refused(runs[2] as CliResult, /^trained-index: a\.jsonl does not look like the expected file: .*; found none$/);
    refused(runs[3] as CliResult, /^trained-index: x\.parquet is not a readable parquet file/);
    expect((runs[4] as CliResult).stdout).toContain('not a dataset file; its content is not shown');
    for (const run of runs) expect(run.stdout + run.stderr).not.toMatch(/s3cr3t|TYPESENSE_ADMIN_KEY|SLACK|xoxb/);
  });
});

describe('rejected rows', () => {
  it('a source whose every row lacks its key is refused, not swapped in empty', async () => {
    // The export blanked the track_id column: every row still has its 21 cells.
    const spotify = await spotifyWith((lines) => lines.map((l, i) => (i === 0 ? l : withCell(l, 1, () => ''))));
    refused(
      await rebuild({ 'spotify-tracks': spotify }),
      /^trained-index: spotify-tracks: 82 of 82 rows rejected \(100%, above --max-rejected 1%\), mostly "missing row key" \(first at dataset\.csv:1\); the live index is untouched$/,
    );
    await oldIndexAnswers();
  });

  it('more than 1% of a source rejected is refused; --max-rejected sets the threshold', async () => {
    // Two rows lose their title (2 of 82: 2.4%).
    const spotify = await spotifyWith((lines) => lines.map((l, i) => (i === 5 || i === 40 ? withCell(l, 4, () => '') : l)));
    refused(
      await rebuild({ 'spotify-tracks': spotify }),
      /^trained-index: spotify-tracks: 2 of 82 rows rejected \(2\.44%, above --max-rejected 1%\), mostly "missing title" \(first at dataset\.csv:5\); the live index is untouched$/,
    );
    await oldIndexAnswers();
    refused(await rebuild({ 'spotify-tracks': spotify }, ['--allow-partial', '--max-rejected', '2%']), /above --max-rejected 2%/);
    await oldIndexAnswers();
  });
});

describe('a dataset that would shrink', () => {
  it('a file with half its rows is refused unless --allow-shrink', async () => {
    const spotify = await spotifyWith((lines) => lines.slice(0, 42));
    refused(
      await rebuild({ 'spotify-tracks': spotify }),
      /^trained-index: spotify-tracks: \d+ rows would replace the 72 the live index holds \(\d+(\.\d+)?% fewer, more than 5%\); --allow-shrink to accept; the live index is untouched$/,
    );
    await oldIndexAnswers();
  });

  it('a build without a source for a dataset the live index holds is refused before it imports', async () => {
    const run = await rebuild({ fma: null });
    refused(
      run,
      /^trained-index: the live index holds fma \(50 rows\) and this build has no source for it; add --source fma=PATH, or --allow-shrink to drop it; the live index is untouched$/,
    );
    await oldIndexAnswers();
  });

  it('a full build far below the rows the publisher claims is refused unless --allow-partial', async () => {
    refused(
      await rebuild({}, []),
      /^trained-index: laion-disco-12m: 148 rows read, far below the 12,320,916 its publisher claims \(under 90%\): a file missing or cut short\? --allow-partial to build from part of it; the live index is untouched$/,
    );
    await oldIndexAnswers();
  });
});

describe('CSV quoting that broke', () => {
  it('one stray " (the rest of the file swallowed as one cell) names the file and the line', async () => {
    // Line 10 of the file: its track_name cell now starts with a quote that never closes.
    const spotify = await spotifyWith((lines) => lines.map((l, i) => (i === 9 ? withCell(l, 4, (c) => `"${c}`) : l)));
    refused(
      await rebuild({ 'spotify-tracks': spotify }),
      /^trained-index: dataset\.csv: the quoting broke on line 10: a quoted cell opened there swallows line 11 and others that read as whole rows \(a stray " in that line\?\); fix that line and build again$/,
    );
    // The three sources before Spotify went in: their collection is kept for a run after the fix.
    await oldIndexAnswers(true);
  });

  it('a stray " closed by a later quoted cell (rows between vanish) names the line too', async () => {
    // A legitimately quoted album 30 lines on: its opening quote is where the parser would close the stray one.
    const spotify = await spotifyWith((lines) =>
      lines.map((l, i) => (i === 20 ? withCell(l, 4, (c) => `"${c}`) : i === 50 ? withCell(l, 3, (c) => `"${c}, Deluxe"`) : l)),
    );
    refused(
      await rebuild({ 'spotify-tracks': spotify }),
      /^trained-index: dataset\.csv: the quoting broke on line 21: a quoted cell opened there swallows line 22 and others/,
    );
    await oldIndexAnswers(true);
  });

  it('a cell past 1 MB is refused with its line', async () => {
    const spotify = await spotifyWith((lines) => lines.map((l, i) => (i === 30 ? withCell(l, 4, () => `"${'x'.repeat(1_200_000)}"`) : l)));
    refused(
      await rebuild({ 'spotify-tracks': spotify }),
      /^trained-index: dataset\.csv: the quoting broke on line 31: a quoted cell opened there grows past 1024 KB/,
    );
    await oldIndexAnswers(true);
  });
});

describe('when the operator means it', () => {
  it('--allow-shrink swaps in the smaller dataset and drops the old collection (last: it replaces the good index)', async () => {
    const spotify = await spotifyWith((lines) => lines.slice(0, 42));
    const run = await rebuild({ 'spotify-tracks': spotify }, ['--allow-partial', '--allow-shrink']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Replaced collection ${goodCollection}.`);
    expect(await aliasTarget(admin, alias)).not.toBe(goodCollection);
    const info = await search.indexInfo();
    expect(info?.datasets.find((d) => d.id === 'spotify-tracks')?.rows).toBeLessThan(72 * 0.95);
  });
});
