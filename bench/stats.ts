import { readFile } from 'node:fs/promises';
import { rng } from './random.js';

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * A 95% interval of p50(a) / p50(b), where a[i] and b[i] were measured for the same ask: the asks
 * drawn again with replacement `rounds` times (seeded, so a run prints the same interval for the
 * same timings), each draw's ratio of medians, their 2.5th and 97.5th percentiles. How far the
 * printed ratio could move with another draw of the same kind's queries and timings: a round's
 * ratio a little over its goal, with the goal inside this interval, is within its own noise.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], rounds = 1000, seed = 17): [number, number] {
  const n = Math.min(a.length, b.length);
  if (n === 0) return [NaN, NaN];
  const rand = rng(seed);
  const da = new Float64Array(n);
  const db = new Float64Array(n);
  const ratios = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rand() * n);
      da[i] = a[k] as number;
      db[i] = b[k] as number;
    }
    ratios[r] = percentile(da.sort(), 50) / percentile(db.sort(), 50);
  }
  ratios.sort();
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) * 1024;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every mainstream kernel build). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, all threads) a process has used so far, from /proc/<pid>/stat; NaN when unreadable. */
export async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The fields after the command name (which may hold spaces): the state first, utime and stime 11 and 12 places on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
export const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
