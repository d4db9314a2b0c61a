/** `/trained album:` typed into the console (`npm start` with no chat tokens): the answer, and its CSV saved to a file. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_INFO, ROWS } from '../../helpers/core-fixture.js';
import { runNode, searchEnv, type Run } from '../../helpers/processes.js';
import { fixtureIndex, type FixtureIndex } from '../../helpers/typesense.js';

let fx: FixtureIndex;
let dir: string;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  dir = await mkdtemp(join(tmpdir(), 'trained-console-album-'));
});
afterAll(async () => {
  await fx.drop();
  await rm(dir, { recursive: true, force: true });
});

/** `npm start`'s entry point with the lines typed on stdin (test/helpers/processes.ts runs and bounds it). */
function runConsole(lines: string[]): Promise<Run> {
  const env = { ...searchEnv(fx), LOG_LEVEL: 'warn', TRAINED_CACHE_DIR: dir };
  return runNode(['--import', 'tsx', 'src/main.ts'], env, { stdin: lines.map((l) => `${l}\n`).join(''), timeoutMs: 60_000 });
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the console', () => {
  it('answers album:<title> artist:<name> and saves the release’s CSV', async () => {
    const run = await runConsole(['/trained album:whenever you need somebody artist:Rick Astley', 'album AWOL - A Way Of Life']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Album "whenever you need somebody" by Rick Astley: 1 row in 1 of 4 datasets: LAION-DISCO-12M.');
    expect(run.stdout).toContain('  Never Gonna Give You Up — LAION-DISCO-12M');
    expect(run.stdout).toContain('Album "AWOL - A Way Of Life": 1 row in 1 of 4 datasets: Free Music Archive.');
    expect(run.stdout).toMatch(/saved trained-album\.csv to /);
    const saved = (await filesUnder(dir)).filter((f) => f.endsWith('trained-album.csv'));
    expect(saved.length).toBeGreaterThan(0);
    const csv = await Promise.all(saved.map((f) => readFile(f, 'utf8')));
    // The last answer's file: the FMA release's row.
    expect(csv.join('\n')).toContain('Free Music Archive,fma,2,Food,AWOL,AWOL - A Way Of Life,');
  });
});
