/**
 * A pure function of one string, remembered for the strings seen lately: a window of a popular
 * title's rows repeats one title and a few artists 250 times, and normalising each again was most
 * of ranking's time (0.7–0.8 ms for 250 rows of "Intro", measured). Forgets all at `max` entries.
 * What it returns is shared between calls: read only.
 */
export function remembered<T>(f: (s: string) => T, max = 4096): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined || seen.has(s)) return known as T;
    const v = f(s);
    if (seen.size >= max) seen.clear();
    seen.set(s, v);
    return v;
  };
}
