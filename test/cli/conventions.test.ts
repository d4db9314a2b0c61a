/**
 * The command-line conventions of issue 16, for each of `trained`, `trained-index` and
 * `npm run discord:register`: --help on stdout with exit 0 and the exit codes documented;
 * --version; an unknown option refused naming it (exit 2, nothing searched or built); the
 * same exit codes (0 ok, 1 failure, 2 usage, 3 unchecked lines) everywhere.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { runNode, searchEnv, type Run } from '../helpers/processes.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { spawn } from 'node:child_process';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

const PROGRAMS = {
  trained: ['bin/trained.mjs'],
  'trained-index': ['bin/trained-index.mjs'],
  'discord:register': ['--import', 'tsx', 'adapters/discord/cli.ts'],
} as const;

type Program = keyof typeof PROGRAMS;
const run = (program: Program, args: string[], env: Record<string, string> = {}): Promise<Run> =>
  runNode([...PROGRAMS[program], ...args], { LOG_LEVEL: 'silent', ...env });

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
});
afterAll(async () => {
  await fx.drop();
});

describe.each(Object.keys(PROGRAMS) as Program[])('%s', (program) => {
  it('--help and -h print the usage and the exit codes on stdout, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const help = await run(program, [flag]);
      expect(help.code).toBe(0);
      expect(help.stderr).toBe('');
      expect(help.stdout).toMatch(/^usage: /);
      for (const code of ['0  done', '1  failed', '2  usage error', '3  trained lookup only']) expect(help.stdout).toContain(code);
    }
  });

  it('--version prints the package version, exit 0', async () => {
    const version = await run(program, ['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(new RegExp(` ${VERSION.replace(/\./g, '\\.')}$`));
  });

  it('refuses an unknown option naming it, exit 2, usage on stderr', async () => {
    const bad = await run(program, ['--jsn']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('unknown option --jsn');
    expect(bad.stderr).toContain('usage: ');
  });
});

describe('options of each command', () => {
  it('trained lookup: --jsn and -j are refused (exit 2), never searched as a title', async () => {
    const misspelt = await run('trained', ['lookup', '--jsn', 'Food - AWOL'], searchEnv(fx));
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('unknown option --jsn (did you mean --json?)');
    const short = await run('trained', ['lookup', '-j', 'x'], searchEnv(fx));
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('unknown option -j');
    expect(short.stdout).toBe('');
    const help = await run('trained', ['lookup', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
  });

  it('trained-index: each command takes only its own options; a missing command or argument is exit 2', async () => {
    const wrongPlace = await run('trained-index', ['datasets', '--source', 'fma=/x']);
    expect(wrongPlace.code).toBe(2);
    expect(wrongPlace.stderr).toContain('unknown option --source');
    const typo = await run('trained-index', ['build', '--sorce', 'fma=/x']);
    expect(typo.stderr).toContain('unknown option --sorce (did you mean --source?)');
    expect(typo.code).toBe(2);
    for (const args of [[], ['nope'], ['inspect'], ['build']]) expect((await run('trained-index', args)).code).toBe(2);
    const keysHelp = await run('trained-index', ['help', 'keys']);
    expect(keysHelp.code).toBe(0);
    expect(keysHelp.stdout).toContain('--rotate');
  });

  it('exit 1 for a failure, in each program', async () => {
    const lookup = await run('trained', ['lookup', 'Food'], {
      ...searchEnv(fx),
      TYPESENSE_URL: 'http://127.0.0.1:1',
      TYPESENSE_TIMEOUT_MS: '300',
    });
    expect(lookup.code).toBe(1);
    const index = await run('trained-index', ['keys'], { TYPESENSE_URL: 'http://127.0.0.1:1', TYPESENSE_ADMIN_KEY: 'k' });
    expect(index.code).toBe(1);
    expect(index.stderr.trim().split('\n')).toHaveLength(1);
    const register = await run('discord:register', []);
    expect(register.code).toBe(1);
  });

  it("trained-index with only TYPESENSE_URL names TYPESENSE_ADMIN_KEY, not the bot's variable", async () => {
    const index = await run('trained-index', ['sample'], { TYPESENSE_URL: 'http://127.0.0.1:1' });
    expect(index.code).toBe(1);
    expect(index.stderr).toContain('TYPESENSE_ADMIN_KEY is required');
    expect(index.stderr).not.toContain('TYPESENSE_API_KEY');
  });
});

describe('npm run lookup', () => {
  it('takes the query directly: npm run lookup -- "…" answers', { timeout: 60_000 }, async () => {
    const child = spawn('npm', ['run', '--silent', 'lookup', '--', 'Food - AWOL'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...searchEnv(fx) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('"Food" by AWOL');
  });
});
