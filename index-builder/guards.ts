/**
 * What a new build must show before it replaces what users have now (reliability item 21).
 * Each check refuses with one line saying what was found, what was expected and which flag
 * accepts it; the build then drops its own new collection and never touches the live one.
 *  - before importing: every dataset the live index holds has a source in this build;
 *  - while and after reading each source: rejected rows stay within --max-rejected;
 *  - after importing: no dataset has fewer documents than the live index holds for it, by
 *    more than the shrink margin, and a full build reads about the rows its publisher claims.
 */
import type { IndexInfo } from '../src/index/schema.js';
import type { DatasetDescriptor } from './datasets/descriptor.js';
import type { DatasetCount, SourceReport } from './report.js';
import type { SourceCheckpoint } from './state.js';

/** Rejected rows a source may have (share of the rows read): 1%. */
export const DEFAULT_MAX_REJECTED = 0.01;
/** A dataset may lose this share of the rows the live index holds for it: 5%. */
export const SHRINK_MARGIN = 0.05;
/** A full build must read at least this share of the rows a publisher claims: below is "far below". */
export const CLAIMED_FLOOR = 0.9;

/** The build stopped itself to keep the live index: nothing was swapped in, nothing dropped but its own new collection. */
export class BuildRefused extends Error {
  constructor(
    readonly reason: string,
    /** What the build left alone; the build says so once it knows whether an index was live. */
    outcome = 'the live index is untouched',
  ) {
    super(`${reason}; ${outcome}`);
    this.name = 'BuildRefused';
  }
}

export interface GuardOptions {
  maxRejected: number;
  allowShrink: boolean;
  allowPartial: boolean;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const pct = (x: number): string => `${Number((x * 100).toFixed(x < 0.1 ? 2 : 1))}%`;

/** What the live index holds now, per dataset; nothing to protect when it is the bundled sample. */
export function protectedCounts(info: IndexInfo | undefined, counts: ReadonlyMap<string, number>): Map<string, number> {
  if (info === undefined || info.sample) return new Map();
  return new Map(info.datasets.map((d) => [d.id, counts.get(d.id) ?? d.rows]));
}

/** Before any import: a dataset in the live index that this build has no source for would be lost. */
export function checkNothingDropped(live: ReadonlyMap<string, number>, datasets: readonly string[], opts: GuardOptions): void {
  if (opts.allowShrink) return;
  for (const [dataset, rows] of live) {
    if (rows > 0 && !datasets.includes(dataset)) {
      throw new BuildRefused(
        `the live index holds ${dataset} (${fmt(rows)} rows) and this build has no source for it; add --source ${dataset}=PATH, or --allow-shrink to drop it`,
      );
    }
  }
}

function rejectedOf(c: Pick<SourceCheckpoint, 'rejects'>): number {
  return c.rejects.reduce((n, r) => n + r.count, 0);
}

function firstReasons(c: Pick<SourceCheckpoint, 'rejects'>): string {
  const top = [...c.rejects].sort((a, b) => b.count - a.count)[0];
  return top === undefined ? '' : `, mostly "${top.reason}" (first at ${top.firstRows[0] ?? '?'})`;
}

/**
 * During a source: refuses as soon as the rejects already exceed the threshold of the rows
 * the publisher claims, so a wrong mapping does not import for hours before it is refused.
 */
export function checkRejectsSoFar(d: DatasetDescriptor, c: SourceCheckpoint, opts: GuardOptions): void {
  if (opts.allowPartial || opts.maxRejected >= 1) return;
  const rejected = rejectedOf(c);
  if (rejected > opts.maxRejected * Math.max(c.read, d.claimedRows)) {
    throw new BuildRefused(
      `${d.id}: ${fmt(rejected)} rows rejected after ${fmt(c.read)} read, more than ${pct(opts.maxRejected)} of the ${fmt(d.claimedRows)} rows it should have${firstReasons(c)} (--max-rejected to change the threshold)`,
    );
  }
}

/** After a source: its share of rejected rows, and that it gave any row at all. */
export function checkRejects(d: DatasetDescriptor, c: SourceCheckpoint, files: readonly string[], opts: GuardOptions): void {
  if (c.read === 0) throw new BuildRefused(`${d.id}: no rows in ${files.join(', ') || 'its files'}`);
  const rejected = rejectedOf(c);
  if (rejected > opts.maxRejected * c.read) {
    throw new BuildRefused(
      `${d.id}: ${fmt(rejected)} of ${fmt(c.read)} rows rejected (${pct(rejected / c.read)}, above --max-rejected ${pct(opts.maxRejected)})${firstReasons(c)}`,
    );
  }
}

/** After importing, before the swap: each dataset against the live index and against its publisher's count. */
export function checkFloors(
  counts: readonly DatasetCount[],
  sources: readonly SourceReport[],
  descriptors: readonly DatasetDescriptor[],
  live: ReadonlyMap<string, number>,
  opts: GuardOptions & { incremental: boolean },
): void {
  for (const c of counts) {
    const before = live.get(c.dataset);
    if (!opts.allowShrink && before !== undefined && c.indexed < before * (1 - SHRINK_MARGIN)) {
      throw new BuildRefused(
        `${c.dataset}: ${fmt(c.indexed)} rows would replace the ${fmt(before)} the live index holds (${pct(1 - c.indexed / before)} fewer, more than ${pct(SHRINK_MARGIN)}); --allow-shrink to accept`,
      );
    }
    const d = descriptors.find((x) => x.id === c.dataset);
    const read = sources.filter((s) => s.dataset === c.dataset).reduce((n, s) => n + s.read, 0);
    if (!opts.incremental && !opts.allowPartial && d !== undefined && read < d.claimedRows * CLAIMED_FLOOR) {
      throw new BuildRefused(
        `${c.dataset}: ${fmt(read)} rows read, far below the ${fmt(d.claimedRows)} its publisher claims (under ${pct(CLAIMED_FLOOR)}): a file missing or cut short? --allow-partial to build from part of it`,
      );
    }
  }
}
