/**
 * The conventions every command line of Trained follows (`trained`, `trained-index`,
 * `npm run discord:register`): options parsed by node:util parseArgs in strict mode, so an
 * unknown option is refused naming it; `--help` on stdout with exit 0; `--version`; one set
 * of exit codes, printed in each command's help.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export const EXIT = {
  ok: 0,
  /** The command could not do its job: a server unreachable, a key refused, a build refused. */
  failure: 1,
  /** The command line itself is wrong: an unknown option or command, a missing argument. */
  usage: 2,
  /** `trained lookup`: every line answered, but some could not be checked (their JSON says why). */
  unchecked: 3,
  /** The reader of our stdout went away early (`| head`), as a shell reports a broken pipe. */
  brokenPipe: 141,
} as const;

/** The same paragraph closes every command's --help. */
export const EXIT_CODES_HELP = `Exit codes (the same for trained, trained-index and discord:register):
  0  done
  1  failed: a server unreachable, a key refused, a build refused (one line on stderr says why)
  2  usage error: an unknown option or command, a missing or bad argument
  3  trained lookup only: answered, but some line could not be checked ("unchecked" in its JSON)
  141  the reader closed the pipe early (trained lookup | head)`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command takes. */
const COMMON = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Levenshtein distance, small inputs only: for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length] ?? Number.POSITIVE_INFINITY;
}

function closest(flag: string, names: readonly string[]): string | undefined {
  const bare = flag.replace(/^-+/, '').split('=')[0] ?? '';
  const best = names.map((n) => ({ n, d: distance(bare, n) })).sort((x, y) => x.d - y.d)[0];
  return best !== undefined && best.d <= Math.max(1, Math.floor(bare.length / 3)) ? `--${best.n}` : undefined;
}

/** node's own messages name the option; ours keep that and add a suggestion, without the stack. */
function usageMessage(err: unknown, names: readonly string[]): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? '';
    const hint = closest(flag, names);
    const dash = flag.startsWith('--') ? '' : ` (a query starting with "-" goes after --: -- "${flag}")`;
    return `unknown option ${flag}${hint === undefined ? dash : ` (did you mean ${hint}?)`}`;
  }
  return message.replace(/\.$/, '');
}

/**
 * Parses `argv` strictly against `options` (plus --help and --version). Throws UsageError,
 * naming the option, for anything it does not know.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O, allowPositionals = true) {
  const all = { ...COMMON, ...options };
  try {
    return parseArgs({ args: [...argv], options: all, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError(usageMessage(err, Object.keys(all)));
  }
}

/** The package's version, from its package.json (found from source, dist/ or the Docker image's layout). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'trained' && pkg.version !== undefined) return pkg.version;
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
