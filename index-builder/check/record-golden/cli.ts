/**
 * `npm run check:golden`: records what Typesense 0.24.1 (the version the tests run) answers to
 * each probe of `trained-index check`, into golden-0.24.1.json. Run it after a change to the
 * bot's searches (src/search/) that is meant to change answers; the test of the check
 * (test/index-builder/check.test.ts) fails until the file and the searches agree.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { processEnv, readTypesenseConfig } from '../../../src/config.js';
import { EnvReader } from '../../../src/config/env-reader.js';
import { createLogger } from '../../../src/log.js';
import { statusLine } from '../../../src/status-line.js';
import { TYPESENSE_VERSION } from '../../../src/typesense/binary.js';
import { createTypesenseClient } from '../../../src/typesense/client.js';
import { obtainTypesense, requireAdmin } from '../../../src/typesense/provider.js';
import { recordProbes } from '../check.js';

const reader = new EnvReader({ ...processEnv(), TYPESENSE_URL: undefined });
const config = readTypesenseConfig(reader, process.cwd());
const log = createLogger({ level: 'warn' });
// Always a fresh local 0.24.1 server: the golden answers are that version's, whatever TYPESENSE_URL says.
const handle = requireAdmin(await obtainTypesense({ config, log, status: statusLine(process.stderr) }));
try {
  const admin = createTypesenseClient({ nodes: handle.nodes, apiKey: handle.adminKey, timeoutMs: 10_000 });
  const version = (await admin.debug.retrieve()).version as string;
  if (version !== TYPESENSE_VERSION) throw new Error(`the local server is ${version}, not ${TYPESENSE_VERSION}`);
  const probes = await recordProbes({ admin, nodes: handle.nodes, timeoutMs: 10_000, log });
  const failed = probes.filter((p) => p.digest === undefined);
  if (failed.length > 0) throw new Error(`probes failed on ${version}: ${failed.map((p) => `${p.name}: ${p.error ?? ''}`).join('; ')}`);
  const file = fileURLToPath(new URL('../golden-0.24.1.json', import.meta.url));
  const golden = { typesense: version, probes: Object.fromEntries(probes.map((p) => [p.name, p.digest])) };
  await writeFile(file, `${JSON.stringify(golden, null, 2)}\n`);
  process.stdout.write(`Recorded ${probes.length} answers of Typesense ${version} in ${file}\n`);
} finally {
  await handle.stop();
}
