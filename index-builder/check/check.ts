/**
 * `trained-index check`: before the bot goes live on a server (a current release, Typesense
 * Cloud), check what it will meet there: the server's version, the alias and its build, the
 * scopes of the bot's two keys, and every kind of search the bot sends — accepted, and
 * answered as Typesense 0.24.1 (the version the tests run) answers the same rows.
 *
 * The probe rows go into a collection of their own behind a throwaway alias (built by the
 * builder from the bundled sample, plus the rows of probes.ts), read with a search-only key
 * made for it; all three are removed afterwards, whatever happens. The live index is only read.
 */
import { randomBytes } from 'node:crypto';
import type { TypesenseNode } from '../../src/config.js';
import { toDocument } from '../../src/index/document.js';
import { suggestAlias } from '../../src/index/schema.js';
import type { Logger } from '../../src/log.js';
import { SETTINGS_COLLECTION } from '../../src/settings/typesense-store.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient, type TypesenseClient } from '../../src/typesense/client.js';
import { checkKeyPowers } from '../../src/typesense/key-check.js';
import { buildIndex } from '../build.js';
import { aliasTarget, createSearchKey, dropCollection, importBatch } from '../collection.js';
import { keyOf, listKeys, type KeyMeta } from '../keys.js';
import { SAMPLE_SOURCES } from '../sample.js';
import { PROBES, PROBE_ROWS } from './probes.js';
import { observedClient, paramFindings, type SentSearch } from './searches.js';

export type Severity = 'ok' | 'warn' | 'fail';

export interface Finding {
  severity: Severity;
  message: string;
  /** Parameters sent, expected and actual answers: what an operator needs to look further. */
  detail?: string[];
}

export interface ProbeResult {
  name: string;
  difference?: number;
  digest?: string;
  error?: string;
}

export interface CheckReport {
  server: string;
  version: string | undefined;
  findings: Finding[];
  /** The probe rows' answers on this server (what `--record` keeps as the golden answers). */
  probes: ProbeResult[];
  /** Searches sent, probe and live together. */
  searches: number;
}

export interface CheckOptions {
  admin: TypesenseClient;
  nodes: readonly TypesenseNode[];
  alias: string;
  apiKey: string | undefined;
  settingsKey: string | undefined;
  timeoutMs: number;
  log: Logger;
  /** Probe name → digest on Typesense 0.24.1. */
  golden: Readonly<Record<string, string>>;
}

const SEARCH_ACTIONS = ['documents:search', 'documents:get'];
const SETTINGS_ACTIONS = ['documents:get', 'documents:upsert', 'documents:create', 'documents:update', 'documents:search'];

/** Why a key's listed scope is not what the bot's variable needs; undefined when it is. */
function scopeIssue(meta: KeyMeta | undefined, actions: readonly string[], collections: readonly string[]): string | undefined {
  if (meta === undefined) return 'not a key this server lists (its bootstrap admin key, or one deleted or made elsewhere)';
  const extra = meta.actions.filter((a) => !actions.includes(a));
  if (extra.length > 0) return `it may also ${extra.join(', ')}`;
  if (!meta.actions.includes('documents:search') && !meta.actions.includes('documents:get')) return 'it may not read documents';
  if (!collections.every((c) => meta.collections.includes(c)) || meta.collections.some((c) => !collections.includes(c)))
    return `its collections are ${meta.collections.join(', ')} (the bot needs ${collections.join(' and ')} only)`;
  return undefined;
}

async function runProbes(search: TypesenseSearch): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  for (const probe of PROBES) {
    const base = { name: probe.name, ...(probe.difference === undefined ? {} : { difference: probe.difference }) };
    try {
      out.push({ ...base, digest: JSON.stringify(await probe.ask(search)) });
    } catch (err) {
      out.push({ ...base, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

const label = (p: ProbeResult): string => `${p.name}${p.difference === undefined ? '' : ` (difference ${p.difference})`}`;
const shown = (params: Record<string, unknown>): string => `sent: ${JSON.stringify({ ...params, include_fields: undefined })}`;

/** The probe collection: the sample, built by the builder, plus the probe rows; searched with its own search-only key. */
async function withProbeIndex<T>(o: CheckOptions, use: (search: TypesenseSearch, sent: SentSearch[]) => Promise<T>): Promise<T> {
  const alias = `trained_check_${randomBytes(4).toString('hex')}`;
  let collection: string | undefined;
  let keyId: number | undefined;
  try {
    const built = await buildIndex({
      client: o.admin,
      sources: SAMPLE_SOURCES,
      alias,
      sample: true,
      log: o.log,
      progress: false,
      dropDelayMs: 0,
    });
    collection = built.collection;
    await importBatch(
      o.admin,
      collection,
      PROBE_ROWS.map((r) => toDocument(r)),
    );
    const key = await createSearchKey(o.admin, [alias], 'trained-index check (temporary)');
    keyId = keyOf(await listKeys(o.admin), key)?.id;
    const sent: SentSearch[] = [];
    const client = observedClient(createTypesenseClient({ nodes: o.nodes, apiKey: key, timeoutMs: o.timeoutMs, retries: 1 }), sent);
    return await use(new TypesenseSearch({ client, collection: alias, infoTtlMs: 0 }), sent);
  } finally {
    // The build also made the probe alias's autocomplete collection behind <alias>_suggest.
    const suggestions = await aliasTarget(o.admin, suggestAlias(alias)).catch(() => undefined);
    for (const name of [alias, suggestAlias(alias)]) {
      await o.admin
        .aliases(name)
        .delete()
        .catch(() => undefined);
    }
    if (collection !== undefined) await dropCollection(o.admin, collection).catch(() => undefined);
    if (suggestions !== undefined) await dropCollection(o.admin, suggestions).catch(() => undefined);
    if (keyId !== undefined)
      await o.admin
        .keys(keyId)
        .delete()
        .catch(() => undefined);
  }
}

function refusals(sent: readonly SentSearch[], where: string, alias?: string): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const s of sent) {
    if (s.error === undefined || seen.has(s.error)) continue;
    seen.add(s.error);
    // The bot completes from the track index without it (slower at scale): not a fault of the server or the key.
    if (alias !== undefined && s.params.collection === suggestAlias(alias) && /not found/i.test(s.error)) {
      out.push({
        severity: 'warn',
        message: `no autocomplete collection "${suggestAlias(alias)}": completions come from the track index, slow at millions of rows; trained-index build makes it`,
      });
      continue;
    }
    out.push({ severity: 'fail', message: `${where}: the server refused a search: ${s.error}`, detail: [shown(s.params)] });
  }
  return out;
}

async function checkKeys(o: CheckOptions, findings: Finding[]): Promise<void> {
  const keys = await listKeys(o.admin);
  if (o.apiKey === undefined)
    findings.push({ severity: 'fail', message: "TYPESENSE_API_KEY is not set: make the bot's keys with `trained-index keys`" });
  else {
    const issue = scopeIssue(keyOf(keys, o.apiKey), SEARCH_ACTIONS, [o.alias, suggestAlias(o.alias)]);
    const powers = await checkKeyPowers({ nodes: o.nodes, apiKey: o.apiKey, alias: o.alias, timeoutMs: o.timeoutMs });
    if (issue !== undefined)
      findings.push({ severity: 'fail', message: `TYPESENSE_API_KEY: ${issue}; make a new one with \`trained-index keys\`` });
    else if (powers.kind === 'can-write') findings.push({ severity: 'fail', message: `TYPESENSE_API_KEY can ${powers.powers.join(', ')}` });
    else
      findings.push({
        severity: 'ok',
        message: `TYPESENSE_API_KEY: search-only on "${o.alias}" (${powers.kind === 'search-only' ? 'cannot write' : `write unchecked: ${powers.reason}`})`,
      });
  }
  if (o.settingsKey === undefined) {
    findings.push({
      severity: 'warn',
      message:
        "TYPESENSE_SETTINGS_KEY is not set: per-channel settings would live in one process's memory (`trained-index keys` makes one)",
    });
    return;
  }
  const issue = scopeIssue(keyOf(keys, o.settingsKey), SETTINGS_ACTIONS, [SETTINGS_COLLECTION]);
  const node = o.nodes[0];
  const status =
    node === undefined
      ? 0
      : (
          await fetch(`${node.protocol}://${node.host}:${node.port}/collections/${SETTINGS_COLLECTION}/documents/trained-check-absent`, {
            headers: { 'x-typesense-api-key': o.settingsKey },
            signal: AbortSignal.timeout(o.timeoutMs),
          })
        ).status;
  if (issue !== undefined)
    findings.push({ severity: 'fail', message: `TYPESENSE_SETTINGS_KEY: ${issue}; make a new one with \`trained-index keys\`` });
  else if (status !== 404 && status !== 200)
    findings.push({ severity: 'fail', message: `TYPESENSE_SETTINGS_KEY cannot read ${SETTINGS_COLLECTION} (HTTP ${status})` });
  else findings.push({ severity: 'ok', message: `TYPESENSE_SETTINGS_KEY: reads and writes "${SETTINGS_COLLECTION}" only` });
}

/** The probes' answers on this server, for the golden file (index-builder/check/record-golden/cli.ts). */
export async function recordProbes(o: Pick<CheckOptions, 'admin' | 'nodes' | 'timeoutMs' | 'log'>): Promise<ProbeResult[]> {
  return withProbeIndex({ ...o, alias: '', apiKey: undefined, settingsKey: undefined, golden: {} }, (search) => runProbes(search));
}

export async function runCheck(o: CheckOptions): Promise<CheckReport> {
  const node = o.nodes[0];
  const server = node === undefined ? '?' : `${node.protocol}://${node.host}:${node.port}`;
  const findings: Finding[] = [];
  const version = (await o.admin.debug.retrieve()).version as string | undefined;
  findings.push({ severity: 'ok', message: `Typesense ${version ?? '(version not reported)'} at ${server} (the tests run 0.24.1)` });

  const target = await aliasTarget(o.admin, o.alias);
  let liveDocuments: number | undefined;
  if (target === undefined)
    findings.push({ severity: 'fail', message: `no alias "${o.alias}": build the index first (trained-index build)` });
  else {
    liveDocuments = (await o.admin.collections(target).retrieve()).num_documents;
    const info = await new TypesenseSearch({ client: o.admin, collection: o.alias }).indexInfo();
    if (info === undefined) findings.push({ severity: 'fail', message: `alias "${o.alias}" → ${target} holds no finished build` });
    else
      findings.push({
        severity: 'ok',
        message: `alias "${o.alias}" → ${target}: ${(liveDocuments ?? 0).toLocaleString('en-US')} documents, built ${info.builtAt}${info.sample ? ' (sample data)' : ''}, ${info.datasets.map((d) => d.id).join(', ')}`,
      });
  }
  await checkKeys(o, findings);

  const { probes, sent } = await withProbeIndex(o, async (search, sent) => ({ probes: await runProbes(search), sent }));
  findings.push(...refusals(sent, 'probe index'));
  let differing = 0;
  for (const p of probes) {
    const want = o.golden[p.name];
    if (p.error !== undefined) findings.push({ severity: 'fail', message: `${label(p)}: ${p.error}` });
    else if (want === undefined)
      findings.push({ severity: 'fail', message: `${label(p)}: no answer recorded on 0.24.1 (npm run check:golden)` });
    else if (want !== p.digest) {
      differing++;
      findings.push({
        severity: 'fail',
        message: `${label(p)}: answered differently from Typesense 0.24.1`,
        detail: [`0.24.1: ${want}`, `here:   ${p.digest ?? ''}`],
      });
    }
  }
  if (differing === 0 && probes.every((p) => p.error === undefined && o.golden[p.name] !== undefined))
    findings.push({
      severity: 'ok',
      message: `${probes.length} kinds of search (${sent.length} searches) on the probe rows: accepted, answered as on 0.24.1`,
    });

  const live: SentSearch[] = [];
  if (o.apiKey !== undefined && target !== undefined) {
    const client = observedClient(createTypesenseClient({ nodes: o.nodes, apiKey: o.apiKey, timeoutMs: o.timeoutMs, retries: 1 }), live);
    const answers = await runProbes(new TypesenseSearch({ client, collection: o.alias, infoTtlMs: 0 }));
    const failed = answers.filter((a) => a.error !== undefined);
    findings.push(...refusals(live, `alias "${o.alias}" with TYPESENSE_API_KEY`, o.alias));
    for (const a of failed)
      if (!live.some((s) => s.error !== undefined))
        findings.push({ severity: 'fail', message: `${label(a)} on "${o.alias}": ${a.error ?? ''}` });
    if (failed.length === 0)
      findings.push({
        severity: 'ok',
        message: `the same ${answers.length} kinds of search on "${o.alias}" with TYPESENSE_API_KEY: accepted`,
      });
  }
  for (const f of paramFindings([...sent, ...live], liveDocuments))
    findings.push({ severity: f.severity, message: `difference ${f.difference}: ${f.message}`, detail: [shown(f.params)] });
  return { server, version, findings, probes, searches: sent.length + live.length };
}
