/**
 * How a title round's searches go to the server: as one multi_search, or as two sent at once.
 *
 * Typesense 0.24.1 runs the searches of one multi_search one after the other on one thread
 * (running them concurrently came later, as a request option: typesense/typesense#2726). A title
 * round is the exact search plus up to three typo searches, so a lone query kept one core busy and
 * left the others idle. Two requests sent at once are served on two threads: the round then takes
 * about as long as its slower half instead of the sum. Under load every core is busy already and a
 * second request only adds its overhead, so the port splits a round only when no other request of
 * its own is in flight (typesense-search.ts).
 */
import type { PlannedSearch, SearchRole } from './plan.js';

/** The typo searches over the whole index: usually the costliest search of a round, so asked beside the rest. */
const WHOLE_INDEX: ReadonlySet<SearchRole> = new Set<SearchRole>(['fuzzy-title', 'similar-titles']);

/**
 * The positions of `plan`'s searches per request: the whole index's typo search of the title alone,
 * and every other search (the exact rows, the artist's, the counts: each costs the rows of one title
 * or one artist) in the other. One group when there is nothing to put beside it.
 */
export function splitRound(plan: readonly Pick<PlannedSearch, 'role'>[]): number[][] {
  const apart: number[] = [];
  const rest: number[] = [];
  plan.forEach((p, i) => (WHOLE_INDEX.has(p.role) ? apart : rest).push(i));
  return apart.length === 0 || rest.length === 0 ? [plan.map((_, i) => i)] : [rest, apart];
}

/** Each group's answers back in the plan's order. */
export function joinRound<T>(groups: readonly (readonly number[])[], answers: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  groups.forEach((group, g) =>
    group.forEach((at, i) => {
      const answer = answers[g]?.[i];
      if (answer === undefined) throw new Error(`no answer for search ${at} of the round`);
      out[at] = answer;
    }),
  );
  return out;
}

/**
 * Runs each group through `send` at once, the answers joined back in plan order. Either group
 * failing aborts the other (its connections close, so the server stops working for nobody), the
 * caller's `signal` aborts both, and the first failure is thrown. A group's `send` may take more
 * than one request (a title round's further searches follow their own group's answer).
 */
export async function sendAtOnce<T>(
  groups: readonly (readonly number[])[],
  send: (group: readonly number[], signal: AbortSignal) => Promise<T[]>,
  signal?: AbortSignal,
): Promise<T[]> {
  const both = new AbortController();
  const stop = (): void => both.abort();
  if (signal?.aborted === true) both.abort();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const answers = await Promise.all(
      groups.map((group) =>
        send(group, both.signal).catch((err: unknown) => {
          both.abort();
          throw err;
        }),
      ),
    );
    return joinRound(groups, answers);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
