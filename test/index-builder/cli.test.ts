/**
 * `trained-index` as its users meet it: one clear line and exit 1 for a missing file, the
 * wrong file, an unreachable server or a bad key; --json; --strict; progress output.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../index-builder/args.js';
import { Progress } from '../../index-builder/progress.js';
import { freePort } from '../../src/typesense/local-server.js';
import { runBin, runCli } from '../helpers/index-builder-cli.js';
import { adminClient, dropAliasAndCollection, uniqueName } from '../helpers/typesense.js';

const fixture = (path: string): string => fileURLToPath(new URL(`../fixtures/index-builder/${path}`, import.meta.url));
const admin = adminClient();
const alias = uniqueName('cli');
/** The hostile fixtures: a few rows of each dataset (partial), some rejected on purpose. */
const HOSTILE = ['--allow-partial', '--max-rejected', '50%'];

afterAll(async () => {
  await dropAliasAndCollection(admin, alias);
});

/** One line on stderr, no stack trace. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0] ?? '';
}

describe('trained-index', () => {
  it('fails with one clear line: missing file, wrong file, unreachable server, bad key', async () => {
    const closedPort = await freePort();
    const [missing, wrong, unreachable, badKey] = await Promise.all([
      runCli(['build', '--source', 'fma=/nonexistent/tracks.csv', '--alias', alias]),
      runCli(['build', '--source', `spotify-tracks=${fixture('wrong/dataset.csv')}`, '--alias', alias]),
      runCli(['build', '--source', `spotify-tracks=${fixture('spotify')}`, '--alias', alias], {
        TYPESENSE_URL: `http://127.0.0.1:${closedPort}`,
      }),
      runCli(['build', '--source', `spotify-tracks=${fixture('spotify')}`, '--alias', alias], { TYPESENSE_ADMIN_KEY: 'not-the-key' }),
    ]);
    expect(oneLine(missing.stderr)).toBe('trained-index: fma: file not found: /nonexistent/tracks.csv');
    expect(oneLine(wrong.stderr)).toMatch(
      /^trained-index: dataset\.csv does not look like the expected file: expected columns track_id, track_name, artists, album_name, duration_ms; found id, name, colour$/,
    );
    expect(oneLine(unreachable.stderr)).toMatch(/^trained-index: cannot reach Typesense/);
    expect(oneLine(badKey.stderr)).toBe('trained-index: Typesense refused the admin key (HTTP 401)');
    for (const r of [missing, wrong, unreachable, badKey]) expect(r.code).toBe(1);
  });

  it('prints the report as JSON, and progress lines when not on a terminal', async () => {
    const ok = await runCli([
      'build',
      '--source',
      `spotify-tracks=${fixture('spotify')}`,
      '--alias',
      alias,
      '--json',
      '--progress',
      ...HOSTILE,
    ]);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as {
      read: number;
      rejected: number;
      datasets: { indexed: number }[];
      sources: { rejects: { reason: string; firstRows: string[] }[] }[];
    };
    expect(report).toMatchObject({ read: 9, rejected: 2, datasets: [{ indexed: 5 }] });
    expect(report.sources[0]?.rejects).toContainEqual({ reason: 'missing title', count: 1, firstRows: ['dataset.csv:5'] });
    expect(ok.stderr).toMatch(/^spotify-tracks: 9 rows 100%, [\d,]+ rows\/s, done$/m);
  });

  it('runs from its launcher with a heap ceiling, so its memory stays flat over a long build', async () => {
    const run = await runBin(['build', '--source', `spotify-tracks=${fixture('spotify')}`, '--alias', alias, '--json', ...HOSTILE], {
      LOG_LEVEL: 'debug',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ read: 9, datasets: [{ indexed: 5 }] });
    const logged = run.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; heapLimitMb?: number })
      .find((l) => l.heapLimitMb !== undefined);
    expect(logged?.msg).toBe('heap ceiling');
    // 256 MB old space plus the young generation: far below V8's default of a quarter of RAM.
    expect(logged?.heapLimitMb).toBeLessThan(512);
  });

  it('prints a readable summary and stops under --strict', async () => {
    const summary = await runCli([
      'build',
      '--source',
      `fma=${fixture('fma')}`,
      '--alias',
      alias,
      '--no-progress',
      ...HOSTILE,
      '--allow-shrink',
    ]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('read 9, imported 6, rejected 3');
    expect(summary.stdout).toContain('rejected 1: missing title (rows tracks.csv:3)');
    expect(summary.stdout).toContain('fma: 5 in the index, 1 duplicate rows merged');
    const strict = await runCli(['build', '--source', `fma=${fixture('fma')}`, '--alias', alias, '--strict', '--no-progress', ...HOSTILE]);
    expect(strict.code).toBe(1);
    expect(oneLine(strict.stderr)).toBe('trained-index: fma: row tracks.csv:3 rejected (missing title); stopping because of --strict');
  });

  it('parses its arguments into a value, with problems listed', () => {
    expect(parseArgs(['build', '--source', 'fma=/x', '--source=spotify-tracks=/y', '--strict', '--batch-size', '100'])).toMatchObject({
      command: 'build',
      sources: [
        { dataset: 'fma', location: '/x' },
        { dataset: 'spotify-tracks', location: '/y' },
      ],
      strict: true,
      batchSize: 100,
      problems: [],
    });
    expect(parseArgs(['build']).problems).toEqual(['build needs at least one --source DATASET=PATH']);
    expect(parseArgs(['build', '--source', 'nopath', '--batch-size', '0']).problems).toEqual([
      '--source needs DATASET=PATH',
      '--batch-size needs a whole number above 0',
    ]);
  });

  it('draws a bar with rows, rate and ETA on a terminal', () => {
    let out = '';
    let now = 0;
    const progress = new Progress({ isTTY: true, write: (t: string) => (out += t) }, true, () => now, 1_000_000);
    const bar = progress.start('laion-disco-12m');
    now = 10_000;
    progress.update(bar, 50_000, 0.25);
    progress.finish(bar);
    progress.stop();
    expect(out).toContain('\r\x1b[2K');
    expect(out).toMatch(/laion-disco-12m\s+\[#{24}\] 100%\s+50,000 rows\s+5,000\/s done/);
  });

  it("on a terminal, draws a source at once when it starts (0%); a resumed build's rate counts only this run's rows", () => {
    let out = '';
    let now = 0;
    const progress = new Progress({ isTTY: true, write: (t: string) => (out += t) }, true, () => now, 1_000_000);
    const bar = progress.start('fma', 40_000);
    // Drawn before any row of this run is read, long before the first interval.
    // eslint-disable-next-line no-control-regex
    expect(out).toMatch(/^\r\x1b\[2Kfma\s+\[-{24}\]\s+0%\s+40,000 rows\s+0\/s ETA \?\n$/);
    now = 10_000;
    progress.update(bar, 90_000, 0.9);
    progress.finish(bar);
    progress.stop();
    // 50,000 rows in this run's 10 s: 5,000 rows/s (the 40,000 of the interrupted run took no time now).
    expect(out).toMatch(/fma\s+\[#{24}\] 100%\s+90,000 rows\s+5,000\/s done/);
  });
});
