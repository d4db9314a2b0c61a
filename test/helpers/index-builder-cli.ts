import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const node = inject('typesense').nodes[0];
  const url = node === undefined ? '' : `${node.protocol}://${node.host}:${node.port}`;
  return { ...process.env, TYPESENSE_URL: url, TYPESENSE_ADMIN_KEY: inject('typesense').adminKey, LOG_LEVEL: 'warn', ...env };
}

/** `trained-index` as a child process (one node process, so a SIGKILL really kills the builder). */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'index-builder/cli.ts', ...args], {
    cwd: repoRoot,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The installed launcher, `bin/trained-index.mjs`, executed as a program (its shebang and flags). */
export function runBin(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return finished(spawn(`${repoRoot}bin/trained-index.mjs`, args, { cwd: repoRoot, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return finished(spawnCli(args, env));
}
