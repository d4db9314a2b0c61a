/**
 * The first "done when": `npm start` in one terminal, then `npx trained lookup "…"` in
 * another answers, from the local server npm start runs (found through its 0600 note in the
 * cache directory), without starting a second server. When npm start stops, the note goes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NOTE_FILE, readNote } from '../../src/typesense/local-note.js';
import { runNode } from '../helpers/processes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trained-note-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('trained lookup next to npm start', () => {
  it('answers from the local server npm start runs, through its 0600 note; the note goes when npm start stops', async () => {
    const binary = inject('typesense').binary;
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TRAINED_CACHE_DIR: dir,
      TYPESENSE_DATA_DIR: join(dir, 'data'),
      ...(binary === undefined ? {} : { TYPESENSE_BIN: binary }),
    };
    // npm start's console, its stdin left open as a person's terminal would be.
    const start = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    start.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => start.on('exit', resolve));
    try {
      let note = await readNote(dir);
      for (let i = 0; i < 600 && note === undefined && start.exitCode === null; i++) {
        await sleep(200);
        note = await readNote(dir);
      }
      expect(note, stderr).toBeDefined();
      // Progress lines of the start, on stderr (the download is cached here; the server start is not).
      expect(stderr).toMatch(/Local Typesense is up on http:\/\/127\.0\.0\.1:\d+/);
      expect((await stat(join(dir, NOTE_FILE))).mode & 0o777).toBe(0o600);
      expect(note?.startedBy).toBe('npm start');

      const lookup = await runNode(['bin/trained.mjs', 'lookup', '--json', 'Bohemian Rhapsody - Queen'], env, { timeoutMs: 60_000 });
      expect(lookup.stderr).toBe('');
      expect(lookup.code).toBe(0);
      const answer = JSON.parse(lookup.stdout) as { status: string; matches: { dataset: string }[]; index: { sample: boolean } };
      expect(answer.status).toBe('found');
      expect(answer.matches.length).toBeGreaterThan(0);
      // npm start's index: the bundled sample it built, not a server this lookup started (that would say so on stderr).
      expect(answer.index.sample).toBe(true);
      // The note's key searches; it is not the admin key of the server (that one can list keys).
      const keys = await fetch(`${note?.url}/keys`, { headers: { 'x-typesense-api-key': note?.searchKey ?? '' } });
      expect(keys.status).toBe(401);
    } finally {
      start.stdin.end();
    }
    expect(await exited).toBe(0);
    expect(await readNote(dir)).toBeUndefined();
    await expect(stat(join(dir, NOTE_FILE))).rejects.toThrow(/ENOENT/);
  }, 180_000);
});
