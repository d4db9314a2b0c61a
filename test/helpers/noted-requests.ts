import type { TypesenseClient } from '../../src/typesense/client.js';

/** A multi_search request a client sent, and how many of that client's requests were in flight beside it. */
export interface NotedRequest<B> {
  body: B;
  beside: number;
  /** This request's number among the client's noted requests (0 first). */
  seq: number;
  /** The number of the request whose answer came last before this one was sent (-1: none yet): what it may follow from. */
  after: number;
}

/** Notes every multi_search request `client` sends from now on; `take` hands over those noted so far. */
export function noteRequests<B = { searches: { per_page?: number; filter_by?: string }[] }>(
  client: TypesenseClient,
): { take(): NotedRequest<B>[] } {
  const noted: NotedRequest<B>[] = [];
  let active = 0;
  let sent = 0;
  let answered = -1;
  const perform = client.multiSearch.perform.bind(client.multiSearch);
  client.multiSearch.perform = (async (body: B, ...rest: unknown[]) => {
    const seq = sent++;
    noted.push({ body, beside: active, seq, after: answered });
    active++;
    try {
      return await (perform as (...a: unknown[]) => Promise<unknown>)(body, ...rest);
    } finally {
      active--;
      answered = seq;
    }
  }) as typeof client.multiSearch.perform;
  return { take: () => noted.splice(0) };
}
