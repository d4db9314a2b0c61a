/**
 * `npm run bench`: runs every bench/*.bench.ts in turn against one Typesense (TYPESENSE_URL,
 * or a local server started here). Each bench prints its own figures and ratios measured
 * side by side in the same run. `npm run bench -- builder` runs only files matching "builder".
 */
import { readdir } from 'node:fs/promises';
import { readAdminKey, readTypesenseConfig } from '../src/config.js';
import { EnvReader } from '../src/config/env-reader.js';
import { createLogger } from '../src/log.js';
import { obtainTypesense, requireAdmin, type AdminHandle } from '../src/typesense/provider.js';
import { pinApart } from './pin.js';

export interface BenchContext {
  typesense: AdminHandle;
  /** Scale factor from BENCH_SCALE (default 1): 0.1 for a quick run. */
  scale: number;
  log: ReturnType<typeof createLogger>;
}

export type Bench = (ctx: BenchContext) => Promise<void>;

const filter = process.argv[2];
const files = (await readdir(new URL('.', import.meta.url)))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();
const reader = new EnvReader(process.env);
const config = readTypesenseConfig(reader, process.cwd());
const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
const typesense = requireAdmin(await obtainTypesense({ config, log, pathVar: process.env.PATH, adminKey: readAdminKey(reader) }));
const scale = Number(process.env.BENCH_SCALE ?? '1');
// BENCH_PIN=1: the local server on the first core this process may use, this process and its children on the rest (pin.ts).
const serverPid = process.env.BENCH_PIN === '1' ? await typesense.local?.pid() : undefined;
const pinned = serverPid === undefined ? undefined : pinApart(serverPid);
if (pinned !== undefined) console.log(pinned.line);
try {
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const mod = (await import(new URL(file, import.meta.url).href)) as { default: Bench };
    await mod.default({ typesense, scale, log });
  }
} finally {
  await typesense.stop();
}
