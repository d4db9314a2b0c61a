import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { silentStatus, type StatusLine } from '../status-line.js';

/**
 * The server runs under a small shell that kills it when our end of its stdin closes:
 * that happens on a clean stop and also when this process dies without cleanup
 * (SIGKILL, crash), so no server is ever left orphaned.
 */
// POSIX gives a background list /dev/null as stdin, so the pipe is kept on fd 3.
const WATCHDOG = `
exec 3<&0
"$0" "$@" </dev/null 3<&- &
server=$!
( while read -r _ <&3; do :; done; kill -TERM "$server" 2>/dev/null ) &
watcher=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT HUP
while kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
kill "$watcher" 2>/dev/null
exit "\${status:-0}"
`;

export interface LocalServerOptions {
  binary: string;
  log: Logger;
  /** Kept across runs when given (npm start); a fresh temporary directory otherwise. */
  dataDir?: string | undefined;
  apiKey?: string | undefined;
  startTimeoutMs?: number;
  /** Extra server flags, e.g. --nodes for a cluster member. */
  extraArgs?: string[];
  apiPort?: number;
  peeringPort?: number;
  /** Progress for the person waiting: a line while the server starts (it takes seconds on a cold disk). */
  status?: StatusLine;
}

export interface LocalServer {
  url: string;
  host: string;
  port: number;
  peeringPort: number;
  apiKey: string;
  dataDir: string;
  /** The server's own pid (not the watchdog's). */
  pid(): Promise<number | undefined>;
  /** SIGTERM, wait for exit (SIGKILL after the grace period). Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL the server, as a crash would. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(url: string, signal: AbortSignal): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal });
    return res.ok && ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function serverPid(watchdogPid: number | undefined): Promise<number | undefined> {
  if (watchdogPid === undefined) return undefined;
  const children = await readFile(`/proc/${watchdogPid}/task/${watchdogPid}/children`, 'utf8').catch(() => '');
  for (const pid of children.trim().split(/\s+/).filter(Boolean)) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes('--api-port')) return Number(pid);
  }
  return undefined;
}

/**
 * The admin key reaches the server through its environment (Typesense reads
 * TYPESENSE_API_KEY): /proc/<pid>/environ is readable only by the server's own user, while
 * its command line is readable by every local user. Nothing else is passed down: the server
 * reads other TYPESENSE_* variables too, and the bot's own (TYPESENSE_URL…) are not for it.
 */
function serverEnv(apiKey: string): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', TYPESENSE_API_KEY: apiKey };
}

export async function startLocalTypesense(opts: LocalServerOptions): Promise<LocalServer> {
  const ephemeral = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'trained-typesense-')));
  await mkdir(dataDir, { recursive: true });
  const apiKey = opts.apiKey ?? randomBytes(24).toString('hex');
  const port = opts.apiPort ?? (await freePort());
  const peeringPort = opts.peeringPort ?? (await freePort());
  const host = '127.0.0.1';
  const url = `http://${host}:${port}`;
  const args = [
    `--data-dir=${dataDir}`,
    `--api-address=${host}`,
    `--api-port=${port}`,
    `--peering-address=${host}`,
    `--peering-port=${peeringPort}`,
    ...(opts.extraArgs ?? []),
  ];
  const logFile = join(dataDir, 'server.log');
  const out = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn('/bin/sh', ['-c', WATCHDOG, opts.binary, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: serverEnv(apiKey),
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  // The pipe must not keep this process alive, nor may an EPIPE on it crash us.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stopped = false;

  const stop = async (graceMs = 15_000): Promise<void> => {
    if (!stopped) {
      stopped = true;
      child.stdin?.end();
      const timer = setTimeout(() => {
        void serverPid(child.pid).then((pid) => pid !== undefined && process.kill(pid, 'SIGKILL'));
      }, graceMs);
      await exited;
      clearTimeout(timer);
      out.end();
      if (ephemeral) await rm(dataDir, { recursive: true, force: true });
    }
    await exited;
  };

  const started = Date.now();
  const deadline = started + (opts.startTimeoutMs ?? 60_000);
  const status = opts.status ?? silentStatus;
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (!exitedEarly && Date.now() < deadline) {
    status.update(`Starting a local Typesense on ${url} (data in ${dataDir})… ${Math.floor((Date.now() - started) / 1000)} s`);
    const ctrl = AbortSignal.timeout(1000);
    if (await healthy(url, ctrl)) {
      opts.log.debug({ url, ms: Date.now() - started }, 'local typesense is up');
      status.done(`Local Typesense is up on ${url} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
      return {
        url,
        host,
        port,
        peeringPort,
        apiKey,
        dataDir,
        pid: () => serverPid(child.pid),
        stop,
        kill: async () => {
          const pid = await serverPid(child.pid);
          if (pid !== undefined) process.kill(pid, 'SIGKILL');
        },
        exited,
      };
    }
    await sleep(100);
  }
  const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-8).join('\n');
  status.done(`The local Typesense on ${url} did not start.`);
  await stop(2000);
  throw new Error(`typesense-server did not become healthy on ${url} within ${opts.startTimeoutMs ?? 60_000} ms. Last log lines:\n${tail}`);
}
