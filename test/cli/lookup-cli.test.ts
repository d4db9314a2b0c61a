import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function trained(args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/trained.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`trained ${args.join(' ')} did not finish:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
});
afterAll(async () => {
  await fx.drop();
});
const url = () => {
  const node = inject('typesense').nodes[0];
  return `${node?.protocol}://${node?.host}:${node?.port}`;
};
const env = () => ({ TYPESENSE_URL: url(), TYPESENSE_API_KEY: fx.searchKey, TYPESENSE_ALIAS: fx.alias });

describe('trained lookup', () => {
  it('prints the JSON the issue specifies for a title - artist query', async () => {
    const run = await trained(['lookup', '--json', 'Bohemian Rhapsody - Queen'], env());
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & { matches: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['query', 'status', 'reading', 'matches', 'totalRows', 'notFoundIn', 'index']);
    expect(json.query).toBe('Bohemian Rhapsody - Queen');
    expect(json.status).toBe('found');
    expect(json.reading).toEqual({ title: 'Bohemian Rhapsody', artist: 'Queen', order: 'title-artist' });
    expect(json.totalRows).toBe(3);
    const exact = json.matches.filter((m) => m.basis === 'exact');
    expect(exact.map((m) => `${String(m.dataset)}:${String(m.rowId)}`).sort()).toEqual([
      'laion-disco-12m:fJ9rUzIMcZQ',
      'sleeping-disco-9m:fJ9rUzIMcZQ',
      'spotify-tracks:7tFiyTwD0nx5a1eklYtX2J',
    ]);
    expect(exact.find((m) => m.dataset === 'spotify-tracks')).toEqual({
      dataset: 'spotify-tracks',
      rowId: '7tFiyTwD0nx5a1eklYtX2J',
      title: 'Bohemian Rhapsody - Remastered 2011',
      artists: ['Queen'],
      url: 'https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J',
      basis: 'exact',
    });
    expect(json.matches.every((m) => ['id', 'exact', 'title', 'fuzzy'].includes(String(m.basis)))).toBe(true);
    expect(json.notFoundIn).toEqual(['fma']);
    expect(json.index).toMatchObject({ builtAt: '2026-11-01T00:00:00.000Z', sample: true });
    expect((json.index as { datasets: unknown[] }).datasets).toHaveLength(4);
  });

  it('reads "artist - title" too, gives a title alone the title basis, and counts every matching row', async () => {
    const run = await trained(['lookup'], env(), 'Queen - Bohemian Rhapsody\nBohemian Rhapsody\n');
    expect(run.code).toBe(0);
    const [reordered, titleOnly] = run.stdout
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { status: string; reading: unknown; totalRows: number; matches: { basis: string }[]; notFoundIn: string[] },
      );
    expect(reordered?.reading).toEqual({ title: 'Bohemian Rhapsody', artist: 'Queen', order: 'artist-title' });
    expect(reordered?.status).toBe('found');
    expect(titleOnly).toMatchObject({ status: 'candidates', reading: { title: 'Bohemian Rhapsody', order: 'title-only' }, totalRows: 4 });
    expect(titleOnly?.matches.filter((m) => m.basis === 'title')).toHaveLength(4);
    expect(titleOnly?.matches.some((m) => m.basis === 'exact')).toBe(false);
    expect(titleOnly?.notFoundIn).toEqual(['fma']);
  });

  it('an unchecked link is never "not found": its reason, no notFoundIn, and exit 3', async () => {
    const run = await trained(['lookup', '--json', 'https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3'], env());
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ status: 'unchecked', reason: 'a Spotify album, not a track', matches: [], notFoundIn: [] });
    // One unchecked line among answered ones: every line is printed, and the exit code says some were not checked.
    const many = await trained(['lookup'], env(), 'Food - AWOL\nhttps://music.apple.com/us/song/x/1440650711\n');
    expect(many.code).toBe(3);
    const lines = many.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; notFoundIn: string[] });
    expect(lines.map((l) => l.status)).toEqual(['found', 'unchecked']);
    expect(lines[1]?.notFoundIn).toEqual([]);
  });

  it('answers links by id, with the dataset row keys as rowId', async () => {
    const run = await trained(['lookup', '--json', 'https://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food'], env());
    const json = JSON.parse(run.stdout) as { matches: { rowId: string; basis: string; album?: string }[] };
    expect(json.matches).toEqual([expect.objectContaining({ dataset: 'fma', rowId: '2', basis: 'id', album: 'AWOL - A Way Of Life' })]);
    // A Spotify link: the row its id keys, and the same song in the YouTube-keyed datasets.
    const spotify = await trained(['lookup', '--json', 'https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J'], env());
    const cross = JSON.parse(spotify.stdout) as { status: string; matches: { dataset: string; basis: string }[]; notFoundIn: string[] };
    expect(cross.status).toBe('found');
    expect(
      cross.matches
        .filter((m) => m.basis !== 'fuzzy')
        .map((m) => `${m.dataset}:${m.basis}`)
        .sort(),
    ).toEqual(['laion-disco-12m:exact', 'sleeping-disco-9m:exact', 'spotify-tracks:id']);
    expect(cross.notFoundIn).toEqual(['fma']);
  });

  it('prints the plain-text answer without --json', async () => {
    const run = await trained(['lookup', 'https://youtu.be/dQw4w9WgXcQ'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('present in LAION-DISCO-12M (row dQw4w9WgXcQ)');
  });

  it('no match: exit 0 and an empty list', async () => {
    const run = await trained(['lookup', '--json', 'zzqx nothing at all - nobody'], env());
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { matches: unknown[]; notFoundIn: string[] };
    expect(json.matches).toEqual([]);
    expect(json.notFoundIn).toHaveLength(4);
  });

  it('reads one query per line from stdin and prints JSON Lines', async () => {
    const run = await trained(['lookup'], env(), 'Food - AWOL\n\nhttps://youtu.be/dQw4w9WgXcQ\nzzqx none\n');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; matches: { basis: string }[] });
    expect(lines.map((l) => l.query)).toEqual(['Food - AWOL', 'https://youtu.be/dQw4w9WgXcQ', 'zzqx none']);
    expect(lines[0]?.matches[0]?.basis).toBe('exact');
    expect(lines[1]?.matches[0]?.basis).toBe('id');
    expect(lines[2]?.matches).toEqual([]);
  });

  it('a refused key or an unreachable server is one clear line and exit 1', async () => {
    const bad = await trained(['lookup', 'Food - AWOL'], { ...env(), TYPESENSE_API_KEY: 'not-the-key-42' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('the API key was refused');
    expect(bad.stderr).not.toContain('not-the-key-42');
    const down = await trained(['lookup', 'Food - AWOL'], { ...env(), TYPESENSE_URL: 'http://127.0.0.1:1', TYPESENSE_TIMEOUT_MS: '500' });
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toContain('did not answer');
    const missing = await trained(['lookup', 'Food'], { TYPESENSE_URL: url() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('TYPESENSE_API_KEY');
    expect(missing.stderr).toContain('trained-index keys');
  });

  it('explains its usage (exit 2)', async () => {
    const run = await trained(['nope'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "nope"');
    expect(run.stderr).toContain('usage: trained');
  });
});
