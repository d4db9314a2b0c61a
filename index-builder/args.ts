/** Command-line arguments of `trained-index`, parsed into a value (problems listed, never thrown). */
import type { BuildSource } from './build.js';

export interface CliArgs {
  command: 'build' | 'sample' | 'datasets' | 'inspect' | 'help';
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
  problems: string[];
}

export const USAGE = `Usage:
  trained-index build --source DATASET=PATH [--source DATASET=PATH …] [options]
  trained-index sample [--alias NAME]       build the index from the bundled sample data
  trained-index datasets                    list the dataset descriptors
  trained-index inspect PATH [--dataset ID] show a source's columns, sample values, how a descriptor maps them,
                                            and a descriptor to start from

PATH is a file, a directory, a glob of shards (quote it: 'data/train-*.parquet') or an http(s) URL.

A build never replaces the live index with a worse one. It stops (exit 1, live index untouched) when a
source cannot be read, rejects more rows than --max-rejected, or a dataset would shrink:
  --max-rejected P     share of a source's rows that may be rejected: 1% (default), 0.5%, 0.02 …
  --allow-shrink       accept fewer rows (over 5% fewer) than the live index holds for a dataset, or none
  --allow-partial      accept a dataset far below the rows its publisher claims (a subset of its files)

Options:
  --alias NAME         alias the bot reads (default: tracks)
  --incremental        upsert into the live collection instead of building a new one
  --strict             stop at the first rejected row
  --json               print the final report as JSON on stdout
  --no-progress        no progress output
  --batch-size N       documents per import request (default 5000)
  --concurrency N      import requests in flight (default 2)
  --descriptors DIR    further dataset descriptors (<id>.json), for a dataset in a format already read

Typesense: TYPESENSE_URL and TYPESENSE_ADMIN_KEY; with no TYPESENSE_URL a local server is
started on the data directory \`npm start\` uses (.cache/typesense-data).`;

function positive(raw: string | undefined, name: string, problems: string[]): number | undefined {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < 1) {
    problems.push(`${name} needs a whole number above 0`);
    return undefined;
  }
  return n;
}

/** "1%", "0.5%" or "0.01" → 0.01; a problem unless it is a share between 0 and 1. */
function share(raw: string | undefined, problems: string[]): number | undefined {
  const text = raw?.trim() ?? '';
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === '' || text === '%' || !Number.isFinite(n) || n < 0 || n > 1) {
    problems.push('--max-rejected needs a share such as 1%, 0.5% or 0.01');
    return undefined;
  }
  return n;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    command: 'help',
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
    problems: [],
  };
  const [command, ...rest] = argv;
  if (command === 'build' || command === 'sample' || command === 'datasets' || command === 'inspect') args.command = command;
  else if (command !== undefined && command !== 'help' && command !== '--help' && command !== '-h')
    args.problems.push(`unknown command "${command}"`);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    switch (flag) {
      case '--source': {
        const spec = value();
        const eq = spec?.indexOf('=') ?? -1;
        if (spec === undefined || eq <= 0 || eq === spec.length - 1) args.problems.push('--source needs DATASET=PATH');
        else args.sources.push({ dataset: spec.slice(0, eq), location: spec.slice(eq + 1) });
        break;
      }
      case '--alias':
        args.alias = value();
        if (args.alias === undefined || !/^[A-Za-z0-9_-]+$/.test(args.alias))
          args.problems.push('--alias needs a name of letters, digits, _ and -');
        break;
      case '--incremental':
        args.incremental = true;
        break;
      case '--max-rejected':
        args.maxRejected = share(value(), args.problems);
        break;
      case '--allow-shrink':
        args.allowShrink = true;
        break;
      case '--allow-partial':
        args.allowPartial = true;
        break;
      case '--dataset':
        args.dataset = value();
        if (args.dataset === undefined) args.problems.push('--dataset needs a dataset id');
        break;
      case '--strict':
        args.strict = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--no-progress':
        args.progress = false;
        break;
      case '--progress':
        args.progress = true;
        break;
      case '--batch-size':
        args.batchSize = positive(value(), '--batch-size', args.problems);
        break;
      case '--concurrency':
        args.concurrency = positive(value(), '--concurrency', args.problems);
        break;
      case '--descriptors':
        args.descriptors = value();
        if (args.descriptors === undefined) args.problems.push('--descriptors needs a directory');
        break;
      case '--help':
      case '-h':
        args.command = 'help';
        break;
      default:
        if (args.command === 'inspect' && args.path === undefined && !arg.startsWith('--')) args.path = arg;
        else args.problems.push(`unknown option "${arg}"`);
    }
  }
  if (args.command === 'inspect' && args.path === undefined && args.problems.length === 0)
    args.problems.push('inspect needs a file or directory');
  if (args.command === 'build' && args.sources.length === 0 && args.problems.length === 0)
    args.problems.push('build needs at least one --source DATASET=PATH');
  return args;
}
