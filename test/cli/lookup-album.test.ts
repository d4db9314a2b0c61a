/** `trained lookup "album:<title> artist:<name>"`: the same album answer for scripts, as text and as JSON. */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
});
afterAll(async () => {
  await fx.drop();
});

function lookup(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const node = inject('typesense').nodes[0];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TYPESENSE_URL: `${node?.protocol}://${node?.host}:${node?.port}`,
    TYPESENSE_API_KEY: fx.searchKey,
    TYPESENSE_ALIAS: fx.alias,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/trained.mjs', 'lookup', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`trained lookup did not finish:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('trained lookup album:', () => {
  it('prints the album answer, and its rows as JSON', async () => {
    const text = await lookup(['album:Whenever You Need Somebody artist:Rick Astley']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Album "Whenever You Need Somebody" by Rick Astley: 1 row in 1 of 4 datasets: LAION-DISCO-12M.');
    const json = await lookup(['--json', 'album:Whenever You Need Somebody']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { status: string; totalRows: number; matches: { rowId: string }[]; notFoundIn: string[] };
    expect(parsed).toMatchObject({ status: 'found', totalRows: 1, matches: [{ rowId: 'dQw4w9WgXcQ' }] });
    expect(parsed.notFoundIn).toEqual(['sleeping-disco-9m', 'fma', 'spotify-tracks']);
    const none = JSON.parse((await lookup(['--json', 'album:No Such Album'])).stdout) as { status: string; notFoundIn: string[] };
    expect(none.status).toBe('not-found');
    expect(none.notFoundIn).toHaveLength(4);
  });
});
