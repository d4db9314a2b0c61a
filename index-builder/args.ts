/**
 * Command-line arguments of `trained-index`, parsed into a value (problems listed, never
 * thrown) with node:util parseArgs in strict mode: each command accepts its own options, and
 * anything else is a problem naming the option (exit 2, see src/cli/args.ts).
 */
import { EXIT_CODES_HELP, parseCommandLine, UsageError } from '../src/cli/args.js';
import type { BuildSource } from './build.js';

export const COMMANDS = ['build', 'sample', 'datasets', 'inspect', 'keys', 'check'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command | 'help' | 'version';
  /** help: the command asked about, if any. */
  topic: Command | undefined;
  sources: BuildSource[];
  /** inspect: the file or directory to look at. */
  path: string | undefined;
  /** inspect: compare with this dataset's descriptor instead of the closest one. */
  dataset: string | undefined;
  /** Share of a source's rows that may be rejected (0..1); undefined: the default 1%. */
  maxRejected: number | undefined;
  allowShrink: boolean;
  allowPartial: boolean;
  alias: string | undefined;
  incremental: boolean;
  strict: boolean;
  json: boolean;
  progress: boolean | 'auto';
  batchSize: number | undefined;
  concurrency: number | undefined;
  /** A directory of further dataset descriptors (<id>.json). */
  descriptors: string | undefined;
  /** keys: the .env file to write the keys into (other lines kept). */
  write: string | undefined;
  /** keys: make new keys even when the file's still work, and delete the ones they replace. */
  rotate: boolean;
  problems: string[];
}

export const USAGE = `usage: trained-index <command> [options]   (trained-index --help lists the commands and options)`;

export const HELP = `usage: trained-index <command> [options]

Commands:
  build --source DATASET=PATH [--source DATASET=PATH …]   build the index from the published files
  sample [--alias NAME]         build the index from the bundled sample data
  datasets                      list the dataset descriptors
  inspect PATH [--dataset ID]   show a source's columns, sample values, how a descriptor maps them,
                                and a descriptor to start from (nothing is sent to Typesense)
  keys [--write FILE] [--rotate]  make the bot's keys: a search-only key on the alias and a key for
                                the settings collection, printed as .env lines (or written into FILE,
                                other lines kept; keys already in FILE that still work are kept)
  check [--alias NAME] [--json] before going live: checks the server's version, the alias, the bot's
                                keys (TYPESENSE_API_KEY, TYPESENSE_SETTINGS_KEY) and sends each kind of
                                search the bot sends, reporting any the server refuses or answers
                                differently from Typesense 0.24.1
  help [command]                this help

PATH is a file, a directory, a glob of shards (quote it: 'data/train-*.parquet') or an http(s) URL.

A build never replaces the live index with a worse one. It stops (exit 1, live index untouched) when a
source cannot be read, rejects more rows than --max-rejected, or a dataset would shrink:
  --max-rejected P     share of a source's rows that may be rejected: 1% (default), 0.5%, 0.02 …
  --allow-shrink       accept fewer rows (over 5% fewer) than the live index holds for a dataset, or none
  --allow-partial      accept a dataset far below the rows its publisher claims (a subset of its files)

Build options:
  --alias NAME         alias the bot reads (default: tracks; also for sample, keys and check)
  --incremental        upsert into the live collection instead of building a new one
  --strict             stop at the first rejected row
  --json               print the final report as JSON on stdout (also for check)
  --no-progress        no progress output
  --batch-size N       documents per import request (default 5000)
  --concurrency N      import requests in flight (default 2)
  --descriptors DIR    further dataset descriptors (<id>.json), for a dataset in a format already read

Keys options:
  --write FILE         write TYPESENSE_API_KEY and TYPESENSE_SETTINGS_KEY into FILE (e.g. .env)
  --rotate             new keys even when the current ones work; the old ones are deleted

  -h, --help           this help
  --version            the version

Typesense: TYPESENSE_URL and TYPESENSE_ADMIN_KEY. With no TYPESENSE_URL, build and sample start a
local server on the data directory \`npm start\` uses (.cache/typesense-data); keys and check need
a running server.

${EXIT_CODES_HELP}`;

const ALIAS = { alias: { type: 'string' } } as const;
const DESCRIPTORS = { descriptors: { type: 'string' } } as const;
const BUILD = {
  ...ALIAS,
  ...DESCRIPTORS,
  source: { type: 'string', multiple: true },
  incremental: { type: 'boolean' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  'batch-size': { type: 'string' },
  concurrency: { type: 'string' },
  'max-rejected': { type: 'string' },
  'allow-shrink': { type: 'boolean' },
  'allow-partial': { type: 'boolean' },
} as const;

/** The options each command takes; any other is refused, naming it. */
const OPTIONS = {
  build: BUILD,
  sample: { ...ALIAS, json: { type: 'boolean' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' } },
  datasets: DESCRIPTORS,
  inspect: { ...DESCRIPTORS, dataset: { type: 'string' } },
  keys: { ...ALIAS, write: { type: 'string' }, rotate: { type: 'boolean' } },
  check: { ...ALIAS, json: { type: 'boolean' } },
  none: {},
} as const;

function positive(raw: string | undefined, name: string, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    problems.push(`${name} needs a whole number above 0`);
    return undefined;
  }
  return n;
}

/** "1%", "0.5%" or "0.01" → 0.01; a problem unless it is a share between 0 and 1. */
function share(raw: string | undefined, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === '' || text === '%' || !Number.isFinite(n) || n < 0 || n > 1) {
    problems.push('--max-rejected needs a share such as 1%, 0.5% or 0.01');
    return undefined;
  }
  return n;
}

function emptyArgs(): CliArgs {
  return {
    command: 'help',
    topic: undefined,
    sources: [],
    path: undefined,
    dataset: undefined,
    maxRejected: undefined,
    allowShrink: false,
    allowPartial: false,
    alias: undefined,
    incremental: false,
    strict: false,
    json: false,
    progress: 'auto',
    batchSize: undefined,
    concurrency: undefined,
    descriptors: undefined,
    write: undefined,
    rotate: false,
    problems: [],
  };
}

const isCommand = (word: string | undefined): word is Command => (COMMANDS as readonly string[]).includes(word ?? '');

export function parseArgs(argv: readonly string[]): CliArgs {
  const args = emptyArgs();
  const [first, ...rest] = argv;
  if (first === 'help') {
    if (rest[0] !== undefined && !isCommand(rest[0])) args.problems.push(`unknown command "${rest[0]}"`);
    args.topic = isCommand(rest[0]) ? rest[0] : undefined;
    return args;
  }
  const command = isCommand(first) ? first : undefined;
  if (command === undefined && first !== undefined && !first.startsWith('-')) {
    args.problems.push(`unknown command "${first}"`);
    return args;
  }
  let parsed;
  try {
    parsed = parseCommandLine(command === undefined ? argv : rest, OPTIONS[command ?? 'none']);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    args.problems.push(err.message);
    return args;
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (v.help === true) {
    args.topic = command;
    return args;
  }
  if (v.version === true) {
    args.command = 'version';
    return args;
  }
  if (command === undefined) {
    args.problems.push('a command is needed');
    return args;
  }
  args.command = command;
  const str = (name: string): string | undefined => (typeof v[name] === 'string' ? v[name] : undefined);
  for (const spec of (v.source as string[] | undefined) ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) args.problems.push('--source needs DATASET=PATH');
    else args.sources.push({ dataset: spec.slice(0, eq), location: spec.slice(eq + 1) });
  }
  args.alias = str('alias');
  if (args.alias !== undefined && !/^[A-Za-z0-9_-]+$/.test(args.alias))
    args.problems.push('--alias needs a name of letters, digits, _ and -');
  args.dataset = str('dataset');
  args.descriptors = str('descriptors');
  args.write = str('write');
  args.rotate = v.rotate === true;
  args.incremental = v.incremental === true;
  args.strict = v.strict === true;
  args.json = v.json === true;
  args.allowShrink = v['allow-shrink'] === true;
  args.allowPartial = v['allow-partial'] === true;
  if (v['no-progress'] === true) args.progress = false;
  else if (v.progress === true) args.progress = true;
  args.maxRejected = share(str('max-rejected'), args.problems);
  args.batchSize = positive(str('batch-size'), '--batch-size', args.problems);
  args.concurrency = positive(str('concurrency'), '--concurrency', args.problems);
  const positionals = parsed.positionals;
  if (command === 'inspect') {
    args.path = positionals[0];
    if (positionals.length > 1) args.problems.push(`inspect takes one path (got also "${positionals[1] ?? ''}")`);
    if (args.path === undefined && args.problems.length === 0) args.problems.push('inspect needs a file or directory');
  } else if (positionals.length > 0) args.problems.push(`${command} takes no argument "${positionals[0] ?? ''}" (options start with --)`);
  if (command === 'build' && args.sources.length === 0 && args.problems.length === 0)
    args.problems.push('build needs at least one --source DATASET=PATH');
  return args;
}
