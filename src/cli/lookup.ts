/**
 * `trained lookup [--json] "<title - artist | link>"`: the bot's answer for scripts and
 * newsrooms. With no query it reads one per line from stdin and prints JSON Lines. With no
 * TYPESENSE_URL it reads the local server that `npm start` runs (src/typesense/local-note.ts),
 * or starts one itself as `npm start` would. Exit codes: src/cli/args.ts.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig, secretsOf, type Config } from '../config.js';
import type { LookupContext } from '../core/context.js';
import { renderText } from '../core/render-text.js';
import { TRACKS_ALIAS } from '../index/schema.js';
import { createLogger, type Logger } from '../log.js';
import { SearchUnavailableError, type SearchPort } from '../search/port.js';
import { TypesenseSearch } from '../search/typesense-search.js';
import { statusLine } from '../status-line.js';
import { createTypesenseClient } from '../typesense/client.js';
import { refuseWriteKeys, WriteKeyError } from '../typesense/key-check.js';
import { readNote } from '../typesense/local-note.js';
import { EXIT, EXIT_CODES_HELP, parseCommandLine, UsageError } from './args.js';
import { startRuntime } from './bootstrap.js';
import { answerQuery } from './lookup-answer.js';

export const LOOKUP_USAGE =
  'usage: trained lookup [--json] "<title - artist | link | album:<title> artist:<name>>"   (no query: one per line on stdin, JSON Lines out)';

export const LOOKUP_HELP = `${LOOKUP_USAGE}

Answers as the bot does: which datasets hold the song, with the evidence (dataset, row, basis).

  trained lookup "Bohemian Rhapsody - Queen"          the answer as text
  trained lookup --json "https://youtu.be/dQw4w9WgXcQ" the answer as JSON
  trained lookup < songs.txt > answers.jsonl          one query per line in, JSON Lines out
  trained lookup "album:Nevermind artist:Nirvana"     a release: its rows per dataset, with --json too

Options:
  --json        print JSON instead of text (stdin input is always JSON Lines)
  -h, --help    this help
  --version     the version

Where it looks: TYPESENSE_URL and TYPESENSE_API_KEY (a search-only key; TYPESENSE_ALIAS picks
another alias). With no TYPESENSE_URL, the local Typesense that \`npm start\` is running, or a
local one started for this lookup (the first run builds the bundled sample index).

${EXIT_CODES_HELP}`;

/** Thrown for an expected failure: one line on stderr, exit 1. */
export class LookupFailure extends Error {}

export interface LookupIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { write(text: string): boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; write(text: string): boolean };
}

/**
 * stdout to a pipe is asynchronous: what the reader has not taken yet waits in this process,
 * and process.exit() drops it. Every write waits for room (so a long stdin run stays small in
 * memory); the entry point waits until the last write has been handed to the operating system.
 */
async function print(io: LookupIo, text: string): Promise<void> {
  if (!io.stdout.write(text)) await once(io.stdout, 'drain');
}

interface Connected {
  search: SearchPort;
  where: string;
  stop(): Promise<void>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** A configured server, else the local one `npm start` advertises, else a local one started here. */
async function connect(config: Config, log: Logger, io: LookupIo): Promise<Connected> {
  const { nodes, apiKey, timeoutMs } = config.typesense;
  const alias = config.typesense.alias ?? TRACKS_ALIAS;
  if (nodes !== undefined && apiKey !== undefined) {
    try {
      await refuseWriteKeys(config, log, alias, [['TYPESENSE_API_KEY', apiKey]]);
    } catch (err) {
      if (err instanceof WriteKeyError) throw new LookupFailure(err.message);
      throw err;
    }
    return {
      search: new TypesenseSearch({ client: createTypesenseClient({ nodes, apiKey, timeoutMs, retries: 1 }), collection: alias }),
      where: nodes.map((n) => `${n.protocol}://${n.host}:${n.port}`).join(','),
      stop: async () => undefined,
    };
  }
  const note = await readNote(config.typesense.cacheDir);
  if (note !== undefined && (await healthy(note.url))) {
    const node = new URL(note.url);
    const client = createTypesenseClient({
      nodes: [{ host: node.hostname, port: Number(node.port), protocol: 'http' }],
      apiKey: note.searchKey,
      timeoutMs,
      retries: 1,
    });
    return {
      search: new TypesenseSearch({ client, collection: config.typesense.alias ?? note.alias }),
      where: `${note.url} (the local server of ${note.startedBy})`,
      stop: async () => undefined,
    };
  }
  io.stderr.write('No local Typesense is running (npm start): starting one for this lookup.\n');
  const runtime = await startRuntime(config, log, config.typesense.pathVar, { who: 'trained lookup', status: statusLine(io.stderr) });
  const node = runtime.nodes[0];
  return {
    search: runtime.search,
    where: node === undefined ? 'the local server' : `http://${node.host}:${node.port}`,
    stop: () => runtime.stop(),
  };
}

function unavailable(err: SearchUnavailableError, where: string): LookupFailure {
  const why =
    err.reason === 'unauthorized'
      ? 'the API key was refused'
      : err.reason === 'no-index'
        ? 'there is no track index (build it with trained-index build, or trained-index sample)'
        : 'the server did not answer';
  return new LookupFailure(`cannot look up at ${where}: ${why}`);
}

/** The lookup itself; returns the exit code. Throws UsageError and LookupFailure for the entry point. */
export async function runLookup(argv: readonly string[], env: NodeJS.ProcessEnv, io: LookupIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean' } });
  if (values.help === true) {
    await print(io, `${LOOKUP_HELP}\n`);
    return EXIT.ok;
  }
  const query = positionals.length > 0 ? positionals.join(' ') : undefined;
  if (query?.trim() === '') throw new UsageError('the query is empty');
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) throw new LookupFailure(err.problems.join('; '));
    throw err;
  }
  const log = createLogger({ level: config.log.explicit ? config.log.level : 'silent', secrets: secretsOf(config) });
  const connected = await connect(config, log, io);
  const { search, where } = connected;
  const ctx: LookupContext = { search, signal: new AbortController().signal };
  try {
    const info = await search.indexInfo();
    if (info === undefined)
      throw new LookupFailure(`no track index at ${where} (build it with trained-index build, or trained-index sample)`);
    if (query !== undefined) {
      const answer = await answerQuery(ctx, query);
      await print(io, values.json === true ? `${JSON.stringify(answer.json, null, 2)}\n` : `${renderText(answer.reply)}\n`);
      return answer.json.status === 'unchecked' ? EXIT.unchecked : EXIT.ok;
    }
    let code: number = EXIT.ok;
    const rl = createInterface({ input: io.stdin, terminal: false });
    for await (const line of rl) {
      if (line.trim() === '') continue;
      const answer = await answerQuery(ctx, line);
      await print(io, `${JSON.stringify(answer.json)}\n`);
      if (answer.json.status === 'unchecked') code = EXIT.unchecked;
    }
    return code;
  } catch (err) {
    if (err instanceof SearchUnavailableError) {
      log.debug({ err }, 'lookup failed');
      throw unavailable(err, where);
    }
    throw err;
  } finally {
    await connected.stop();
  }
}
