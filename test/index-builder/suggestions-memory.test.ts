/**
 * The autocomplete build counts its keys a partition at a time, so its memory is one partition's
 * keys whatever the collection's size: the builder runs under a 256 MB heap ceiling
 * (bin/trained-index.mjs). Here the counting stage runs in a child process with a 64 MB heap
 * over 16 partitions of 12 MB each, whose most frequent keys are spread over every partition:
 * holding any part of every partition's text (a kept key sliced out of it) does not fit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PARTS = 16;
const LINES = 150_000;
const KEPT = 40;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trained-suggest-mem-'));
  for (let p = 0; p < PARTS; p++) {
    const lines: string[] = [];
    // Keys seen once: the bulk of each partition (~80 bytes a line).
    for (let i = 0; i < LINES; i++) lines.push(`title\tt${p} ${i} ${'x'.repeat(60)}\tT${p}-${i}`);
    // A few keys seen more often in every later partition: each partition has some of the top keys.
    for (let k = 0; k < KEPT; k++) for (let r = 0; r < p + 2; r++) lines.push(`artist\ta${p}-${k}\tArtist ${p}-${k}`);
    await writeFile(join(dir, `p${p}`), `${lines.join('\n')}\n`);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('suggestion counting memory', () => {
  it('counts 16 partitions of 12 MB within a 64 MB heap, keeping the most frequent keys', () => {
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
    expect(out.first).toEqual({ key: `a${PARTS - 1}-0`, display: `Artist ${PARTS - 1}-0`, rows: PARTS + 1 });
    expect(out.last.rows).toBe(2);
  });
});
