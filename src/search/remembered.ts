/**
 * A pure function of one string, remembered for the strings seen lately: a window of a popular
 * title's rows repeats one title and a few artists 250 times, and normalising each again was most
 * of ranking's time (0.7–0.8 ms for 250 rows of "Intro", measured). Forgets all at `max` entries.
 * What it returns is shared between calls: read only.
 */
export function remembered<T>(f: (s: string) => T, max = 4096): (s: string) => T {
  const seen = new Map<string, T>();
  register(seen);
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined || seen.has(s)) return known as T;
    const v = f(s);
    if (seen.size >= max) seen.clear();
    seen.set(s, v);
    return v;
  };
}

/** Every remembered function's memory, held weakly (a function made per dataset may be dropped). */
const memories: WeakRef<Map<string, unknown>>[] = [];

function register(seen: Map<string, unknown>): void {
  if (memories.length >= 256) {
    const alive = memories.filter((m) => m.deref() !== undefined);
    memories.splice(0, memories.length, ...alive);
  }
  memories.push(new WeakRef(seen));
}

/**
 * Forgets what every remembered function has seen. For the benches: a lookup timed right after the
 * same lookup was recorded would otherwise find every title's keys and hashes remembered, as no
 * new query does.
 */
export function forgetRemembered(): void {
  for (const m of memories) m.deref()?.clear();
}
