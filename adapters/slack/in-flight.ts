/** Work started by a request that must finish before the adapter stops (SIGTERM: in-flight replies finish). */
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
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
  }
}

/** Whether `work` settles within `ms`, without cancelling it. */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<{ settled: true; value: T } | { settled: false }> {
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
