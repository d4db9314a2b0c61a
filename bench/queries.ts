/**
 * The query kinds every search bench asks, and their "direct" twins: the very multi_search
 * bodies the search port sent for the same query, recorded from a port whose client writes
 * them down, then replayed over a plain keep-alive fetch. Bot and direct therefore ask the
 * same questions by construction, whatever the plan becomes; they are timed in alternating
 * order (the second of a pair meets a warmer cache).
 */
import type { SearchPort } from '../src/search/port.js';
import { TypesenseSearch, type TypesenseSearchOptions } from '../src/search/typesense-search.js';
import { forgetRemembered } from '../src/search/remembered.js';
import { createTypesenseClient, type TypesenseClient } from '../src/typesense/client.js';
import type { Sample } from './realistic.js';
import { noteRequests, type NotedRequest } from '../test/helpers/noted-requests.js';
import { percentile, ratioInterval } from './stats.js';
import { Pool } from 'undici';
import { MAX_CONNECTIONS } from '../src/typesense/lean-transport.js';

export type Ask = (search: SearchPort) => Promise<unknown>;

/** One typo in the longest word of the title (a swap of two letters, or a doubled one). */
export function misspell(title: string): string {
  const words = title.split(' ');
  let at = 0;
  words.forEach((w, i) => (w.length > (words[at]?.length ?? 0) ? (at = i) : undefined));
  const w = [...(words[at] ?? '')];
  if (w.length >= 4) [w[1], w[2]] = [w[2] ?? '', w[1] ?? ''];
  else w.push(w[w.length - 1] ?? 'e');
  words[at] = w.join('');
  return words.join(' ');
}

/** The kinds a bench asks of one sample row: what a user types in each case. */
export function kindsOf(s: Sample): Record<string, Ask> {
  const artist = s.artists[0] ?? '';
  const id = s.youtubeId ?? s.rowKey;
  const out: Record<string, Ask> = {
    exact: (p) => p.searchTracks({ title: s.title, artist }),
    misspelt: (p) => p.searchTracks({ title: misspell(s.title), artist }),
    'title only': (p) => p.searchTracks({ title: s.title }),
    'artist coverage': (p) => p.artistCoverage(artist),
    id: (p) => p.lookupByPlatformId('youtube', id),
  };
  for (const n of [1, 2, 3, 4, 6]) {
    out[`title prefix ${n}`] = (p) => p.suggest(s.title.slice(0, n), 'title');
    out[`artist prefix ${n}`] = (p) => p.suggest(artist.slice(0, n), 'artist');
  }
  return out;
}

export interface Endpoint {
  nodes: { host: string; port: number; protocol: 'http' | 'https' }[];
  base: string;
  searchKey: string;
  alias: string;
}

/**
 * Bodies the port sent at once (a title round split in two, src/search/round.ts): recorded as one
 * entry of branches, each the bodies one half sent in turn (its first request, then what its own
 * answer called for: title-round.ts asks a half's further searches as soon as that half answers).
 * Replayed the same way (`replay`): the halves at once, each half's next body when its own answer came.
 */
export interface AtOnce {
  atOnce: object[][];
}

function atOnce(entry: object): object[][] | undefined {
  return 'atOnce' in entry ? (entry as AtOnce).atOnce : undefined;
}

/** Every body of recorded entries, those sent at once one by one. */
export function eachBody(entries: readonly object[]): object[] {
  return entries.flatMap((entry) => atOnce(entry)?.flat() ?? [entry]);
}

/**
 * Noted requests (test/helpers/noted-requests.ts) as replay entries: a request sent alone is its
 * own entry; requests sent while another was in flight join it in one `AtOnce` entry, a request
 * sent after a branch's last answer (and before the others') as that branch's next body, any other
 * as a branch of its own. So a half's further search is replayed after its own half's answer, not
 * beside both halves before either answered.
 */
export function entriesOf(noted: readonly NotedRequest<object>[]): object[] {
  const out: object[] = [];
  let open: { last: number; bodies: object[] }[] | undefined;
  let previous = -1;
  for (const { body, beside, seq, after } of noted) {
    const lone = previous;
    previous = seq;
    if (beside === 0) {
      open = undefined;
      out.push(body);
      continue;
    }
    if (open === undefined) {
      // The request before this one, in flight and alone until now, is the group's first branch.
      const last = out.pop();
      open = last === undefined ? [] : [{ last: lone, bodies: [last] }];
      out.push({ atOnce: [] } satisfies AtOnce);
    }
    const branch = open.find((b) => b.last === after);
    if (branch !== undefined) {
      branch.last = seq;
      branch.bodies.push(body);
    } else open.push({ last: seq, bodies: [body] });
    out[out.length - 1] = { atOnce: open.map((b) => b.bodies) } satisfies AtOnce;
  }
  return out;
}

/**
 * A port whose client records every multi_search body it sends, in order; bodies sent while
 * another was in flight are one `AtOnce` entry (entriesOf). `port` holds the measured port's own
 * options (such as its common-word threshold), so both send the same searches.
 */
export function recordingPort(e: Endpoint, port: Pick<TypesenseSearchOptions, 'commonWordRows'> = {}): Recorder<TypesenseSearch> {
  const client: TypesenseClient = createTypesenseClient({ nodes: e.nodes, apiKey: e.searchKey, timeoutMs: 30_000 });
  const noted = noteRequests<object>(client);
  return {
    // infoTtl 0: each call records the index-info read it depends on; the measured port reads it once, as the bot does.
    target: new TypesenseSearch({ client, collection: e.alias, infoTtlMs: 0, ...port }),
    take: () => entriesOf(noted.take()),
  };
}

/**
 * The direct side's keep-alive connections to each server: undici's Pool, the library under the
 * bot's own transport (src/typesense/lean-transport.ts), as many connections as it allows. Not
 * Node's `fetch`: its WHATWG layer costs ~1 ms a request here and a p99 of 10–12 ms on GET /health
 * (undici's Pool 0.2–0.3 ms and 3–4 ms, Python's http.client 0.25 and 0.45), which flattered the bot.
 */
const pools = new Map<string, Pool>();

function directPool(base: string): Pool {
  let pool = pools.get(base);
  if (pool === undefined) {
    pool = new Pool(base, { connections: MAX_CONNECTIONS });
    pools.set(base, pool);
  }
  return pool;
}

/**
 * One plain request over the direct pool, its answer read and parsed (any client of the server must
 * parse it to use it; the bot's transport reads the text and parses it the same way); throws on an
 * HTTP error.
 */
export async function direct(
  base: string,
  path: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<unknown> {
  const res = await directPool(base).request({
    path,
    method: init.method ?? 'GET',
    ...(init.headers === undefined ? {} : { headers: init.headers }),
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await res.body.text();
  if (res.statusCode >= 400) throw new Error(`direct ${res.statusCode}`);
  return JSON.parse(text) as unknown;
}

/** One plain POST /multi_search, asking for an uncompressed response as the bot's client does of a server this near (client.ts). */
function post(e: Endpoint, body: object): Promise<unknown> {
  return direct(e.base, '/multi_search', {
    method: 'POST',
    headers: { 'X-TYPESENSE-API-KEY': e.searchKey, 'content-type': 'application/json', 'accept-encoding': 'identity' },
    body: JSON.stringify(body),
  });
}

/** Direct requests in flight, over every replay of this process: the port's own rule for a split round. */
let directInFlight = 0;

async function send(e: Endpoint, body: object): Promise<void> {
  directInFlight++;
  try {
    await post(e, body);
  } finally {
    directInFlight--;
  }
}

/** One request of every search of `bodies`: what the port sends of a round it does not split. */
function merged(bodies: readonly object[]): object {
  return { searches: bodies.flatMap((b) => (b as { searches?: object[] }).searches ?? []) };
}

/**
 * Sends recorded entries in order, each a plain POST /multi_search over the direct pool (`directPool`).
 * The branches of bodies the port sent at once go at once when no other direct request is in flight,
 * each branch's next body as soon as its own answer comes; with another in flight, as the port itself
 * sends an unsplit round (src/search/round.ts): the branches' first bodies as one request, then their
 * further bodies as one more.
 */
export async function replay(e: Endpoint, bodies: readonly object[]): Promise<void> {
  for (const entry of bodies) {
    const branches = atOnce(entry);
    if (branches === undefined) await send(e, entry);
    else if (directInFlight === 0) {
      await Promise.all(
        branches.map(async (branch) => {
          for (const body of branch) await send(e, body);
        }),
      );
    } else {
      const depth = Math.max(...branches.map((b) => b.length));
      for (let k = 0; k < depth; k++) await send(e, merged(branches.flatMap((b) => b.slice(k, k + 1))));
    }
  }
}

export interface Timed {
  /** Sorted latencies, ms. */
  bot: number[];
  direct: number[];
  /** The bot's latency of each ask, in ask order, and the bodies it sent (for `slowest`). */
  botByAsk: number[];
  /** The direct side's latency of each ask, in ask order (paired with `botByAsk` for ratioInterval). */
  directByAsk: number[];
  bodies: object[][];
}

/** What records the bodies a call sends: a port on a recording client, or a bot over such a port. */
export interface Recorder<T> {
  target: T;
  take(): object[];
}

/**
 * Times `asks` on `measured` and as the bodies the same asks sent through `recorder`, replayed
 * directly, alternating which goes first; the recording pass doubles as the warm-up (of the code
 * and the connections: what the port remembers of titles is forgotten before each timed ask).
 * Returns sorted latencies in ms.
 */
export async function sideBySide<T = SearchPort>(
  e: Endpoint,
  measured: T,
  asks: readonly ((t: T) => Promise<unknown>)[],
  recorder: Recorder<T> = recordingPort(e) as unknown as Recorder<T>,
): Promise<Timed> {
  const bodies: object[][] = [];
  for (const ask of asks) {
    await ask(recorder.target);
    // The index-info read is cached by the measured port (and by the bot): not part of a lookup.
    bodies.push(recorder.take().filter((b) => !JSON.stringify(b).includes('__index_info')));
    await ask(measured);
  }
  // The garbage of what ran before (another kind's asks: an artist's thousands of rows) collected now,
  // not by whichever side happens to allocate while a major GC's marking is under way (npm run bench
  // passes --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const out: Timed = { bot: [], direct: [], botByAsk: [], directByAsk: [], bodies };
  for (const [i, ask] of asks.entries()) {
    for (const side of i % 2 === 0 ? (['direct', 'bot'] as const) : (['bot', 'direct'] as const)) {
      // The same ask ran twice just before (recorded, warmed): the bot times it as a query never asked,
      // not with every title's keys and hashes remembered from those runs.
      if (side === 'bot') forgetRemembered();
      const t = performance.now();
      if (side === 'bot') await ask(measured);
      else await replay(e, bodies[i] ?? []);
      const took = performance.now() - t;
      out[side].push(took);
      out[side === 'bot' ? 'botByAsk' : 'directByAsk'].push(took);
    }
  }
  out.bot.sort((a, b) => a - b);
  out.direct.sort((a, b) => a - b);
  return out;
}

const f = (n: number, w = 7): string => (n < 10 ? n.toFixed(2) : n.toFixed(1)).padStart(w);

export const SIDE_HEADER =
  'kind                bot p50  bot p99 | direct p50 direct p99 | p50 ratio p99 ratio (target <= 1.10) | p50 ratio, 95% of redrawn asks';

export function sideLine(name: string, t: Timed): string {
  const [b50, b99, d50, d99] = [percentile(t.bot, 50), percentile(t.bot, 99), percentile(t.direct, 50), percentile(t.direct, 99)];
  const [low, high] = ratioInterval(t.botByAsk, t.directByAsk);
  return (
    `${name.padEnd(18)} ${f(b50)}  ${f(b99)} |  ${f(d50)}    ${f(d99)} |   ${(b50 / d50).toFixed(2)}      ${(b99 / d99).toFixed(2)}` +
    `${''.padEnd(22)} | ${low.toFixed(2)}–${high.toFixed(2)}`
  );
}

/** Samples whose row is a track row (the bench's query set), spread over the stream. */
export function spread(samples: readonly Sample[], n: number): Sample[] {
  if (samples.length <= n) return [...samples];
  return Array.from({ length: n }, (_, i) => samples[Math.floor((i * samples.length) / n)] as Sample);
}

/** What one search of a body is, in a few words: its query over its field, or the filter alone. */
function describe(search: Record<string, unknown>): string {
  const q = String(search.q ?? '');
  const filter = String(search.filter_by ?? '').replace(/`[^`]*`/g, '…');
  const what = q === '*' ? 'filter' : `q "${q.slice(0, 24)}" by ${String(search.query_by ?? '')} typos ${String(search.num_typos ?? 2)}`;
  return filter === '' ? what : `${what} [${filter.slice(0, 60)}]`;
}

/**
 * Where the slowest asks' time goes: each of their searches sent again alone, with the server's
 * own `search_time_ms` and `found`. Printed under a kind's line, so a tail names its search.
 */
export async function slowest(e: Endpoint, t: Timed, n = 3): Promise<string[]> {
  const order = t.botByAsk
    .map((ms, i) => ({ ms, i }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n);
  const lines: string[] = [];
  for (const { ms, i } of order) {
    const parts: string[] = [];
    for (const body of eachBody(t.bodies[i] ?? [])) {
      for (const search of (body as { searches?: Record<string, unknown>[] }).searches ?? []) {
        const out = (await post(e, { searches: [search] })) as { results?: { search_time_ms?: number; found?: number }[] };
        const r = out.results?.[0];
        parts.push(`${r?.search_time_ms ?? '?'} ms (${r?.found ?? '?'} found) ${describe(search)}`);
      }
    }
    lines.push(`    slow: ${ms.toFixed(1)} ms = ${parts.join(' + ')}`);
  }
  return lines;
}
