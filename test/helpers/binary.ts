import { join } from 'node:path';
import { inject } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { locateTypesenseBinary } from '../../src/typesense/binary.js';

/** The typesense-server binary the suite runs (for tests that start servers of their own). */
export async function typesenseBinary(): Promise<string> {
  const provided = inject('typesense').binary;
  if (provided !== undefined) return provided;
  return locateTypesenseBinary({ cacheDir: join(process.cwd(), '.cache'), log: silentLogger, pathVar: process.env.PATH });
}
