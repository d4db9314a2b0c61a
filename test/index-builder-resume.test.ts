/**
 * A build killed with SIGKILL in the middle of its import, then run again, finishes with
 * exact counts and no duplicates: the checkpoint in the half-built collection is picked up.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { dropCollection } from '../index-builder/collection.js';
import { buildCollectionPrefix, readState } from '../index-builder/state.js';
import { finished, runCli, spawnCli } from './helpers/index-builder-cli.js';
import { adminClient, uniqueName } from './helpers/typesense.js';

const admin = adminClient();
const alias = uniqueName('resume');
const ROWS = 20_000;
let dir = '';

afterAll(async () => {
  const names = (await admin.collections().retrieve()).map((c) => c.name).filter((n) => n.startsWith(alias));
  await admin
    .aliases(alias)
    .delete()
    .catch(() => undefined);
  for (const n of names) await dropCollection(admin, n);
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

const idFor = (i: number): string => `r${i.toString(36).padStart(10, '0')}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

it('is killed mid-import, resumed, and ends with exact counts and no duplicates', async () => {
  dir = await mkdtemp(join(tmpdir(), 'trained-resume-'));
  const lines: string[] = [];
  let rejected = 0;
  const ids = new Set<string>();
  for (let i = 1; i <= ROWS; i++) {
    // Every 500th row has no title (rejected); every 700th repeats the previous row's id (merged).
    const id = i % 700 === 0 ? idFor(i - 1) : idFor(i);
    const title = i % 500 === 0 ? '' : `Song number ${i}`;
    if (title === '') rejected += 1;
    else ids.add(id);
    lines.push(JSON.stringify({ title, artist: `Artist ${i % 97}`, youtube_url: `https://www.youtube.com/watch?v=${id}` }));
  }
  const file = join(dir, 'a.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  const args = [
    'build',
    '--source',
    `sleeping-disco-9m=${file}`,
    '--alias',
    alias,
    '--batch-size',
    '250',
    '--concurrency',
    '1',
    '--no-progress',
    '--json',
  ];

  const first = spawnCli(args);
  const firstDone = finished(first);
  let killedAt: number | undefined;
  for (let i = 0; i < 300 && killedAt === undefined; i++) {
    await sleep(100);
    const building = (await admin.collections().retrieve()).map((c) => c.name).find((n) => n.startsWith(buildCollectionPrefix(alias)));
    const state = building === undefined ? undefined : await readState(admin, building).catch(() => undefined);
    const read = state?.sources[0]?.read ?? 0;
    if (read >= 1000) {
      first.kill('SIGKILL');
      killedAt = read;
    }
  }
  const killed = await firstDone;
  expect(killed.signal).toBe('SIGKILL');
  expect(killedAt).toBeLessThan(ROWS);

  const second = await runCli(args);
  expect(second.stderr).toBe('');
  expect(second.code).toBe(0);
  const report = JSON.parse(second.stdout) as {
    resumed: boolean;
    read: number;
    rejected: number;
    collection: string;
    datasets: { indexed: number; duplicatesMerged: number }[];
  };
  expect(report.resumed).toBe(true);
  expect(report.read).toBe(ROWS);
  expect(report.rejected).toBe(rejected);
  expect(report.datasets[0]?.indexed).toBe(ids.size);
  expect(report.datasets[0]?.duplicatesMerged).toBe(ROWS - rejected - ids.size);

  const found = await admin
    .collections(alias)
    .documents()
    .search({ q: '*', query_by: 'title_norm', filter_by: 'dataset:=`sleeping-disco-9m`', per_page: 0 });
  expect(found.found).toBe(ids.size);
  expect(await readState(admin, report.collection)).toBeUndefined();
  const leftovers = (await admin.collections().retrieve()).map((c) => c.name).filter((n) => n.startsWith(alias));
  expect(leftovers).toEqual([report.collection]);
}, 120_000);
