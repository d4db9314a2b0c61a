import { readFile } from 'node:fs/promises';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) * 1024;
}

export const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
export const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
