/** A program of ours as a child process: stdin in, stdout, stderr and the exit code out, bounded in time. */
import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import type { FixtureIndex } from './typesense.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node <args>` with only PATH, HOME and `env`; killed and rejected when it outlives `timeoutMs`. */
export function runNode(args: string[], env: Record<string, string>, opts: { stdin?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${args.join(' ').slice(0, 60)} did not finish:\n${stdout.slice(-500)}\n${stderr.slice(-500)}`));
    }, opts.timeoutMs ?? 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // a program that exits before reading all of stdin
    child.stdin.end(opts.stdin ?? '');
  });
}

/** What `trained lookup` and `npm start` need to read a fixture index with its search-only key. */
export function searchEnv(fx: FixtureIndex): Record<string, string> {
  const url = inject('typesense')
    .nodes.map((n) => `${n.protocol}://${n.host}:${n.port}`)
    .join(',');
  return { TYPESENSE_URL: url, TYPESENSE_API_KEY: fx.searchKey, TYPESENSE_ALIAS: fx.alias };
}
