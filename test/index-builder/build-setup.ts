/** What the build tests share: the fixtures' paths, the admin client, build(), searchOn() and rejects(), and the aliases they made. */
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { buildIndex, type BuildOptions, type BuildReport } from '../../index-builder/build.js';
import { silentLogger } from '../../src/log.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { adminClient, dropAliasAndCollection, uniqueName } from '../helpers/typesense.js';

export const fixture = (path: string): string => fileURLToPath(new URL(`../fixtures/index-builder/${path}`, import.meta.url));
export const admin = adminClient();
export const aliases: string[] = [];

/** Builds the hostile fixtures: a few rows each (partial) with many bad ones on purpose (every reject allowed). */
export async function build(
  sources: { dataset: string; location: string }[],
  extra: Partial<Pick<BuildOptions, 'strict' | 'incremental' | 'maxRejected' | 'descriptors'>> = {},
): Promise<{ report: BuildReport; alias: string }> {
  const alias = uniqueName('ib');
  aliases.push(alias);
  const report = await buildIndex({
    client: admin,
    sources,
    alias,
    log: silentLogger,
    progress: false,
    dropDelayMs: 0,
    now: () => new Date('2026-11-20T10:00:00.000Z'),
    allowPartial: true,
    maxRejected: 1,
    ...extra,
  });
  return { report, alias };
}

/** A report's rejects of one source, by reason: the first rows of each. */
export const rejects = (r: BuildReport, i: number): Record<string, string[]> =>
  Object.fromEntries((r.sources[i]?.rejects ?? []).map((j) => [j.reason, j.firstRows]));

export function searchOn(alias: string, key: string): TypesenseSearch {
  const { nodes } = inject('typesense');
  return new TypesenseSearch({ client: createTypesenseClient({ nodes, apiKey: key, timeoutMs: 5000 }), collection: alias, infoTtlMs: 0 });
}

/** For afterAll: every alias the file made, and the collection it points at, dropped. */
export async function dropAliases(): Promise<void> {
  for (const alias of aliases) await dropAliasAndCollection(admin, alias);
}
