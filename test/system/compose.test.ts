/**
 * docker-compose.yml as Debian's docker-compose reads it (no engine needed for `config`): valid
 * with a .env made from .env.example, as docs/self-hosting.md says; every variable of
 * .env.example that the bot reads reaches the bot's container with its value (or with the
 * stack's own value, named here); the admin key never does; ports, profile and healthchecks.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  environment?: Record<string, string>;
  env_file?: string[];
  ports?: ({ published?: number | string; target?: number } | string)[];
  profiles?: string[];
  healthcheck?: { test?: string[] };
  command?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const example = readFileSync('.env.example', 'utf8');
const exampleNames = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '');
/** The variables the bot's configuration reads (src/config.ts is the only reader of the environment). */
const configSource = readFileSync('src/config.ts', 'utf8');
const botReads = new Set([...configSource.matchAll(/(?:r\.\w+\(|env\.)'?([A-Z][A-Z0-9_]{2,})/g)].map((m) => m[1] ?? ''));
/** What the stack sets itself for the bot, whatever .env says, and why (docker-compose.yml says the same). */
const STACK_VALUES: Record<string, string> = {
  TYPESENSE_URL: 'http://typesense:8108', // the typesense service
  TYPESENSE_KEYS_FILE: '/keys/typesense-keys.env', // written by the setup job
  TYPESENSE_ADMIN_KEY: '', // never the bot's
  SLACK_HOST: '0.0.0.0', // published by the port mapping
  SLACK_PORT: '3000',
  METRICS_HOST: '0.0.0.0',
  METRICS_PORT: '9464', // the healthcheck's port
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `docker-compose config` in a project directory holding the compose file and this .env. */
function composeConfig(env: string, args: string[] = []): Record<string, Service> {
  const dir = mkdtempSync(join(tmpdir(), 'trained-compose-'));
  dirs.push(dir);
  copyFileSync('docker-compose.yml', join(dir, 'docker-compose.yml'));
  writeFileSync(join(dir, '.env'), env);
  const run = (extra: string[]) =>
    execFileSync('docker-compose', [...args, ...extra], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  run(['config', '-q']);
  return (parse(run(['config'])) as { services: Record<string, Service> }).services;
}

/** .env.example with TYPESENSE_ADMIN_KEY filled, as the walk-through does first. */
const walkthroughEnv = example.replace(/^TYPESENSE_ADMIN_KEY=$/m, 'TYPESENSE_ADMIN_KEY=admin-key-of-this-host');
let walked: Record<string, Service> | undefined;
const walkthrough = (): Record<string, Service> => (walked ??= composeConfig(walkthroughEnv));

describe('docker-compose.yml', () => {
  it('is valid with the .env of the walk-through (cp .env.example .env, admin key set)', () => {
    const services = walkthrough();
    expect(Object.keys(services).sort()).toEqual(['bot', 'index-builder', 'redis', 'setup', 'typesense']);
    // `docker-compose up` starts these; the others only with their profile.
    expect(Object.keys(services).filter((name) => services[name]?.profiles === undefined)).toEqual(['bot', 'setup', 'typesense']);
  });

  it('every variable of .env.example that the bot reads reaches the bot with its value; the admin key never does', () => {
    expect(botReads.size).toBeGreaterThan(30);
    const value = (n: string) => (n === 'TYPESENSE_ADMIN_KEY' ? 'admin-key-of-this-host' : botReads.has(n) ? `value-of-${n}` : '');
    const filled = exampleNames.map((n) => `${n}=${value(n)}`).join('\n');
    const bot = composeConfig(`${filled}\n`).bot?.environment ?? {};
    const read = exampleNames.filter((n) => botReads.has(n));
    expect(read).toContain('DISCORD_PASTED_LINKS');
    expect(read).toContain('TYPESENSE_SETTINGS_KEY');
    for (const name of read) expect([name, bot[name]]).toEqual([name, STACK_VALUES[name] ?? `value-of-${name}`]);
    expect(Object.values(bot)).not.toContain('admin-key-of-this-host');
  });

  it('publishes the Slack receiver, and /healthz and /metrics on loopback only by default', () => {
    const ports = walkthrough().bot?.ports ?? [];
    expect(ports).toContainEqual({ published: 3000, target: 3000 });
    expect(ports).toContainEqual('127.0.0.1:9464:9464/tcp');
  });

  it('the setup job writes the keys file the bot reads, before the bot starts; the bot has a healthcheck on its /healthz', () => {
    const services = walkthrough();
    const setup = services.setup;
    const bot = services.bot;
    expect(setup?.command).toEqual(['node', 'dist/index-builder/cli.js', 'keys', '--write', '/keys/typesense-keys.env']);
    expect(setup?.volumes?.some((v) => v.startsWith('keys:/keys'))).toBe(true);
    expect(bot?.volumes).toContain('keys:/keys:ro');
    expect(bot?.depends_on?.setup).toEqual({ condition: 'service_completed_successfully' });
    expect(bot?.healthcheck?.test?.join(' ')).toContain(`http://127.0.0.1:${bot?.environment?.METRICS_PORT}/healthz`);
  });

  it('Redis (profile redis) has a healthcheck; the index-builder (profile build) gets the admin key', () => {
    const services = walkthrough();
    expect(services.redis?.profiles).toEqual(['redis']);
    expect(services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(services['index-builder']?.environment?.TYPESENSE_ADMIN_KEY).toBe('admin-key-of-this-host');
  });
});
