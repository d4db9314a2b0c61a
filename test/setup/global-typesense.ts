import type { TestProject } from 'vitest/node';
import { readAdminKey, readTypesenseConfig, type TypesenseNode } from '../../src/config.js';
import { EnvReader } from '../../src/config/env-reader.js';
import { createLogger } from '../../src/log.js';
import { obtainTypesense, requireAdmin } from '../../src/typesense/provider.js';

export interface ProvidedTypesense {
  nodes: TypesenseNode[];
  adminKey: string;
  local: boolean;
  binary: string | undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    typesense: ProvidedTypesense;
  }
}

/** One server for the whole run: TYPESENSE_URL when set, a local child process otherwise. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reader = new EnvReader(process.env);
  const config = readTypesenseConfig(reader, process.cwd());
  if (reader.problems.length > 0) throw new Error(reader.problems.join('; '));
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const started = Date.now();
  const handle = requireAdmin(await obtainTypesense({ config, log, pathVar: process.env.PATH, adminKey: readAdminKey(reader) }));
  if (handle.local !== undefined) console.log(`[setup] local Typesense up in ${Date.now() - started} ms at ${handle.local.url}`);
  const binary =
    handle.local === undefined
      ? undefined
      : (await import('node:fs/promises')).readlink(`/proc/${await handle.local.pid()}/exe`).catch(() => undefined);
  project.provide('typesense', { nodes: handle.nodes, adminKey: handle.adminKey, local: handle.local !== undefined, binary: await binary });
  return async () => {
    await handle.stop();
  };
}
