/**
 * The compose walk-through of docs/self-hosting.md, run here without a Docker engine: the same
 * commands the compose services run, from a compiled `dist/` laid out as in the image (/app:
 * dist, node_modules, package.json, sample-data), against the suite's Typesense:
 *   setup          node dist/index-builder/cli.js keys --write /keys/typesense-keys.env
 *   index-builder  node <heap flags> dist/index-builder/cli.js build --source …=/datasets/… (the bundled sample here)
 *   bot            the image's CMD, verbatim from the Dockerfile (env: TYPESENSE_URL, TYPESENSE_KEYS_FILE, Slack, metrics)
 *   healthcheck    the bot service's healthcheck command, verbatim from docker-compose.yml
 * then a signed slash command to the bot's Slack receiver (Slack's Web API is the stand-in).
 */
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { REQUEST_PATH } from '../../adapters/slack/manifest.js';
import { freePort } from '../../src/typesense/local-server.js';
import { runNode } from '../helpers/processes.js';
import { adminClient, dropAliasAndCollection, uniqueName } from '../helpers/typesense.js';
import { slashCommand } from '../stand-ins/slack/payloads.js';
import { sendForm } from '../stand-ins/slack/signed-request.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../stand-ins/slack/harness.js';
import { SlackWebApiStandIn } from '../stand-ins/slack/web-api.js';

const run = promisify(execFile);
const repo = resolve('.');
const alias = uniqueName('walkthrough');
let app: string;
let api: SlackWebApiStandIn;

interface ComposeService {
  command: string[];
  healthcheck: { test: string[] };
}
const compose = parse(await readFile('docker-compose.yml', 'utf8')) as { services: Record<string, ComposeService> };

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'trained-app-'));
  // The image's build stage: `npm run build` (tsc -p tsconfig.build.json), here into the app directory.
  await run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(app, 'dist')], {
    cwd: repo,
  });
  await copyFile('package.json', join(app, 'package.json'));
  await symlink(join(repo, 'node_modules'), join(app, 'node_modules'));
  await symlink(join(repo, 'sample-data'), join(app, 'sample-data'));
  // ./datasets:/datasets — the bundled sample stands in for the published files.
  await symlink(join(repo, 'sample-data'), join(app, 'datasets'));
  await mkdir(join(app, 'keys'), { mode: 0o700 });
  api = await new SlackWebApiStandIn().start();
}, 180_000);
afterAll(async () => {
  await api.stop();
  await dropAliasAndCollection(adminClient(), alias);
  await rm(app, { recursive: true, force: true });
});

/** A compose service's command, with the container's paths (/datasets, /keys) pointing into the app directory. */
function commandOf(service: string): string[] {
  const command = compose.services[service]?.command ?? [];
  expect(command[0]).toBe('node');
  return command.slice(1).map((a) => a.replace('=/datasets/', `=${app}/datasets/`).replace(/^\/keys\//, `${app}/keys/`));
}

/** The image's CMD (the compose bot service sets no command of its own): node, its flags and the entry point. */
async function imageCommand(): Promise<string[]> {
  const cmd = /^CMD (\[.*\])$/m.exec(await readFile('Dockerfile', 'utf8'))?.[1];
  const argv = JSON.parse(cmd ?? '[]') as string[];
  expect(compose.services.bot?.command).toBeUndefined();
  expect(argv[0]).toBe('node');
  return argv.slice(1);
}

describe("the bot's node flags", () => {
  it("npm start, the benches and the RSS bench child run the bot with the image's flags", async () => {
    const flags = (await imageCommand()).filter((a) => a.startsWith('--'));
    expect(flags.length).toBeGreaterThan(0);
    const scripts = (JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'bench']) expect(scripts[name]?.split(' ').filter((a) => a.startsWith('--max'))).toEqual(flags);
    const child = await readFile('bench/core.bench.ts', 'utf8');
    for (const flag of flags) expect(child).toContain(`'${flag}'`);
  });
});

describe('self-hosting walk-through (docs/self-hosting.md)', () => {
  it('setup makes the keys, the index-builder fills the index, the bot starts healthy and answers a slash command', async () => {
    const node = inject('typesense').nodes[0];
    const typesenseUrl = `${node?.protocol}://${node?.host}:${node?.port}`;
    const jobs = {
      TYPESENSE_URL: typesenseUrl,
      TYPESENSE_ADMIN_KEY: inject('typesense').adminKey,
      TYPESENSE_ALIAS: alias,
      LOG_LEVEL: 'warn',
    };
    const inApp = (args: string[]) => args.map((a) => (a.startsWith('dist/') ? join(app, a) : a));

    const setup = await runNode(inApp(commandOf('setup')), jobs, { timeoutMs: 60_000 });
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    const keysFile = join(app, 'keys/typesense-keys.env');
    expect((await stat(keysFile)).mode & 0o777).toBe(0o600);

    const build = await runNode([...inApp(commandOf('index-builder')), '--allow-partial', '--no-progress'], jobs, { timeoutMs: 120_000 });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/imported/);

    // Before going live: the keys the setup job wrote, checked against the server (docs/self-hosting.md).
    const check = await runNode(
      [join(app, 'dist/index-builder/cli.js'), 'check'],
      { ...jobs, TYPESENSE_KEYS_FILE: keysFile },
      { timeoutMs: 60_000 },
    );
    expect(check.code, check.stdout + check.stderr).toBe(0);

    const slackPort = await freePort();
    const metricsPort = await freePort();
    const bot = spawn(process.execPath, await imageCommand(), {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TYPESENSE_URL: typesenseUrl,
        TYPESENSE_KEYS_FILE: keysFile,
        TYPESENSE_ALIAS: alias,
        TYPESENSE_ADMIN_KEY: '',
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: api.apiUrl,
        SLACK_HOST: '127.0.0.1',
        SLACK_PORT: String(slackPort),
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(metricsPort),
        RESOLVE_LINKS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    bot.stderr.on('data', (d: Buffer) => (logs += d.toString()));
    const exited = new Promise<number | null>((done) => bot.on('exit', done));
    try {
      // The compose healthcheck, verbatim but for the published port.
      const [cmd, ...args] = compose.services.bot?.healthcheck.test ?? [];
      expect(cmd).toBe('CMD');
      const healthcheck = args.map((a) => a.replace('127.0.0.1:9464', `127.0.0.1:${metricsPort}`));
      let healthy = false;
      for (let i = 0; i < 100 && !healthy && bot.exitCode === null; i++) {
        healthy = (await runNode(healthcheck.slice(1), {}, { timeoutMs: 10_000 })).code === 0;
        if (!healthy) await new Promise((r) => setTimeout(r, 300));
      }
      expect(healthy, logs).toBe(true);

      const res = await sendForm(
        `http://127.0.0.1:${slackPort}${REQUEST_PATH}`,
        slashCommand('Bohemian Rhapsody - Queen', api.responseUrl('walkthrough')),
        { secret: TEST_SIGNING_SECRET },
      );
      expect(res.status).toBe(200);
      expect(res.text).toContain('present in LAION-DISCO-12M (row fJ9rUzIMcZQ)');
    } finally {
      bot.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(logs).not.toContain(inject('typesense').adminKey);
  }, 300_000);
});
