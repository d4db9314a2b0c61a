/**
 * What makes a build resumable: a checkpoint document stored inside the collection being
 * built, written as batches are acknowledged in order. A killed build leaves it behind; the
 * next run of the same sources finds that collection, skips what was acknowledged and
 * upserts the rest (ids make a replayed batch harmless), so counts come out exact.
 */
import { createHash } from 'node:crypto';
import { INDEX_INFO_DATASET } from '../src/index/schema.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import type { RejectSummary } from './report.js';

export const BUILD_STATE_ID = '__build_state__';

export interface SourceCheckpoint {
  /** Files fully done before `file`. */
  file: number;
  /** Data rows of file number `file` already acknowledged. */
  rowInFile: number;
  read: number;
  imported: number;
  rejects: RejectSummary[];
  /** Ids a row carried that could not be read (the row itself was kept): a layout check for the report. */
  idProblems?: RejectSummary[];
}

export interface BuildState {
  signature: string;
  startedAt: string;
  sources: SourceCheckpoint[];
}

export function emptyCheckpoint(): SourceCheckpoint {
  return { file: 0, rowInFile: 0, read: 0, imported: 0, rejects: [], idProblems: [] };
}

/** Same alias and the same sources (and files) in the same order: only then is a half-built collection reused. */
export function buildSignature(
  alias: string,
  sources: readonly { dataset: string; location: string; files?: readonly string[] }[],
): string {
  return createHash('sha256')
    .update(JSON.stringify([alias, sources.map((s) => [s.dataset, s.location, s.files ?? []])]))
    .digest('hex')
    .slice(0, 16);
}

/** Collections this builder creates for an alias: `<alias>__build_<time>`. */
export function buildCollectionPrefix(alias: string): string {
  return `${alias}__build_`;
}

export async function writeState(client: TypesenseClient, collection: string, state: BuildState): Promise<void> {
  await client
    .collections(collection)
    .documents()
    .upsert({
      id: BUILD_STATE_ID,
      dataset: INDEX_INFO_DATASET,
      row_key: '',
      title: '',
      artists: [],
      title_norm: '',
      artists_norm: [],
      platform_ids: [],
      info: JSON.stringify(state),
    });
}

export async function readState(client: TypesenseClient, collection: string): Promise<BuildState | undefined> {
  try {
    const doc = (await client.collections(collection).documents(BUILD_STATE_ID).retrieve()) as { info?: string };
    return doc.info === undefined ? undefined : (JSON.parse(doc.info) as BuildState);
  } catch (err) {
    if ((err as { httpStatus?: number }).httpStatus === 404) return undefined;
    throw err;
  }
}

export async function deleteState(client: TypesenseClient, collection: string): Promise<void> {
  try {
    await client.collections(collection).documents(BUILD_STATE_ID).delete();
  } catch (err) {
    if ((err as { httpStatus?: number }).httpStatus !== 404) throw err;
  }
}

/** Collections of interrupted builds for this alias (never the live one). */
export async function unfinishedBuilds(client: TypesenseClient, alias: string, live: string | undefined): Promise<string[]> {
  const prefix = buildCollectionPrefix(alias);
  return (await client.collections().retrieve()).map((c) => c.name).filter((n) => n.startsWith(prefix) && n !== live);
}

/** The newest unfinished build of these sources, if a previous run was interrupted. */
export async function findResumable(
  client: TypesenseClient,
  alias: string,
  signature: string,
  live: string | undefined,
): Promise<{ collection: string; state: BuildState } | undefined> {
  const prefix = buildCollectionPrefix(alias);
  const names = (await client.collections().retrieve())
    .map((c) => c.name)
    .filter((n) => n.startsWith(prefix) && n !== live)
    .sort()
    .reverse();
  for (const collection of names) {
    const state = await readState(client, collection);
    if (state?.signature === signature) return { collection, state };
  }
  return undefined;
}

/** Documents per dataset in a collection (the build's check and IndexInfo's row counts). */
export async function countByDataset(
  client: TypesenseClient,
  collection: string,
  datasets: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const dataset of datasets) {
    const res = await client
      .collections(collection)
      .documents()
      .search({ q: '*', query_by: 'title_norm', filter_by: `dataset:=\`${dataset}\``, per_page: 0 });
    out.set(dataset, res.found);
  }
  return out;
}

/** Adds one reject to a summary list, keeping the first few row numbers for each reason. */
export function addReject(rejects: RejectSummary[], reason: string, where: string, keep = 5): void {
  let entry = rejects.find((r) => r.reason === reason);
  if (entry === undefined) {
    entry = { reason, count: 0, firstRows: [] };
    rejects.push(entry);
  }
  entry.count += 1;
  if (entry.firstRows.length < keep) entry.firstRows.push(where);
}

export function mergeRejects(into: RejectSummary[], from: readonly RejectSummary[], keep = 5): void {
  for (const r of from) {
    let entry = into.find((e) => e.reason === r.reason);
    if (entry === undefined) {
      entry = { reason: r.reason, count: 0, firstRows: [] };
      into.push(entry);
    }
    entry.count += r.count;
    for (const row of r.firstRows) if (entry.firstRows.length < keep) entry.firstRows.push(row);
  }
}
