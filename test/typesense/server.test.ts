import { spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { locateTypesenseBinary, TypesenseBinaryError } from '../../src/typesense/binary.js';
import { startLocalTypesense } from '../../src/typesense/local-server.js';
import { obtainTypesense } from '../../src/typesense/provider.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

async function binary(): Promise<string> {
  const provided = inject('typesense').binary;
  if (provided !== undefined) return provided;
  return locateTypesenseBinary({ cacheDir: join(process.cwd(), '.cache'), log: silentLogger, pathVar: process.env.PATH });
}

describe('local Typesense server', () => {
  it('starts on a free loopback port with its own key and data directory, and stops cleanly', async () => {
    const server = await startLocalTypesense({ binary: await binary(), log: silentLogger });
    const pid = await server.pid();
    expect(pid).toBeTypeOf('number');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.apiKey).toMatch(/^[0-9a-f]{48}$/);
    const res = await fetch(`${server.url}/collections`, { headers: { 'X-TYPESENSE-API-KEY': server.apiKey } });
    expect(res.status).toBe(200);
    const denied = await fetch(`${server.url}/collections`, { headers: { 'X-TYPESENSE-API-KEY': 'wrong' } });
    expect(denied.status).toBe(401);
    await server.stop();
    expect(alive(pid ?? -1)).toBe(false);
    await expect(access(server.dataDir)).rejects.toThrow(); // throwaway data directory removed
    await server.stop(); // a second stop is harmless
  });

  it('never leaves the server behind when its parent is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/server-child.ts', await binary()], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.includes('\n')) resolve(buf.split('\n')[0] ?? '');
      });
      child.on('exit', () => reject(new Error(`server child exited early: ${buf}`)));
    });
    const { pid } = JSON.parse(line) as { pid: number };
    expect(alive(pid)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitFor(() => !alive(pid), 15_000)).toBe(true);
  });

  it('reuses a running server given by TYPESENSE_URL instead of starting one', async () => {
    const { nodes, adminKey } = inject('typesense');
    const handle = await obtainTypesense({
      config: { nodes, apiKey: undefined, bin: '/nonexistent', cacheDir: '/nonexistent', dataDir: undefined, timeoutMs: 2000 },
      log: silentLogger,
      adminKey,
    });
    expect(handle.local).toBeUndefined();
    expect(handle.nodes).toEqual(nodes);
    const node = nodes[0];
    const res = await fetch(`${node?.protocol}://${node?.host}:${node?.port}/health`);
    expect(res.ok).toBe(true);
    await handle.stop();
    expect((await fetch(`${node?.protocol}://${node?.host}:${node?.port}/health`)).ok).toBe(true); // not ours to stop
  });
});

describe('locating the binary', () => {
  it('prefers TYPESENSE_BIN, and says how to provide one when it is wrong', async () => {
    const err = await locateTypesenseBinary({ explicit: '/nonexistent/typesense-server', cacheDir: '/tmp', log: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TypesenseBinaryError);
    expect(String(err)).toMatch(/TYPESENSE_URL/);
    expect(String(err)).toMatch(/TYPESENSE_BIN/);
    expect(String(err)).toMatch(/docker/i);
  });
  it('uses typesense-server from PATH before the cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trained-path-'));
    await writeFile(join(dir, 'typesense-server'), '#!/bin/sh\n');
    await chmod(join(dir, 'typesense-server'), 0o755);
    expect(await locateTypesenseBinary({ pathVar: `/nonexistent:${dir}`, cacheDir: '/nonexistent', log: silentLogger })).toBe(
      join(dir, 'typesense-server'),
    );
  });
});
