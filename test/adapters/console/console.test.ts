import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DATASET_INFO, ROWS } from '../../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../../helpers/typesense.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start`'s entry point as a person would: lines typed on stdin, answers read from stdout. Bounded. */
function runConsole(env: Record<string, string>, lines: string[], opts: { closeStdin?: boolean; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`console did not exit in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    for (const line of lines) child.stdin.write(`${line}\n`);
    if (opts.closeStdin !== false) child.stdin.end();
  });
}

/** Pids of typesense-server processes still running on a data directory (the console must stop its own). */
async function serversUsing(dataDir: string): Promise<string[]> {
  const pids: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    pids.length = 0;
    for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
      const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmd.includes(`--data-dir=${dataDir}`)) pids.push(pid);
    }
    if (pids.length === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return pids;
}

let fx: FixtureIndex;
let dir: string;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  dir = await mkdtemp(join(tmpdir(), 'trained-console-'));
});
afterAll(async () => {
  await fx.drop();
  await rm(dir, { recursive: true, force: true });
});

const url = () => {
  const node = inject('typesense').nodes[0];
  return `${node?.protocol}://${node?.host}:${node?.port}`;
};
const env = () => ({ TYPESENSE_URL: url(), TYPESENSE_API_KEY: fx.searchKey, TYPESENSE_ALIAS: fx.alias, TRAINED_CACHE_DIR: dir });

describe('npm start with no chat tokens: the console', () => {
  it('answers commands, pasted links and button words, and leaves on Ctrl-D with exit 0', async () => {
    const run = await runConsole(env(), [
      '/trained song:Bohemian Rhapsody artist:Queen',
      'export',
      'listen to https://youtu.be/dQw4w9WgXcQ and https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3',
      '/trained artist:Queen',
      'https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J',
      "Queen - Don't Stop Me Now",
      '/trained song:Bohemian Rhapsody',
      '/trained song:Paging Song artist:Pager',
      'more',
      '/trained about',
      '/trained song:',
      '',
      '\u0000\u001b[2J',
      'x'.repeat(10_000),
    ]);
    expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Trained console.');
    expect(out).toContain('"Bohemian Rhapsody" by Queen: present in 3 of 4 datasets');
    expect(out).toContain('present in Sleeping-DISCO-9M (row fJ9rUzIMcZQ)');
    expect(out).toMatch(/saved trained-song\.csv to .*exports/);
    expect(out).toContain('found · https://www.youtube.com/watch?v=dQw4w9WgXcQ: same YouTube id in LAION-DISCO-12M (row dQw4w9WgXcQ).');
    expect(out).toContain('unchecked · https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3: a Spotify album, not a track.');
    expect(out).toContain('a Spotify album, not a track');
    expect(out).toContain('"Queen": 5 rows credited in 3 datasets.');
    // A Spotify link answered for the YouTube-keyed datasets too; artist first; a title alone.
    expect(out).toContain(
      'found · https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J: same Spotify id in Spotify Tracks Dataset (row 7tFiyTwD0nx5a1eklYtX2J); same title and artist as the linked track in LAION-DISCO-12M (row fJ9rUzIMcZQ), Sleeping-DISCO-9M (row fJ9rUzIMcZQ).',
    );
    expect(out).toContain('found · read as "Don\'t Stop Me Now" by Queen (artist first)');
    expect(out).toContain('"Bohemian Rhapsody": 4 rows by 2 artists carry this title, in 3 of 4 datasets.');
    expect(out).toContain('(page 2)');
    expect(out).toContain(`4 datasets, ${ROWS.length} rows, indexed on 1 November 2026.`);
    expect(out).toContain('song: needs a value');
    expect(out).toContain('Sample data');
  });

  it('leaves cleanly on /quit even with stdin still open, ignoring what follows', async () => {
    const run = await runConsole(env(), ['/trained help', '/quit', '/trained about'], { closeStdin: false });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('/trained song:');
    expect(run.stdout).not.toContain('indexed on');
    // Against a configured server nothing is fetched or built: no such promise on stderr.
    expect(run.stderr).not.toContain('first run fetches Typesense');
  });

  it('says search is unavailable (and keeps going) when the key is refused', async () => {
    const run = await runConsole({ ...env(), TYPESENSE_API_KEY: 'wrong-key-123' }, ['/trained song:Food', '/trained help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Search is unavailable right now');
    expect(run.stdout).toContain('Trained tells you whether');
    expect(run.stdout + run.stderr).not.toContain('wrong-key-123');
  });

  it('names the variable when the configuration is invalid', async () => {
    const run = await runConsole({ ...env(), LOOKUP_DEADLINE_MS: 'soon' }, []);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LOOKUP_DEADLINE_MS');
  });

  it('with no TYPESENSE_URL starts a local server, builds the sample index, answers from it, and stops the server', async () => {
    const binary = inject('typesense').binary;
    const local = binary === undefined ? {} : { TYPESENSE_BIN: binary };
    const data = join(dir, 'local-data');
    const first = await runConsole(
      { TRAINED_CACHE_DIR: dir, TYPESENSE_DATA_DIR: data, ...local },
      ['/trained about', '/trained song:Bohemian Rhapsody artist:Queen'],
      {
        timeoutMs: 120_000,
      },
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Sample data');
    expect(first.stdout).toMatch(/4 datasets, \d+ rows, indexed on/);
    expect(first.stdout).toContain('present in');
    // Second start reuses the persistent index (no rebuild) and still answers.
    const second = await runConsole({ TRAINED_CACHE_DIR: dir, TYPESENSE_DATA_DIR: data, ...local }, ['/trained artist:Queen'], {
      timeoutMs: 120_000,
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('credited in');
    expect(await serversUsing(data)).toEqual([]);
  }, 240_000);
});
