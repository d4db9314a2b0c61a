/**
 * A build killed with SIGKILL in the middle of its import, then run again, finishes with
 * exact counts and no duplicates: the checkpoint in the half-built collection is picked up.
 *
 * The source is served from 127.0.0.1. On the first run the server sends a head start and
 * then trickles rows without ever finishing, so the build is certainly still importing when
 * it is killed, however fast or loaded the machine (a file on disk raced the kill: on a
 * quiet machine the whole build could end between two polls). The second run gets it all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { aliasTarget, dropCollection } from '../../index-builder/collection.js';
import { suggestAlias } from '../../src/index/schema.js';
import { buildCollectionPrefix, readState } from '../../index-builder/state.js';
import { finished, runCli, spawnCli } from '../helpers/index-builder-cli.js';
import { adminClient, uniqueName } from '../helpers/typesense.js';

const admin = adminClient();
const alias = uniqueName('resume');
const ROWS = 20_000;
const HEAD_START = 2_000;
let server: Server | undefined;

afterAll(async () => {
  const names = (await admin.collections().retrieve()).map((c) => c.name).filter((n) => n.startsWith(alias));
  for (const a of [alias, suggestAlias(alias)])
    await admin
      .aliases(a)
      .delete()
      .catch(() => undefined);
  for (const n of names) await dropCollection(admin, n);
  server?.closeAllConnections();
  await new Promise<void>((r) => (server === undefined ? r() : server.close(() => r())));
});

/** Serves `lines` as JSON Lines: all at once, or a head start then 10 rows every 50 ms. */
async function serve(lines: string[]): Promise<{ url: string; setTrickle: (on: boolean) => void }> {
  let trickle = true;
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    if (!trickle) {
      res.end(`${lines.join('\n')}\n`);
      return;
    }
    res.write(`${lines.slice(0, HEAD_START).join('\n')}\n`);
    let next = HEAD_START;
    // Never reaches the end: the last 10 rows are held back, so this run cannot finish.
    const timer = setInterval(() => {
      if (next + 10 >= lines.length) return;
      res.write(`${lines.slice(next, next + 10).join('\n')}\n`);
      next += 10;
    }, 50);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/a.jsonl`, setTrickle: (on) => (trickle = on) };
}

/** A Genius song id, as Sleeping-DISCO-9M keys its rows. */
const idFor = (i: number): number => 5_000_000 + i;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

it('is killed mid-import, resumed, and ends with exact counts and no duplicates', async () => {
  const lines: string[] = [];
  let rejected = 0;
  const ids = new Set<number>();
  for (let i = 1; i <= ROWS; i++) {
    // Every 500th row has no title (rejected); every 700th repeats the previous row's id (merged).
    const id = i % 700 === 0 ? idFor(i - 1) : idFor(i);
    const title = i % 500 === 0 ? '' : `Song number ${i}`;
    if (title === '') rejected += 1;
    else ids.add(id);
    lines.push(
      JSON.stringify({
        song_id: id,
        title,
        song_url: `https://genius.com/Artist-${i % 97}-song-number-${i}-lyrics`,
        primary_artist: `Artist ${i % 97}`,
        featured_artists: [],
        album_name: null,
        youtube_links: [`https://www.youtube.com/watch?v=r${id.toString(36).padStart(10, '0')}`],
      }),
    );
  }
  const source = await serve(lines);
  const args = [
    'build',
    '--source',
    `sleeping-disco-9m=${source.url}`,
    '--alias',
    alias,
    '--batch-size',
    '250',
    '--concurrency',
    '1',
    '--no-progress',
    '--json',
    // 20,000 rows of a dataset claimed at 9.7 million.
    '--allow-partial',
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
  // The trickle never ends, so a run never seen checkpointing is killed too, and fails below.
  if (killedAt === undefined) first.kill('SIGKILL');
  const killed = await firstDone;
  expect(killed.signal).toBe('SIGKILL');
  expect(killedAt).toBeGreaterThanOrEqual(1000);
  expect(killedAt).toBeLessThan(ROWS);

  source.setTrickle(false);
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
  // The build's collection and the autocomplete collection made from it, nothing half-built.
  expect(leftovers.sort()).toEqual([report.collection, await aliasTarget(admin, suggestAlias(alias))].sort());
}, 120_000);
