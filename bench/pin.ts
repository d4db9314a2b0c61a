/**
 * The server on a core of its own: on two cores shared by a client and Typesense, the client's
 * CPU is taken from the server's, so a bot or builder that does more than a plain client reads
 * slower than it by all of that work. Pinned, the server runs on the first core and this process
 * (the bot, the direct requests, the builder it spawns: children inherit the mask) on the others,
 * as on a host that gives each its own. `npm run bench` with BENCH_PIN=1 pins its server
 * for the whole run; the scale bench's SCALE_PIN=1 repeats its throughput commands pinned.
 */
import { execFileSync } from 'node:child_process';

/** Every thread of a process onto the cores of a hex mask (util-linux taskset). */
function pin(pid: number, mask: bigint): void {
  execFileSync('taskset', ['-a', '-p', mask.toString(16), String(pid)], { stdio: 'ignore' });
}

/** A process's cores, as taskset reads its mask. */
function affinity(pid: number): bigint {
  const said = execFileSync('taskset', ['-p', String(pid)], { encoding: 'utf8' });
  const hex = /affinity mask: ([0-9a-f]+)/.exec(said)?.[1];
  if (hex === undefined) throw new Error(`taskset said: ${said.trim()}`);
  return BigInt(`0x${hex}`);
}

/** Whether a server is pinned apart now: the benches' CPU lines then predict nothing from shared cores. */
let apart = false;

export function pinnedApart(): boolean {
  return apart;
}

/**
 * Pins the server to the first core this process may use and this process to the rest; returns
 * what undoes it (each back to the cores it had), or undefined when there are fewer than two.
 */
export function pinApart(serverPid: number): { undo: () => void; line: string } | undefined {
  const own = affinity(process.pid);
  const server = affinity(serverPid);
  const first = own & -own;
  const rest = own & ~first;
  if (rest === 0n) return undefined;
  const cores = (m: bigint): string =>
    [...m.toString(2)]
      .reverse()
      .flatMap((b, i) => (b === '1' ? [String(i)] : []))
      .join(',');
  pin(serverPid, first);
  pin(process.pid, rest);
  apart = true;
  return {
    undo: () => {
      pin(serverPid, server);
      pin(process.pid, own);
      apart = false;
    },
    line: `pinned (taskset): Typesense on core ${cores(first)}, this process and its children on cores ${cores(rest)}`,
  };
}
