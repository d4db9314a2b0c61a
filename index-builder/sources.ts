/**
 * Where a source's bytes come from: a file, a directory or glob of shards, or an http(s)
 * URL. URLs are streamed; parquet needs random access to its footer, so a parquet URL is
 * streamed to a temporary file first (bounded memory, no whole-file buffer).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { joinOf, type DatasetDescriptor } from './datasets/descriptor.js';

/** A missing file, an unreadable URL: one clear line for the person running the build. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface Input {
  /** A local path or an http(s) URL. */
  location: string;
  /** Shown in reports (file name). */
  name: string;
}

const EXTENSIONS: Record<string, string[]> = {
  parquet: ['.parquet'],
  jsonl: ['.jsonl', '.json', '.ndjson'],
  csv: ['.csv'],
  tsv: ['.tsv', '.tab'],
};

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

async function statOrUndefined(path: string) {
  return stat(path).catch(() => undefined);
}

/** The files (or the URL) a source location names, in a stable order. */
export async function resolveInputs(descriptor: DatasetDescriptor, location: string): Promise<Input[]> {
  if (isUrl(location)) return [{ location, name: basename(new URL(location).pathname) || location }];
  const extensions = EXTENSIONS[descriptor.format.type] ?? [];
  if (/[*?]/.test(basename(location))) {
    const dir = dirname(location);
    const pattern = globToRegExp(basename(location));
    const names = (await readdir(dir).catch(() => [])).filter((n) => pattern.test(n)).sort();
    if (names.length === 0) throw new SourceError(`${descriptor.id}: no file matches ${location}`);
    return names.map((n) => ({ location: join(dir, n), name: n }));
  }
  const info = await statOrUndefined(location);
  if (info === undefined) throw new SourceError(`${descriptor.id}: file not found: ${location}`);
  if (info.isFile()) return [{ location, name: basename(location) }];
  // Published layouts nest files (LAION: data/train-*.parquet; FMA: fma_metadata/tracks.csv), so a directory is searched below too.
  const wanted = descriptor.format.type === 'csv' || descriptor.format.type === 'tsv' ? descriptor.format.file : undefined;
  const files = await walk(location, MAX_DEPTH);
  if (wanted !== undefined) {
    const path = files.filter((f) => basename(f) === wanted).sort((a, b) => a.length - b.length)[0];
    if (path === undefined) throw new SourceError(`${descriptor.id}: ${wanted} not found in ${location}`);
    return [{ location: path, name: wanted }];
  }
  const matching = files.filter((f) => extensions.some((e) => f.toLowerCase().endsWith(e))).sort();
  if (matching.length === 0) throw new SourceError(`${descriptor.id}: no ${extensions.join(' or ')} file in ${location}`);
  return matching.map((f) => ({ location: f, name: relative(location, f) }));
}

const MAX_DEPTH = 3;

/**
 * Files under `dir`, a few levels down, skipping hidden directories (e.g. Hugging Face's
 * .cache). Links are followed (a Hugging Face snapshot is links into its blob store); the
 * depth bound stops a link loop.
 */
async function walk(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    const kind = e.isSymbolicLink() ? await statOrUndefined(path) : e;
    if (kind?.isFile() === true) out.push(path);
    else if (kind?.isDirectory() === true && depth > 0 && !e.name.startsWith('.')) out.push(...(await walk(path, depth - 1)));
  }
  return out;
}

/** The join file (FMA's raw_tracks.csv) next to the main file, when it is there. */
export async function joinInput(descriptor: DatasetDescriptor, main: Input): Promise<Input | undefined> {
  const spec = joinOf(descriptor.format);
  if (spec === undefined) return undefined;
  const file = spec.file;
  if (isUrl(main.location)) {
    const url = new URL(file, main.location).href;
    const res = await fetch(url, { method: 'HEAD' }).catch(() => undefined);
    return res?.ok === true ? { location: url, name: file } : undefined;
  }
  const path = join(dirname(main.location), file);
  return (await statOrUndefined(path))?.isFile() === true ? { location: path, name: file } : undefined;
}

export interface OpenedStream {
  stream: Readable;
  /** Total bytes when known (for progress). */
  size: number | undefined;
  /** Bytes read so far. */
  bytesRead(): number;
}

async function fetchOk(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new SourceError(`cannot reach ${url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
  }
  if (!res.ok || res.body === null) throw new SourceError(`GET ${url} answered ${res.status} ${res.statusText}`);
  return res;
}

/** A byte stream of the input with a running byte count. */
export async function openStream(input: Input): Promise<OpenedStream> {
  let source: Readable;
  let size: number | undefined;
  if (isUrl(input.location)) {
    const res = await fetchOk(input.location);
    const length = Number(res.headers.get('content-length'));
    size = Number.isFinite(length) && length > 0 ? length : undefined;
    source = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
  } else {
    const info = await statOrUndefined(input.location);
    if (info === undefined) throw new SourceError(`file not found: ${input.location}`);
    size = info.size;
    source = createReadStream(input.location, { highWaterMark: 1 << 20 });
  }
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  source.on('error', (err) => counter.destroy(err));
  return { stream: source.pipe(counter), size, bytesRead: () => read };
}

/** A local path for random access: the file itself, or a URL streamed to a temporary file. */
export async function localCopy(input: Input): Promise<{ path: string; cleanup(): Promise<void> }> {
  if (!isUrl(input.location)) {
    if ((await statOrUndefined(input.location)) === undefined) throw new SourceError(`file not found: ${input.location}`);
    return { path: input.location, cleanup: async () => undefined };
  }
  const dir = await mkdtemp(join(tmpdir(), 'trained-index-'));
  const path = join(dir, input.name || 'download');
  try {
    const res = await fetchOk(input.location);
    await pipeline(Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>), createWriteStream(path));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err instanceof SourceError ? err : new SourceError(`download of ${input.location} failed: ${(err as Error).message}`);
  }
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
