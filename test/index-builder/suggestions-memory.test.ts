/**
 * The autocomplete build counts its keys a partition at a time, so its memory is one partition's
 * keys whatever the collection's size: the builder runs under a 256 MB heap ceiling
 * (bin/trained-index.mjs). Here the counting stage runs in a child process with a 64 MB heap
 * over 48 partitions of 4 MB each, whose most frequent keys are spread over every partition:
 * holding any part of every partition's text (a kept key sliced out of it) does not fit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PARTS = 48;
const LINES = 50_000;
const KEPT = 40;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trained-suggest-mem-'));
  for (let p = 0; p < PARTS; p++) {
    const lines: string[] = [];
    // Keys seen once: the bulk of each partition (~80 bytes a line), and among them, all through the
    // file, a few keys seen more often in every later partition: each part of each file has some of the top keys.
    for (let i = 0; i < LINES; i++) {
      lines.push(`title\tt${p} ${i} ${'x'.repeat(60)}\tT${p}-${i}`);
      // Names long enough that V8 would keep them as slices of the text they were split from (13+ characters).
      const k = i / (LINES / KEPT);
      if (Number.isInteger(k))
        for (let r = 0; r < p + 2; r++) lines.push(`artist\tartist ${p}-${k} of the test\tArtist ${p}-${k} of the Test`);
    }
    await writeFile(join(dir, `p${p}`), `${lines.join('\n')}\n`);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('suggestion counting memory', () => {
  it('counts 48 partitions of 4 MB within a 64 MB heap, keeping the most frequent keys', () => {
    const program = `
import { countPartitions, TopKeys } from './index-builder/suggestions.ts';
const titles = new TopKeys(100);
const artists = new TopKeys(${KEPT * PARTS});
await countPartitions(${JSON.stringify(dir)}, titles, artists, ${PARTS});
const top = artists.values().sort((a, b) => b.rows - a.rows || a.key.localeCompare(b.key));
console.log(JSON.stringify({ titles: titles.values().length, first: top[0], last: top[top.length - 1], kept: top.length }));
`;
    const run = spawnSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', '--input-type=module', '-e', program], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/heap out of memory/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { titles: number; kept: number; first: { key: string; rows: number }; last: { rows: number } };
    expect(out.titles).toBe(100);
    expect(out.kept).toBe(KEPT * PARTS);
    // Every partition's frequent keys are kept (the last partition's the most frequent), none of its once-seen ones.
    expect(out.first).toEqual({ key: `artist ${PARTS - 1}-0 of the test`, display: `Artist ${PARTS - 1}-0 of the Test`, rows: PARTS + 1 });
    expect(out.last.rows).toBe(2);
  });
});
