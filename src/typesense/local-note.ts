/**
 * How `trained lookup` finds the local Typesense that `npm start` (or `trained-index` with no
 * TYPESENSE_URL) is running: a small file in the cache directory naming its URL and a
 * search-only key made for this run. The file is the owner's alone (0600): the key in it
 * reads the index, nothing more, but it is still nobody else's. It goes away when the server
 * stops; a file left by a process that died is recognised by its pid and ignored.
 */
import { randomBytes } from 'node:crypto';
import { lstat, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalServerNote {
  url: string;
  /** documents:search and documents:get on the alias: never the server's admin key. */
  searchKey: string;
  alias: string;
  /** The process that started the server and deletes the note (and the key) when it stops. */
  pid: number;
  startedBy: string;
}

export const NOTE_FILE = 'local-typesense.json';

export function notePath(cacheDir: string): string {
  return join(cacheDir, NOTE_FILE);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: a process of another user now has that pid, not the one that wrote the note.
    return false;
  }
}

function isNote(value: unknown): value is LocalServerNote {
  const v = value as Partial<LocalServerNote> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.url === 'string' &&
    /^http:\/\/127\.0\.0\.1:\d+$/.test(v.url) &&
    typeof v.searchKey === 'string' &&
    typeof v.alias === 'string' &&
    typeof v.pid === 'number' &&
    typeof v.startedBy === 'string'
  );
}

/** Writes the note (0600, atomically) and returns what removes it again, if it is still ours. */
export async function writeNote(cacheDir: string, note: LocalServerNote): Promise<() => Promise<void>> {
  const path = notePath(cacheDir);
  const tmp = `${path}.${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, `${JSON.stringify(note, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
  return async () => {
    const current = await readFile(path, 'utf8').catch(() => '');
    // Another process may have started a server since (after ours stopped): leave its note alone.
    if (current.includes(`"pid": ${note.pid},`) && current.includes(note.url)) await rm(path, { force: true });
  };
}

/**
 * The note, when a live process of this user wrote it: undefined when there is none, when it
 * is stale (its process is gone), or when anyone else could have written or read it.
 */
export async function readNote(cacheDir: string): Promise<LocalServerNote | undefined> {
  const path = notePath(cacheDir);
  try {
    const info = await lstat(path);
    const uid = process.getuid?.();
    if (!info.isFile() || (info.mode & 0o077) !== 0 || (uid !== undefined && info.uid !== uid)) return undefined;
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!isNote(parsed) || !alive(parsed.pid)) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}
