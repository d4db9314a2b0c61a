/**
 * What the throughput goal leaves a client of its own work (issue 17). With the bot and Typesense
 * on the same cores, every µs the client spends is one the server does not, so the rate at several
 * in flight falls with the client's own CPU a command, whatever that work is. The "headroom" side
 * replays the same bodies as the direct side, plus a fixed amount of plain arithmetic a command
 * (split before the first request, between them and after the last, where the bot parses, plans
 * and writes its reply): no allocation, no garbage, nothing a leaner bot could do less of. Its
 * rate beside the direct side's says how much own work a client may do and still keep the goal.
 */
import { replay, type Endpoint } from './queries.js';

/** Iterations of `spin` a µs of CPU takes on this machine, measured once (over ~50 ms) on first use. */
let perMicrosecond: number | undefined;

/** The result of the spins, kept where the optimiser cannot prove it unused. */
let sink = 1;

function spin(iterations: number): void {
  let a = sink;
  for (let i = 0; i < iterations; i++) a = (a * 48271) % 2147483647;
  sink = a;
}

function calibrated(): number {
  if (perMicrosecond !== undefined) return perMicrosecond;
  spin(1e6); // compiled before it is timed
  let iterations = 1e6;
  for (;;) {
    const from = process.cpuUsage();
    spin(iterations);
    const used = process.cpuUsage(from);
    const us = used.user + used.system;
    if (us >= 50_000) {
      perMicrosecond = iterations / us;
      return perMicrosecond;
    }
    iterations *= 2;
  }
}

/** Work of about `us` µs of CPU on an idle core (calibrated once), as a function to call. */
export function work(us: number): () => void {
  const iterations = Math.round(us * calibrated());
  return () => spin(iterations);
}

/**
 * A replay of `entries` (as `replay` sends them) with `us` µs of own work a command, in equal shares
 * before the first entry, after each one: the shape of a bot's command, whose work surrounds its requests.
 */
export function replayWithWork(
  us: number,
  make: (us: number) => () => void = work,
): (e: Endpoint, entries: readonly object[]) => Promise<void> {
  return async (e, entries) => {
    const share = make(us / (entries.length + 1));
    share();
    for (const entry of entries) {
      await replay(e, [entry]);
      share();
    }
  };
}

/** `BENCH_HEADROOM_US`: µs of own work a command on the headroom side (default 20; 0 leaves the side out). */
export function headroomUs(): number {
  const us = Number(process.env.BENCH_HEADROOM_US ?? '20');
  return Number.isFinite(us) && us > 0 ? us : 0;
}

/** `BENCH_HEADROOM_ROW_US`: µs of own work a row on the import's headroom run (default 10; 0 leaves it out). */
export function headroomRowUs(): number {
  const us = Number(process.env.BENCH_HEADROOM_ROW_US ?? '10');
  return Number.isFinite(us) && us > 0 ? us : 0;
}
