/**
 * `trained`: the command line for people and scripts (`trained lookup …`). Loads `.env`,
 * dispatches, and turns the outcome into the exit codes every Trained command shares
 * (src/cli/args.ts). Only this entry point exits the process.
 */
import { config as loadDotenv } from 'dotenv';
import { processEnv } from '../config.js';
import { TypesenseBinaryError } from '../typesense/binary.js';
import { EXIT, EXIT_CODES_HELP, packageVersion, parseCommandLine, UsageError } from './args.js';
import { LOOKUP_HELP, LOOKUP_USAGE, LookupFailure, runLookup } from './lookup.js';

const USAGE = 'usage: trained <command> [options]   (trained --help lists the commands)';

const HELP = `usage: trained <command> [options]

Commands:
  lookup [--json] "<title - artist | link>"   the bot's answer for a song or a link
                                             (or "album:<title> artist:<name>" for a release;
                                             no query: one per line on stdin, JSON Lines out)
  help [command]                             this help, or a command's

Options:
  -h, --help    this help (trained lookup --help: the command's)
  --version     the version

The index itself is built by trained-index (trained-index --help).

${EXIT_CODES_HELP}`;

function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text);
}

/** Resolves when everything written to stdout has been handed to the operating system. */
function flushed(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'lookup') {
    loadDotenv({ quiet: true });
    return runLookup(rest, processEnv(), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  }
  if (command === 'help') {
    const topic = rest[0];
    if (topic !== undefined && topic !== 'lookup') throw new UsageError(`unknown command "${topic}"`);
    write(process.stdout, `${topic === 'lookup' ? LOOKUP_HELP : HELP}\n`);
    return EXIT.ok;
  }
  if (command !== undefined && !command.startsWith('-')) throw new UsageError(`unknown command "${command}"`);
  const { values } = parseCommandLine(argv, {}, false);
  if (values.version === true) {
    write(process.stdout, `trained ${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (values.help === true) {
    write(process.stdout, `${HELP}\n`);
    return EXIT.ok;
  }
  throw new UsageError('a command is needed');
}

// A reader that goes away early (`trained lookup < list | head -3`) is not a failure of the
// lookup: stop quietly with the shell's code for a broken pipe, without a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.brokenPipe);
  process.stderr.write(`trained: ${err.message}\n`);
  process.exit(EXIT.failure);
});

main(process.argv.slice(2)).then(
  (code) => flushed().then(() => process.exit(code)),
  async (err: unknown) => {
    // Lines answered before a fault are still delivered.
    await flushed();
    if (err instanceof UsageError) {
      const usage = process.argv[2] === 'lookup' ? LOOKUP_USAGE : USAGE;
      process.stderr.write(`trained: ${err.message}\n${usage}\n`);
      process.exit(EXIT.usage);
    }
    const expected = err instanceof LookupFailure || err instanceof TypesenseBinaryError;
    if (expected) process.stderr.write(`trained: ${err.message}\n`);
    else process.stderr.write(`trained: unexpected failure\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(EXIT.failure);
  },
);
