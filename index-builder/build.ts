/**
 * The build: read every source in bounded batches, map rows through the dataset's
 * descriptor, upsert them into a new collection (or the live one with `incremental`),
 * check the counts, record IndexInfo, point the alias at the new collection and drop the
 * old one. Interrupted builds resume from the checkpoint stored in the collection.
 */
import { TRACKS_ALIAS } from '../src/index/schema.js';
import type { Logger } from '../src/log.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { aliasTarget, dropCollection } from './collection.js';
import { loadDescriptors, type DatasetDescriptor } from './datasets/index.js';
import { existingInfo, publish } from './publish.js';
import {
  BuildRefused,
  checkFloors,
  checkNothingDropped,
  checkRejects,
  checkRejectsSoFar,
  DEFAULT_MAX_REJECTED,
  protectedCounts,
  type GuardOptions,
} from './guards.js';
import { describeRequestError, TypesenseRequestError } from './importer.js';
import { Progress, type ProgressSink } from './progress.js';
import type { BuildReport, DatasetCount, SourceReport } from './report.js';
import { resolveInputs, type Input } from './sources.js';
import { SourceRun, type Pipeline } from './source-run.js';
import { countByDataset, emptyCheckpoint, writeState, type SourceCheckpoint } from './state.js';
import { chooseTarget, type Target } from './target.js';
import { BuildError } from './build-error.js';

export type { BuildReport } from './report.js';

export interface BuildSource {
  dataset: string;
  /** A file, a directory, a glob of shards (`data/train-*.parquet`), or an http(s) URL. */
  location: string;
}

export interface BuildOptions {
  /** Admin client: creates collections, imports, moves the alias. */
  client: TypesenseClient;
  sources: BuildSource[];
  /** Default TRACKS_ALIAS. */
  alias?: string;
  /** Upsert into the collection the alias points at instead of building a new one. */
  incremental?: boolean;
  /** The index holds the bundled sample rows (IndexInfo.sample). */
  sample?: boolean;
  /** Stop at the first rejected row instead of reporting it and going on. */
  strict?: boolean;
  /** Share of a source's rows that may be rejected before the build is refused (default 0.01). */
  maxRejected?: number;
  /** Accept a dataset with fewer rows than the live index holds for it, or none at all. */
  allowShrink?: boolean;
  /** Accept a dataset far below the rows its publisher claims (a subset; implied by `sample`). */
  allowPartial?: boolean;
  log: Logger;
  /** true: always; false: never; 'auto' (default): when stderr is a terminal or not, bar or lines. */
  progress?: boolean | 'auto';
  now?: () => Date;
  /** Descriptors to use instead of the bundled ones. */
  descriptors?: readonly DatasetDescriptor[];
  /** Documents per import request (default 5000). */
  batchSize?: number;
  /** Import requests in flight (default 2: the server should keep a core for itself). */
  concurrency?: number;
  /** Pause between the alias swap and dropping the old collection, for lookups already on their way (default 2000 ms). */
  dropDelayMs?: number;
  /** Where progress goes (default process.stderr). */
  progressStream?: ProgressSink;
}

async function checkServer(client: TypesenseClient): Promise<void> {
  try {
    await client.collections().retrieve();
  } catch (err) {
    throw new TypesenseRequestError(describeRequestError(err), (err as { httpStatus?: number }).httpStatus, { cause: err });
  }
}

function progressFor(opts: BuildOptions): Progress {
  const sink = opts.progressStream ?? process.stderr;
  const tty = sink.isTTY === true;
  const on = opts.progress === undefined || opts.progress === 'auto' ? true : opts.progress;
  return new Progress(on ? sink : undefined, tty);
}

export type Plan = { descriptor: DatasetDescriptor; inputs: Input[]; source: BuildSource }[];

/** Step 1: each source's dataset descriptor and input files; an unknown dataset is refused before any work. */
async function planSources(opts: BuildOptions, descriptors: readonly DatasetDescriptor[]): Promise<Plan> {
  if (opts.sources.length === 0) throw new BuildError('no source given (--source DATASET=PATH)');
  const plan: Plan = [];
  for (const source of opts.sources) {
    const descriptor = descriptors.find((d) => d.id === source.dataset);
    if (descriptor === undefined) {
      throw new BuildError(`unknown dataset "${source.dataset}" (known: ${descriptors.map((d) => d.id).join(', ')})`);
    }
    plan.push({ descriptor, inputs: await resolveInputs(descriptor, source.location), source });
  }
  return plan;
}

/** Step 2: what users have now, which a full build must not end with less of (an incremental one only adds). */
async function liveRowsToKeep(
  opts: BuildOptions,
  live: string | undefined,
  datasets: string[],
  guard: GuardOptions,
): Promise<Map<string, number>> {
  if (live === undefined || opts.incremental === true) return new Map();
  const liveInfo = await existingInfo(opts.client, live);
  const ids = (liveInfo?.datasets ?? []).map((d) => d.id);
  const liveRows = protectedCounts(liveInfo, await countByDataset(opts.client, live, ids));
  checkNothingDropped(liveRows, datasets, guard);
  return liveRows;
}

/** Step 3: the import pipeline, saving the checkpoints now and then; `saved()` waits for a save on its way. */
function pipelineFor(
  opts: BuildOptions,
  target: Target,
  guard: GuardOptions,
  progress: Progress,
): { pipeline: Pipeline; saved: () => Promise<void> } {
  const { client, log } = opts;
  let lastSave = Date.now();
  let saving: Promise<void> | undefined;
  const pipeline: Pipeline = {
    client,
    collection: target.collection,
    batchSize: opts.batchSize ?? 5000,
    concurrency: Math.max(1, opts.concurrency ?? 2),
    strict: opts.strict === true,
    log,
    progress,
    watch: (descriptor, checkpoint) => checkRejectsSoFar(descriptor, checkpoint, guard),
    onCommit: async () => {
      if (opts.incremental === true || saving !== undefined || Date.now() - lastSave < 2000) return;
      lastSave = Date.now();
      // Not awaited: the save queues behind the imports on the server, and waiting for it
      // would leave the server without a next batch. The state is serialised now, so a later
      // kill finds this snapshot or a newer one, each covering acknowledged batches only.
      saving = writeState(client, target.collection, {
        signature: target.signature,
        startedAt: target.startedAt,
        sources: target.checkpoints,
      })
        .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not save the build checkpoint; will retry'))
        .finally(() => (saving = undefined));
    },
  };
  return { pipeline, saved: async () => await saving };
}

/** Step 4: every source read and imported, each checked against its reject limits as it ends. */
async function runSources(plan: Plan, pipeline: Pipeline, checkpoints: SourceCheckpoint[], guard: GuardOptions) {
  const reports: SourceReport[] = [];
  let backoffs = 0;
  let readThisRun = 0;
  for (const [i, p] of plan.entries()) {
    const checkpoint = checkpoints[i] ?? emptyCheckpoint();
    checkpoints[i] = checkpoint;
    const result = await new SourceRun(pipeline, p.descriptor, p.inputs, checkpoint).run();
    backoffs += result.backoffs;
    readThisRun += result.readThisRun;
    checkRejects(
      p.descriptor,
      checkpoint,
      p.inputs.map((f) => f.name),
      guard,
    );
    reports.push({
      dataset: p.descriptor.id,
      location: p.source.location,
      files: p.inputs.map((f) => f.name),
      read: checkpoint.read,
      imported: checkpoint.imported,
      rejected: checkpoint.rejects.reduce((n, r) => n + r.count, 0),
      rejects: checkpoint.rejects,
      unmappedColumns: result.unmapped,
      missingOptional: result.missingOptional,
      used: result.used,
      idProblems: checkpoint.idProblems ?? [],
      seconds: result.seconds,
    });
  }
  return { reports, backoffs, readThisRun };
}

/** Step 5: the check: every accepted row is in the collection once (duplicates of one id count once). */
async function countAndCheck(client: TypesenseClient, target: Target, datasets: string[], reports: SourceReport[]) {
  const after = await countByDataset(client, target.collection, datasets);
  const counts: DatasetCount[] = datasets.map((dataset) => {
    const imported = reports.filter((r) => r.dataset === dataset).reduce((n, r) => n + r.imported, 0);
    const indexed = after.get(dataset) ?? 0;
    const added = indexed - (target.before.get(dataset) ?? 0);
    return { dataset, imported, indexed, duplicatesMerged: Math.max(0, imported - added) };
  });
  for (const c of counts) {
    if (c.indexed > c.imported + (target.before.get(c.dataset) ?? 0) || (c.imported > 0 && c.indexed === 0)) {
      throw new BuildRefused(
        `check failed for ${c.dataset}: ${c.imported} rows imported but ${c.indexed} documents in ${target.collection}`,
      );
    }
  }
  return { after, counts };
}

/**
 * A build: plan the sources, protect what is live, choose (or resume) the target collection,
 * import every source, check the counts, then publish. A refused or failed build leaves the
 * live index as it was.
 */
export async function buildIndex(opts: BuildOptions): Promise<BuildReport> {
  const { client, log } = opts;
  const alias = opts.alias ?? TRACKS_ALIAS;
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const descriptors = opts.descriptors ?? (await loadDescriptors());
  const plan = await planSources(opts, descriptors);
  await checkServer(client);
  const datasets = [...new Set(plan.map((p) => p.descriptor.id))];
  const live = await aliasTarget(client, alias);
  const guard: GuardOptions = {
    maxRejected: opts.maxRejected ?? DEFAULT_MAX_REJECTED,
    allowShrink: opts.allowShrink === true,
    allowPartial: opts.allowPartial === true || opts.sample === true,
  };
  const liveRows = await liveRowsToKeep(opts, live, datasets, guard);
  const target = await chooseTarget(
    opts,
    alias,
    live,
    datasets,
    plan.map((p) => p.inputs.map((f) => f.location)),
    now(),
  );
  const checkpoints = target.checkpoints;
  const progress = progressFor(opts);
  const { pipeline, saved } = pipelineFor(opts, target, guard, progress);
  let run: Awaited<ReturnType<typeof runSources>>;
  let checked: Awaited<ReturnType<typeof countAndCheck>>;
  try {
    run = await runSources(plan, pipeline, checkpoints, guard);
    progress.stop();
    await saved();
    checked = await countAndCheck(client, target, datasets, run.reports);
    checkFloors(checked.counts, run.reports, descriptors, liveRows, { ...guard, incremental: opts.incremental === true });
  } catch (err) {
    await saved();
    const own = opts.incremental !== true && target.collection !== live;
    // Refused: the new collection is not good enough, and resuming it would only be refused again.
    // Nothing acknowledged yet (e.g. the wrong file): no half-built collection is worth keeping.
    if (own && (err instanceof BuildRefused || (!target.resumed && checkpoints.every((c) => c.read === 0)))) {
      await dropCollection(client, target.collection).catch(() => undefined);
    }
    // With no index live yet there is nothing to keep: say what did not happen instead.
    if (err instanceof BuildRefused && live === undefined) throw new BuildRefused(err.reason, 'nothing was swapped in');
    throw err;
  } finally {
    progress.stop();
    // A checkpoint save still on its way must not land after the state is deleted below.
    await saved();
  }

  const builtAt = now().toISOString();
  const { replaced, suggestions } = await publish(opts, alias, target, plan, checked.after, builtAt);
  const { reports } = run;
  const { counts } = checked;
  const seconds = (Date.now() - started) / 1000;
  const report: BuildReport = {
    collection: target.collection,
    alias,
    incremental: opts.incremental === true,
    resumed: target.resumed,
    sample: opts.sample === true,
    builtAt,
    sources: reports,
    datasets: counts,
    read: reports.reduce((n, r) => n + r.read, 0),
    imported: reports.reduce((n, r) => n + r.imported, 0),
    rejected: reports.reduce((n, r) => n + r.rejected, 0),
    duplicatesMerged: counts.reduce((n, c) => n + c.duplicatesMerged, 0),
    seconds,
    rowsPerSecond: run.readThisRun / Math.max(seconds, 0.001),
    backoffs: run.backoffs,
    replaced,
    suggestions: { titles: suggestions.titles, artists: suggestions.artists, seconds: suggestions.seconds },
  };
  log.info({ collection: report.collection, read: report.read, imported: report.imported, seconds }, 'index build finished');
  return report;
}
