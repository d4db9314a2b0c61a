/**
 * What both chat adapters need to answer in time and stop cleanly: work that must finish before
 * the adapter stops (SIGTERM: in-flight replies finish), and a race of work against a deadline
 * that does not cancel the work (Slack's ack budget, Discord's deferral and token lifetime).
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  run<T>(work: () => Promise<T>): Promise<T> {
    const p = work();
    this.running.add(p);
    const forget = (): void => {
      this.running.delete(p);
    };
    p.then(forget, forget);
    return p;
  }

  get size(): number {
    return this.running.size;
  }

  /** Waits for everything running now, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    await settleWithin(Promise.allSettled([...this.running]), timeoutMs);
  }
}

export type Settled<T> = { settled: true; value: T } | { settled: false };

/** Whether `work` settles within `ms` (none left: at once), without cancelling it; its failure is passed on. */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  if (ms <= 0) return { settled: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ settled: false }>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ settled: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
