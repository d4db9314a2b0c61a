/**
 * `trained lookup [--json] "<title - artist | link>"`: the bot's answer for scripts and
 * newsrooms. With no query it reads one per line from stdin and prints JSON Lines.
 * Exit codes: 0 answered (also when nothing matched), 1 usage, 2 Typesense unreachable or key refused,
 * 3 answered but some line could not be checked (its JSON says why), 141 the reader closed the pipe early.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, secretsOf } from '../config.js';
import type { CommandContext } from '../core/context.js';
import { renderText } from '../core/render-text.js';
import { TRACKS_ALIAS } from '../index/schema.js';
import { createLogger } from '../log.js';
import { SearchUnavailableError } from '../search/port.js';
import { TypesenseSearch } from '../search/typesense-search.js';
import { MemorySettingsStore } from '../settings/store.js';
import { createTypesenseClient } from '../typesense/client.js';
import { refuseWriteKeys, WriteKeyError } from '../typesense/key-check.js';
import { answerQuery, EXIT_UNCHECKED } from './lookup-answer.js';

const USAGE =
  'usage: trained lookup [--json] "<title - artist | link | album:<title> artist:<name>>"   (no query: one per line on stdin, JSON Lines out)';

function fail(code: number, message: string): never {
  process.stderr.write(`trained: ${message}\n`);
  process.exit(code);
}

/**
 * stdout to a pipe is asynchronous: what the reader has not taken yet waits in this process,
 * and process.exit() drops it. Every write waits for room (so a long stdin run stays small in
 * memory), and exit waits until the last write has been handed to the operating system.
 */
async function print(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

function flushed(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}

// A reader that goes away early (`trained lookup < list | head -3`) is not a failure of the
// lookup: stop quietly with the shell's code for a broken pipe, without a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(141);
  fail(1, err.message);
});

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] !== 'lookup') fail(1, USAGE);
  const rest = args.slice(1);
  const json = rest.includes('--json');
  const words = rest.filter((a) => a !== '--json');
  if (words.some((w) => w.startsWith('--'))) fail(1, USAGE);
  const query = words.length > 0 ? words.join(' ') : undefined;

  loadDotenv({ quiet: true });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(2, err.problems.join('; '));
    throw err;
  }
  const { nodes, apiKey } = config.typesense;
  if (nodes === undefined || apiKey === undefined) fail(2, 'set TYPESENSE_URL and TYPESENSE_API_KEY (a search-only key) to look songs up');
  const log = createLogger({ level: config.log.explicit ? config.log.level : 'silent', secrets: secretsOf(config) });
  const search = new TypesenseSearch({
    client: createTypesenseClient({ nodes, apiKey, timeoutMs: config.typesense.timeoutMs, retries: 1 }),
    ...(config.typesense.alias !== undefined ? { collection: config.typesense.alias } : {}),
  });
  const ctx: CommandContext = {
    search,
    settings: new MemorySettingsStore(),
    config,
    log,
    now: Date.now,
    signal: new AbortController().signal,
    commands: () => [],
    visibility: 'public',
  };
  const where = (config.typesense.nodes ?? []).map((n) => `${n.protocol}://${n.host}:${n.port}`).join(',');
  try {
    await refuseWriteKeys(config, log, config.typesense.alias ?? TRACKS_ALIAS, [['TYPESENSE_API_KEY', apiKey]]);
  } catch (err) {
    if (err instanceof WriteKeyError) fail(2, err.message);
    throw err;
  }
  try {
    const info = await search.indexInfo();
    if (info === undefined) fail(2, `no track index at ${where} (build it with trained-index build)`);
    if (query !== undefined) {
      const answer = await answerQuery(ctx, query);
      await print(json ? `${JSON.stringify(answer.json, null, 2)}\n` : `${renderText(answer.reply)}\n`);
      return answer.json.status === 'unchecked' ? EXIT_UNCHECKED : 0;
    }
    let code = 0;
    const rl = createInterface({ input: process.stdin, terminal: false });
    for await (const line of rl) {
      if (line.trim() === '') continue;
      const answer = await answerQuery(ctx, line);
      await print(`${JSON.stringify(answer.json)}\n`);
      if (answer.json.status === 'unchecked') code = EXIT_UNCHECKED;
    }
    return code;
  } catch (err) {
    if (err instanceof SearchUnavailableError) {
      const why =
        err.reason === 'unauthorized'
          ? 'the API key was refused'
          : err.reason === 'no-index'
            ? 'there is no track index'
            : 'the server did not answer';
      log.debug({ err }, 'lookup failed');
      // Lines answered before the fault are still delivered.
      await flushed();
      fail(2, `cannot look up at ${where}: ${why}`);
    }
    throw err;
  }
}

main().then(
  (code) => flushed().then(() => process.exit(code)),
  (err: unknown) => fail(1, err instanceof Error ? err.message : String(err)),
);
