/**
 * The searches the bot's port really sends, seen on their way: a typesense-js client whose
 * multi_search is observed (the request goes to the server unchanged), and what a server
 * may treat differently in them (shared/docs/typesense.md, "what differs" 2–5).
 */
import type { TypesenseClient } from '../../src/typesense/client.js';

export type SearchParamsSent = Record<string, unknown>;

export interface SentSearch {
  params: SearchParamsSent;
  /** The server's error for this search inside the multi_search, if it refused it. */
  error: string | undefined;
}

/** A client that records every search the port sends and how the server answered each. */
export function observedClient(client: TypesenseClient, sink: SentSearch[]): TypesenseClient {
  const multiSearch = client.multiSearch;
  const perform = multiSearch.perform.bind(multiSearch) as (...args: unknown[]) => Promise<{ results: { error?: string }[] }>;
  const observed = Object.create(multiSearch, {
    perform: {
      value: async (...args: unknown[]) => {
        const searches = ((args[0] as { searches?: SearchParamsSent[] }).searches ?? []).map((s) => ({ ...s }));
        try {
          const res = await perform(...args);
          searches.forEach((params, i) => sink.push({ params, error: res.results[i]?.error }));
          return res;
        } catch (err) {
          for (const params of searches) sink.push({ params, error: err instanceof Error ? err.message : String(err) });
          throw err;
        }
      },
    },
  }) as typeof multiSearch;
  return Object.create(client, { multiSearch: { value: observed } }) as TypesenseClient;
}

/** Default `max_candidates` of current releases: 4 from this many documents on, 10 below (difference 2). */
export const MAX_CANDIDATES_SWITCH = 500_000;
/** From 29.0 words past the 20th of `q` are dropped (difference 3). */
export const MAX_QUERY_WORDS = 20;
/** From 0.25 a filter value's words are cut to 100 characters (difference 5). */
export const MAX_FILTER_WORD = 100;

export interface ParamFinding {
  difference: 2 | 3 | 4 | 5;
  severity: 'fail' | 'warn';
  message: string;
  params: SearchParamsSent;
}

function filterValues(filter: unknown): string[] {
  if (typeof filter !== 'string') return [];
  return [...filter.matchAll(/`([^`]*)`/g)].map((m) => m[1] ?? '');
}

const short = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/**
 * What in the parameters a current release reads otherwise than 0.24.1. `liveDocuments`: the
 * size of the collection the bot will search (max_candidates' default depends on it).
 */
export function paramFindings(sent: readonly SentSearch[], liveDocuments: number | undefined): ParamFinding[] {
  // One finding per difference, the first search showing it: the operator needs the kind, not every instance.
  const out: ParamFinding[] = [];
  const add = (f: ParamFinding): void => {
    if (!out.some((o) => o.difference === f.difference)) out.push(f);
  };
  for (const { params } of sent) {
    const q = typeof params.q === 'string' ? params.q : '*';
    const typos = Number(params.num_typos ?? 2);
    if (
      q !== '*' &&
      typos > 0 &&
      params.max_candidates === undefined &&
      liveDocuments !== undefined &&
      liveDocuments >= MAX_CANDIDATES_SWITCH
    )
      add({
        difference: 2,
        severity: 'warn',
        message:
          `searches with typos (query_by ${String(params.query_by)}) do not send max_candidates: on this collection of ` +
          `${liveDocuments.toLocaleString('en-US')} documents the server explores 4 typo candidates, on a test index under ` +
          `${MAX_CANDIDATES_SWITCH.toLocaleString('en-US')} it explores 10, so similar titles may differ from tests`,
        params,
      });
    const words = q === '*' ? 0 : q.split(/\s+/).filter(Boolean).length;
    if (words > MAX_QUERY_WORDS)
      add({
        difference: 3,
        severity: 'warn',
        message: `a query of ${words} words is sent ("${short(q)}"); from 29.0 the words past the 20th are dropped`,
        params,
      });
    for (const value of filterValues(params.filter_by)) {
      if (value.endsWith('*'))
        add({
          difference: 4,
          severity: 'fail',
          message: `a filter value ends in * ("${short(value)}"): a prefix filter from 26.0`,
          params,
        });
      const long = value.split(/\s+/).find((w) => [...w].length > MAX_FILTER_WORD);
      if (long !== undefined)
        add({
          difference: 5,
          severity: 'warn',
          message: `a filter value holds a word of ${[...long].length} characters: from 0.25 it is cut to 100 and may match more rows`,
          params,
        });
    }
  }
  return out;
}
