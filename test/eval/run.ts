/**
 * Runs the evaluation: builds the fixtures through the real index-builder, asks every
 * labelled query through `trained lookup`'s answer (the same core the bot uses), and
 * scores recall and claim precision per kind. The code under test is loaded from a
 * checkout directory, so `npm run bench -- eval` can score today's code and an older
 * commit's side by side on the same fixtures (EVAL_BASELINE=<checkout>).
 */
import { fileURLToPath } from 'node:url';
import { CASES, RESOLVED, type EvalCase, type Kind, type Status } from './cases.js';

export const THIS_CHECKOUT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));

export function evalSources(): { dataset: string; location: string }[] {
  return [
    { dataset: 'laion-disco-12m', location: `${FIXTURES}laion` },
    { dataset: 'spotify-tracks', location: `${FIXTURES}spotify` },
    { dataset: 'fma', location: `${FIXTURES}fma` },
    { dataset: 'sleeping-disco-9m', location: `${FIXTURES}sleeping` },
  ];
}

interface Node {
  host: string;
  port: number;
  protocol: string;
}

/** What the scorer reads from `trained lookup --json`; older commits print no status. */
interface LookupJson {
  status?: Status;
  matches: { dataset: string; rowId: string; basis: string }[];
  notFoundIn: string[];
}

type Answer = (query: string) => Promise<LookupJson>;

/** The parts of a checkout the evaluation drives, loaded by path so another commit's code can be scored. */
async function loadCheckout(root: string) {
  const at = async <T>(path: string): Promise<T> => (await import(`${root}${path}`)) as T;
  return {
    build: await at<{ buildIndex(o: object): Promise<unknown> }>('index-builder/build.ts'),
    collection: await at<{
      createSearchKey(c: unknown, cs: string[]): Promise<string>;
      aliasTarget(c: unknown, a: string): Promise<string | undefined>;
      dropCollection(c: unknown, n: string): Promise<void>;
    }>('index-builder/collection.ts'),
    client: await at<{ createTypesenseClient(o: object): { aliases(a: string): { delete(): Promise<unknown> } } }>(
      'src/typesense/client.ts',
    ),
    search: await at<{ TypesenseSearch: new (o: object) => unknown }>('src/search/typesense-search.ts'),
    answer: await at<{ answerQuery(ctx: object, raw: string): Promise<{ json: LookupJson }> }>('src/cli/lookup-answer.ts'),
    config: await at<{ loadConfig(env: Record<string, string>): object }>('src/config.ts'),
    settings: await at<{ MemorySettingsStore: new () => object }>('src/settings/store.ts'),
    log: await at<{ silentLogger: object }>('src/log.ts'),
  };
}

/** Builds the evaluation index with the checkout's own builder and returns its answer function. */
export async function evalIndex(
  root: string,
  typesense: { nodes: Node[]; adminKey: string },
  alias: string,
): Promise<{ answer: Answer; drop(): Promise<void> }> {
  const code = await loadCheckout(root);
  const admin = code.client.createTypesenseClient({ nodes: typesense.nodes, apiKey: typesense.adminKey, timeoutMs: 10_000 });
  await code.build.buildIndex({
    client: admin,
    sources: evalSources(),
    alias,
    // A few rows per dataset, far below what the publishers claim: a partial build on purpose.
    allowPartial: true,
    log: code.log.silentLogger,
    progress: false,
    dropDelayMs: 0,
  });
  const key = await code.collection.createSearchKey(admin, [alias]);
  const search = new code.search.TypesenseSearch({
    client: code.client.createTypesenseClient({ nodes: typesense.nodes, apiKey: key, timeoutMs: 10_000 }),
    collection: alias,
  });
  const resolver = {
    resolve: (link: { url: string }) => Promise.resolve(RESOLVED[link.url] ?? { ok: false, reason: 'unsupported' }),
  };
  const ctx = {
    search,
    settings: new code.settings.MemorySettingsStore(),
    config: code.config.loadConfig({ LOG_LEVEL: 'silent' }),
    log: code.log.silentLogger,
    resolver,
    now: Date.now,
    signal: new AbortController().signal,
    commands: () => [],
    visibility: 'public',
  };
  return {
    answer: async (query) => (await code.answer.answerQuery(ctx, query)).json,
    drop: async () => {
      const target = await code.collection.aliasTarget(admin, alias);
      await admin
        .aliases(alias)
        .delete()
        .catch(() => undefined);
      if (target !== undefined) await code.collection.dropCollection(admin, target);
    },
  };
}

export interface KindScore {
  cases: number;
  /** Expected rows returned (as hits, or as title rows for a title alone). */
  returned: number;
  expected: number;
  /** Claims: rows as `id`/`exact`, datasets as "not found", and the query's status. */
  rightClaims: number;
  claims: number;
  failures: string[];
}

const isHit = (basis: string): boolean => basis === 'id' || basis === 'exact';

/** The status an older commit's JSON implies (it printed none). */
function statusOf(json: LookupJson): Status {
  if (json.status !== undefined) return json.status;
  if (json.matches.some((m) => isHit(m.basis))) return 'found';
  return json.matches.length > 0 ? 'candidates' : 'not-found';
}

const datasetOf = (row: string): string => row.slice(0, row.indexOf(':'));

export function scoreCase(c: EvalCase, json: LookupJson, built: ReadonlySet<string>): Omit<KindScore, 'cases'> {
  const inIndex = (rows: readonly string[] | undefined): string[] => (rows ?? []).filter((r) => built.has(datasetOf(r)));
  const hits = inIndex(c.hits);
  const titleRows = inIndex(c.titleRows);
  const allowed = new Set([...hits, ...inIndex(c.may)]);
  const rows = json.matches.map((m) => ({ id: `${m.dataset}:${m.rowId}`, basis: m.basis }));
  const failures: string[] = [];
  const returnedHits = hits.filter((h) => rows.some((r) => r.id === h && isHit(r.basis)));
  const returnedTitles = titleRows.filter((t) => rows.some((r) => r.id === t && r.basis !== 'fuzzy'));
  for (const h of hits) if (!returnedHits.includes(h)) failures.push(`missed ${h}`);
  for (const t of titleRows) if (!returnedTitles.includes(t)) failures.push(`missed title row ${t}`);
  let claims = 0;
  let right = 0;
  for (const r of rows.filter((x) => isHit(x.basis))) {
    claims++;
    if (allowed.has(r.id)) right++;
    else failures.push(`wrong ${r.basis} claim ${r.id}`);
  }
  const holding = new Set([...hits, ...titleRows, ...allowed].map(datasetOf).concat(c.present ?? []));
  for (const d of json.notFoundIn) {
    claims++;
    const wrong = c.status === 'unchecked' || holding.has(d) || (c.unsearchable ?? []).includes(d);
    if (wrong) failures.push(`wrong "not found in ${d}"`);
    else right++;
  }
  const status = statusOf(json);
  claims++;
  if (status === c.status) right++;
  else failures.push(`status ${status}, expected ${c.status}`);
  return {
    returned: returnedHits.length + returnedTitles.length,
    expected: hits.length + titleRows.length,
    rightClaims: right,
    claims,
    failures,
  };
}

export type EvalReport = Record<Kind | 'all', KindScore>;

export async function runEval(answer: Answer): Promise<EvalReport> {
  const built = new Set(evalSources().map((s) => s.dataset));
  const empty = (): KindScore => ({ cases: 0, returned: 0, expected: 0, rightClaims: 0, claims: 0, failures: [] });
  const report = {} as EvalReport;
  for (const c of CASES) {
    if (c.needs !== undefined && !built.has(c.needs)) continue;
    const s = scoreCase(c, await answer(c.query), built);
    for (const key of [c.kind, 'all'] as const) {
      const k = (report[key] ??= empty());
      k.cases++;
      k.returned += s.returned;
      k.expected += s.expected;
      k.rightClaims += s.rightClaims;
      k.claims += s.claims;
      k.failures.push(...s.failures.map((f) => `${c.query}: ${f}`));
    }
  }
  return report;
}

export const recall = (k: KindScore): number => (k.expected === 0 ? 1 : k.returned / k.expected);
export const precision = (k: KindScore): number => (k.claims === 0 ? 1 : k.rightClaims / k.claims);
