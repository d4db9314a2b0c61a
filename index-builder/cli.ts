/**
 * `trained-index` / `npm run index -- …`. Expected failures (a missing file, the wrong file,
 * an unreachable server, a bad key, a rejected row under --strict) end in one clear line and
 * exit code 1; a wrong command line is exit 2 (src/cli/args.ts); only a real bug prints a
 * stack trace.
 */
import { getHeapStatistics } from 'node:v8';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, processEnv, readAdminKey, readTypesenseConfig, withKeysFile } from '../src/config.js';
import { EnvReader } from '../src/config/env-reader.js';
import { createLogger, type Logger } from '../src/log.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import { TypesenseBinaryError } from '../src/typesense/binary.js';
import { obtainTypesense, requireAdmin, type TypesenseHandle } from '../src/typesense/provider.js';
import { EXIT, packageVersion } from '../src/cli/args.js';
import { silentStatus, statusLine } from '../src/status-line.js';
import { advertiseLocalServer } from '../src/cli/bootstrap.js';
import { HELP, parseArgs, USAGE } from './args.js';
import { adminFault, runCheck } from './check-cli.js';
import { runKeys } from './keys-cli.js';
import { TRACKS_ALIAS } from '../src/index/schema.js';
import { BuildError } from './build-error.js';
import { buildIndex } from './build.js';
import { DescriptorError, loadDescriptors } from './datasets/index.js';
import { BuildRefused } from './guards.js';
import { inspect } from './inspect.js';
import { TypesenseRequestError } from './importer.js';
import { WrongFileError } from './mapping.js';
import { formatReport, type BuildReport } from './report.js';
import { SAMPLE_SOURCES } from './sample.js';
import { SourceError } from './sources.js';
import { StrictStop } from './source-run.js';

const EXPECTED = [
  BuildError,
  BuildRefused,
  SourceError,
  WrongFileError,
  TypesenseRequestError,
  StrictStop,
  DescriptorError,
  ConfigError,
  TypesenseBinaryError,
];

/** Above this V8 heap ceiling the builder says how to keep its memory flat. */
const HEAP_ADVICE_MB = 1024;

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const args = parseArgs(process.argv.slice(2));
  if (args.problems.length > 0) {
    process.stderr.write(`trained-index: ${args.problems.join('; ')}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (args.command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  if (args.command === 'version') {
    process.stdout.write(`trained-index ${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (args.command === 'datasets') {
    for (const d of await loadDescriptors(args.descriptors)) {
      process.stdout.write(
        `${d.id.padEnd(20)} ${d.name} — ${d.format.type}, ~${d.claimedRows.toLocaleString('en-US')} rows, ${d.homepage}\n`,
      );
    }
    return 0;
  }
  if (args.command === 'inspect') {
    const descriptors = await loadDescriptors(args.descriptors);
    process.stdout.write(`${await inspect({ path: args.path ?? '.', descriptors, dataset: args.dataset })}\n`);
    return 0;
  }
  // TYPESENSE_KEYS_FILE as the bot reads it, so `check` in compose sees the keys the setup job wrote.
  const keyProblems: string[] = [];
  const reader = new EnvReader(withKeysFile(processEnv(), process.cwd(), keyProblems));
  reader.problems.push(...keyProblems);
  const config = readTypesenseConfig(reader, process.cwd());
  const adminKey = readAdminKey(reader);
  const level = reader.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'warn');
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  if (config.nodes !== undefined && adminKey === undefined)
    throw new ConfigError([
      `TYPESENSE_ADMIN_KEY is required with TYPESENSE_URL (the server's admin key: ${args.command} creates collections and keys)`,
    ]);
  const log: Logger = createLogger({ level, secrets: [adminKey, config.apiKey].filter((s): s is string => s !== undefined) });
  if (args.command === 'keys' || args.command === 'check') {
    if (config.nodes === undefined || adminKey === undefined)
      throw new ConfigError([
        `${args.command} needs a running Typesense: set TYPESENSE_URL and TYPESENSE_ADMIN_KEY (npm start makes its own keys for its local server)`,
      ]);
    const admin = createTypesenseClient({ nodes: config.nodes, apiKey: adminKey, timeoutMs: config.timeoutMs, retries: 1 });
    const alias = args.alias ?? config.alias ?? TRACKS_ALIAS;
    try {
      if (args.command === 'keys')
        return await runKeys({
          admin,
          nodes: config.nodes,
          alias,
          file: args.write,
          rotate: args.rotate,
          current: { TYPESENSE_API_KEY: config.apiKey, TYPESENSE_SETTINGS_KEY: config.settingsKey },
          timeoutMs: config.timeoutMs,
          out: process.stdout,
          err: process.stderr,
        });
      return await runCheck({ admin, config, alias, json: args.json, log, out: process.stdout });
    } catch (err) {
      throw adminFault(err, config.nodes);
    }
  }
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  // The launchers (bin/trained-index.mjs, npm run index, the Docker job) cap the heap; without
  // the cap V8 grows it lazily and the builder's RSS climbs with the rows it has read.
  if (heapLimitMb > HEAP_ADVICE_MB) log.info({ heapLimitMb }, 'no heap ceiling: run with --max-old-space-size=256 to keep memory flat');
  else log.debug({ heapLimitMb }, 'heap ceiling');
  let handle: TypesenseHandle | undefined;
  try {
    // No TYPESENSE_URL: build into the same local data directory `npm start` serves from.
    // The slow steps before the first row (a first download, the server starting) say what they are doing.
    const status = args.progress === false || (args.json && args.progress === 'auto') ? silentStatus : statusLine(process.stderr);
    handle = await obtainTypesense({ config, log, persistent: true, adminKey, status }).catch((err: unknown) => {
      if (err instanceof TypesenseBinaryError || config.nodes !== undefined) throw err;
      // Most often the data directory is locked by a server `npm start` is running: then point TYPESENSE_URL at that one.
      const first = (err as Error).message.split('\n')[0] ?? '';
      throw new BuildError(
        `could not start a local Typesense (${first}); if \`npm start\` is running, set TYPESENSE_URL to its server instead`,
      );
    });
    // Imports of big batches may take long; the build has its own backoff and deadline.
    const client = createTypesenseClient({
      nodes: handle.nodes,
      apiKey: requireAdmin(handle).adminKey,
      timeoutMs: Math.max(config.timeoutMs, 120_000),
      retries: 2,
    });
    const sample = args.command === 'sample';
    if (handle.local !== undefined) {
      // `trained lookup` can read this local server while the build runs (and the index it swaps in).
      const advertised = await advertiseLocalServer(
        client,
        handle.local.url,
        config.cacheDir,
        args.alias ?? config.alias ?? TRACKS_ALIAS,
        'trained-index',
      );
      const stopServer = handle.stop;
      handle.stop = async () => {
        await advertised.undo();
        await stopServer();
      };
    }
    const report: BuildReport = await buildIndex({
      client,
      sources: sample ? SAMPLE_SOURCES : args.sources,
      // TYPESENSE_ALIAS as keys and check read it: a staging alias set in .env is built, not `tracks`.
      alias: args.alias ?? config.alias ?? TRACKS_ALIAS,
      incremental: args.incremental,
      sample,
      strict: args.strict,
      ...(args.maxRejected === undefined ? {} : { maxRejected: args.maxRejected }),
      allowShrink: args.allowShrink,
      allowPartial: args.allowPartial,
      log,
      progress: args.json && args.progress === 'auto' ? false : args.progress,
      ...(args.batchSize === undefined ? {} : { batchSize: args.batchSize }),
      ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
      descriptors: await loadDescriptors(args.descriptors),
    });
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${formatReport(report)}\n`);
    return 0;
  } finally {
    await handle?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (EXPECTED.some((E) => err instanceof E)) process.stderr.write(`trained-index: ${(err as Error).message}\n`);
    else process.stderr.write(`trained-index: unexpected failure\n${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
