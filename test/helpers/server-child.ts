// Started by typesense-server.test.ts: starts a local server, prints its pid, then waits to be killed.
import { createLogger } from '../../src/log.js';
import { startLocalTypesense } from '../../src/typesense/local-server.js';

const binary = process.argv[2] ?? '';
const server = await startLocalTypesense({ binary, log: createLogger({ level: 'silent' }) });
process.stdout.write(`${JSON.stringify({ pid: await server.pid(), url: server.url, dataDir: server.dataDir })}\n`);
setInterval(() => undefined, 1000);
