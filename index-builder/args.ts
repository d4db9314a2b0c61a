/** Command-line arguments of `trained-index`, parsed into a value (problems listed, never thrown). */
import type { BuildSource } from './build.js';

export interface CliArgs {
  command: 'build' | 'sample' | 'datasets' | 'help';
  sources: BuildSource[];
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

PATH is a file, a directory, a glob of shards (quote it: 'data/train-*.parquet') or an http(s) URL.

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

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    command: 'help',
    sources: [],
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
  if (command === 'build' || command === 'sample' || command === 'datasets') args.command = command;
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
        args.problems.push(`unknown option "${arg}"`);
    }
  }
  if (args.command === 'build' && args.sources.length === 0 && args.problems.length === 0)
    args.problems.push('build needs at least one --source DATASET=PATH');
  return args;
}
