/**
 * `trained lookup` in a pipeline (reliability check 22): every line reaches a slow reader
 * before the process exits, and a reader that leaves early ends it quietly.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { searchEnv } from '../helpers/processes.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
});
afterAll(async () => {
  await fx.drop();
});

function lookupEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...searchEnv(fx) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// 300 queries, each line echoing a 5 KB query: about 1.7 MB of JSON Lines, far past a pipe's 64 KiB.
const QUERIES = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'Food - AWOL' : `zzqx ${i} ${'long words '.repeat(450)}`));

describe('trained lookup on a pipe', () => {
  it('delivers every line to a reader that starts late and reads slowly, then exits 0', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, ['bin/trained.mjs', 'lookup'], { env: lookupEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.end(`${QUERIES.join('\n')}\n`);
    // The reader is busy: nothing is read until well after the lookups could have finished.
    child.stdout.pause();
    await sleep(4000);
    const chunks: Buffer[] = [];
    for await (const chunk of child.stdout) {
      chunks.push(chunk as Buffer);
      await sleep(2); // and then reads slowly
    }
    const code = await exited;
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    expect(stderr).toBe('');
    expect(lines).toHaveLength(QUERIES.length);
    expect(lines.map((l) => (JSON.parse(l) as { query: string }).query.slice(0, 20))).toEqual(QUERIES.map((q) => q.slice(0, 20)));
    expect(code).toBe(0);
  });

  it('stops quietly when the reader goes away (| head -1): no stack trace, the broken-pipe code', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['bin/trained.mjs', 'lookup'], { env: lookupEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.end(`${QUERIES.join('\n')}\n`);
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    child.stdout.destroy();
    const code = await Promise.race([exited, sleep(30_000).then(() => 'hung' as const)]);
    expect(first).toContain('"query"');
    expect(code).toBe(141);
    expect(stderr).toBe('');
  });
});
