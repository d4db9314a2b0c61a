/**
 * The real entry point (src/main.ts) under an operator's eye: /healthz and /metrics while it
 * runs, and SIGTERM while an answer is in flight — the answer still arrives, and it exits 0.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/typesense/local-server.js';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { startPausableProxy, type PausableProxy } from '../stand-ins/discord/pausable-proxy.js';

let fx: FixtureIndex;
let proxy: PausableProxy;
let dir: string;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  const node = inject('typesense').nodes[0];
  proxy = await startPausableProxy({ host: node?.host ?? '127.0.0.1', port: node?.port ?? 0 });
  dir = await mkdtemp(join(tmpdir(), 'trained-shutdown-'));
});
afterAll(async () => {
  await proxy.stop();
  await fx.drop();
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what()}`);
    await sleep(50);
  }
}

describe('the running bot', () => {
  it('serves /healthz and /metrics, and on SIGTERM finishes the answer in flight and exits 0', { timeout: 90_000 }, async () => {
    const metricsPort = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'info',
        TYPESENSE_URL: `http://127.0.0.1:${proxy.port}`,
        TYPESENSE_API_KEY: fx.searchKey,
        TYPESENSE_ALIAS: fx.alias,
        TRAINED_CACHE_DIR: dir,
        METRICS_PORT: String(metricsPort),
        RESOLVE_LINKS: 'false',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(
        () => stderr.includes('serving /healthz'),
        60_000,
        () => stderr,
      );
      const base = `http://127.0.0.1:${metricsPort}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      child.stdin.write('/trained song:Bohemian Rhapsody artist:Queen\n');
      await waitFor(
        () => (stdout.match(/present in/g) ?? []).length > 0,
        20_000,
        () => stdout,
      );
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/trained_lookups_total\{kind="song",result="found"\} 1/);
      expect(metrics).toMatch(/trained_search_calls_total\{method="searchTracks",outcome="ok"\} 1/);
      expect(metrics).toContain(`trained_typesense_node_up{node="http://127.0.0.1:${proxy.port}"} 1`);
      // The core's limiters are registered by main.ts; nothing waits in them between lookups.
      expect(metrics).toContain('trained_limiter_queued{limiter="user"} 0');
      expect(metrics).toContain('trained_limiter_queued{limiter="place"} 0');

      // A second lookup held in flight by the proxy, then SIGTERM. One answer has several evidence lines.
      await sleep(300);
      const linesPerAnswer = (stdout.match(/present in/g) ?? []).length;
      proxy.pause();
      child.stdin.write('/trained song:Bohemian Rhapsody artist:Queen\n');
      await sleep(500);
      child.kill('SIGTERM');
      await sleep(700);
      expect(child.exitCode).toBeNull(); // still finishing the answer
      proxy.resume();
      const code = await Promise.race([exited, sleep(30_000).then(() => 'hung')]);
      expect(code).toBe(0);
      expect((stdout.match(/present in/g) ?? []).length).toBe(2 * linesPerAnswer);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // the ops server closed
    } finally {
      proxy.resume();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
