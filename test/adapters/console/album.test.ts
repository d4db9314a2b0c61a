/** `/trained album:` typed into the console (`npm start` with no chat tokens): the answer, and its CSV saved to a file. */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DATASET_INFO, ROWS } from '../../helpers/core-fixture.js';
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

function runConsole(lines: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const node = inject('typesense').nodes[0];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_LEVEL: 'warn',
    TYPESENSE_URL: `${node?.protocol}://${node?.host}:${node?.port}`,
    TYPESENSE_API_KEY: fx.searchKey,
    TYPESENSE_ALIAS: fx.alias,
    TRAINED_CACHE_DIR: dir,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`console did not exit in time:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    for (const line of lines) child.stdin.write(`${line}\n`);
    child.stdin.end();
  });
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
