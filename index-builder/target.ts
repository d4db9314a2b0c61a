/**
 * Which collection a build writes into: the live one (incremental), an interrupted build of
 * the same sources (resumed), or a new one, after dropping unfinished builds of other sources.
 * Its own file because this is the build's bookkeeping of collections on the server, apart
 * from the sequence in build.ts that fills whichever one it gets.
 */
import { BuildError } from './build-error.js';
import type { BuildOptions } from './build.js';
import { createTracksCollection, dropCollection } from './collection.js';
import {
  buildCollectionPrefix,
  buildSignature,
  countByDataset,
  emptyCheckpoint,
  findResumable,
  unfinishedBuilds,
  writeState,
  type SourceCheckpoint,
} from './state.js';

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 17);
}

export interface Target {
  collection: string;
  resumed: boolean;
  checkpoints: SourceCheckpoint[];
  before: Map<string, number>;
  signature: string;
  startedAt: string;
}

export async function chooseTarget(
  opts: BuildOptions,
  alias: string,
  live: string | undefined,
  datasets: string[],
  files: string[][],
  now: Date,
): Promise<Target> {
  const { client, sources, log } = opts;
  // A shard added to a directory since the interrupted run changes the signature: then build afresh.
  const signature = buildSignature(
    alias,
    sources.map((s, i) => ({ ...s, files: files[i] ?? [] })),
  );
  const fresh = (): SourceCheckpoint[] => sources.map(emptyCheckpoint);
  if (opts.incremental === true) {
    if (live === undefined)
      throw new BuildError(`--incremental needs a live index, but alias "${alias}" points nowhere: run a full build first`);
    const before = await countByDataset(client, live, datasets);
    return { collection: live, resumed: false, checkpoints: fresh(), before, signature, startedAt: now.toISOString() };
  }
  const found = await findResumable(client, alias, signature, live);
  if (found !== undefined && found.state.sources.length === sources.length) {
    log.info({ collection: found.collection }, 'resuming an interrupted build of the same sources');
    return {
      collection: found.collection,
      resumed: true,
      checkpoints: found.state.sources,
      before: new Map(),
      signature,
      startedAt: found.state.startedAt,
    };
  }
  // Unfinished builds of other sources would never be resumed, yet hold RAM on the server.
  for (const stale of await unfinishedBuilds(client, alias, live)) {
    log.warn({ collection: stale }, 'dropping an unfinished build of different sources');
    await dropCollection(client, stale);
  }
  const collection = `${buildCollectionPrefix(alias)}${stamp(now)}`;
  await createTracksCollection(client, collection);
  await writeState(client, collection, { signature, startedAt: now.toISOString(), sources: fresh() });
  return { collection, resumed: false, checkpoints: fresh(), before: new Map(), signature, startedAt: now.toISOString() };
}
