/**
 * The server on a core of its own: on two cores shared by a client and Typesense, the client's
 * CPU is taken from the server's, so a bot or builder that does more than a plain client reads
 * slower than one whatever it does with its own core. Pinned, the server runs on core 0 and this
 * process (the bot, the direct requests, the builder it spawns: children inherit the mask) on the
 * others, as on a host that gives each its own. `npm run bench` with BENCH_PIN=1 pins its server
 * for the whole run; the scale bench's SCALE_PIN=1 repeats its throughput commands pinned.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Every thread of a process onto the cores of a hex mask (util-linux taskset). */
function pin(pid: number, mask: string): void {
  execFileSync('taskset', ['-a', '-p', mask, String(pid)], { stdio: 'ignore' });
}

/**
 * Pins the server to core 0 and this process to the rest; returns what undoes it (every core
 * again for both), or undefined when there are fewer than two cores to part.
 */
export function pinApart(serverPid: number): { undo: () => void; line: string } | undefined {
  const cores = availableParallelism();
  if (cores < 2) return undefined;
  const all = (2 ** cores - 1).toString(16);
  pin(serverPid, '1');
  pin(process.pid, (2 ** cores - 2).toString(16));
  return {
    undo: () => {
      pin(serverPid, all);
      pin(process.pid, all);
    },
    line: `pinned (taskset): Typesense on core 0, this process and its children on cores 1-${cores - 1}`,
  };
}
