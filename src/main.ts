/**
 * `npm start`. Reads the configuration once (.env, then the environment), starts or finds
 * Typesense, and runs the chat adapters when their tokens are set, the console otherwise.
 * SIGINT/SIGTERM (or the console closing) stop everything in order and exit 0.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
// The entry point is the one place in src/ that wires adapters to the core.
// eslint-disable-next-line no-restricted-imports
import { runConsole } from '../adapters/console/index.js';
import { startRuntime, type Runtime } from './cli/bootstrap.js';
import { ConfigError, loadConfig, secretsOf, type Config } from './config.js';
import { createBot, type RunningBot } from './core/bot.js';
import { createLogger, type Logger } from './log.js';

interface Started {
  stop(): Promise<void>;
}

/**
 * Discord and/or Slack, for whichever tokens are set. Each adapter lives in adapters/
 * (startDiscordAdapter, startSlackAdapter) and gets the same bot core.
 */
async function startChatAdapters(config: Config, log: Logger, bot: RunningBot, runtime: Runtime): Promise<Started[]> {
  void bot;
  void runtime;
  const started: Started[] = [];
  if (config.discord !== undefined) log.error('the Discord adapter is not wired into main.ts yet');
  if (config.slack !== undefined) log.error('the Slack adapter is not wired into main.ts yet');
  return started;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const chat = config.discord !== undefined || config.slack !== undefined;
  // The console shows answers on stdout; its logs stay quiet unless asked for.
  const level = !chat && process.env.LOG_LEVEL === undefined ? 'error' : config.log.level;
  const log = createLogger({ level, secrets: secretsOf(config) });
  if (!chat) process.stderr.write('Starting (the first run fetches Typesense and builds the sample index)…\n');
  const runtime = await startRuntime(config, log, process.env.PATH);
  const bot = createBot({ search: runtime.search, config, log, settings: runtime.settings });
  try {
    if (chat) {
      const adapters = await startChatAdapters(config, log, bot, runtime);
      if (adapters.length > 0) {
        const signal = await untilSignal();
        log.info({ signal }, 'stopping');
      }
      for (const a of adapters) await a.stop();
    } else {
      const attachmentDir = join(config.typesense.cacheDir, 'exports');
      await mkdir(attachmentDir, { recursive: true });
      const stop = new AbortController();
      void untilSignal().then(() => stop.abort());
      await runConsole({ bot, input: process.stdin, output: process.stdout, attachmentDir, signal: stop.signal });
    }
  } finally {
    await bot.close();
    await runtime.stop();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`trained: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
