/**
 * `npm start`. Reads the configuration once (.env, then the environment), starts or finds
 * Typesense, and runs the chat adapters when their tokens are set, the console otherwise.
 * SIGINT/SIGTERM (or the console closing) stop everything in order — adapters finish the
 * answers in flight, limiters drain, clients close — and exit 0.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
// The entry point is the one place in src/ that wires adapters to the core.
/* eslint-disable no-restricted-imports */
import { runConsole } from '../adapters/console/index.js';
import { startDiscordAdapter } from '../adapters/discord/index.js';
import { startSlackAdapter } from '../adapters/slack/index.js';
/* eslint-enable no-restricted-imports */
import { COMMANDS } from '../commands/index.js';
import { startRuntime } from './cli/bootstrap.js';
import { ConfigError, loadConfig, secretsOf, type Config } from './config.js';
import { createBot } from './core/bot.js';
import type { BotCore, PlatformName } from './core/types.js';
import { redisStore, type SharedClaims } from './limits/shared-store.js';
import { createLinkResolver } from './links/resolve/index.js';
import { createLogger, type Logger } from './log.js';
import { startOpsServer } from './ops/http.js';
import { statusLine } from './status-line.js';
import { createMetrics, instrumentBot, instrumentSearch } from './ops/metrics.js';

interface Started {
  stop(): Promise<void>;
}

/** Resolves with the exit code: 0 for SIGINT/SIGTERM, 1 when an adapter fails for good. */
function untilStop(): { done: Promise<number>; fail: () => void } {
  let fail: () => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    process.once('SIGINT', () => resolve(0));
    process.once('SIGTERM', () => resolve(0));
    fail = () => resolve(1);
  });
  return { done, fail };
}

/** Slack redelivers an event for about five minutes; a claim outlives that. */
const SLACK_EVENT_CLAIM_MS = 15 * 60_000;

/** Discord and/or Slack, for whichever tokens are set, all on the same bot core. */
async function startChatAdapters(
  config: Config,
  log: Logger,
  bot: BotCore,
  onFatal: () => void,
  onPlatformError: (platform: PlatformName, code: string) => void,
  shared: SharedClaims | undefined,
): Promise<Started[]> {
  const started: Started[] = [];
  try {
    if (config.discord !== undefined) {
      started.push(
        await startDiscordAdapter({
          bot,
          config: config.discord,
          log,
          onFatal: (err) => {
            log.error({ code: err.code }, err.message);
            onFatal();
          },
          onPlatformError: (code) => onPlatformError('discord', code),
        }),
      );
    }
    if (config.slack !== undefined) {
      started.push(
        await startSlackAdapter({
          bot,
          config: config.slack,
          log,
          onPlatformError: (code) => onPlatformError('slack', code),
          ...(shared === undefined
            ? {}
            : { claimEvent: async (id: string) => (await shared.claim(`slack-event:${id}`, SLACK_EVENT_CLAIM_MS)) !== 'seen' }),
        }),
      );
    }
  } catch (err) {
    for (const a of started) await a.stop();
    throw err;
  }
  return started;
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
  const level = !chat && !config.log.explicit ? 'error' : config.log.level;
  const log = createLogger({ level, secrets: secretsOf(config) });
  const stop = untilStop();
  if (!chat && config.typesense.nodes === undefined)
    process.stderr.write('Starting (the first run fetches Typesense and builds the sample index)…\n');
  // The slow first steps (fetching the 338 MB binary, starting the local server, the sample
  // build) show progress on stderr: redrawn on a terminal, a plain line now and then otherwise.
  const runtime = await startRuntime(config, log, config.typesense.pathVar, { status: statusLine(process.stderr) });
  // With REDIS_URL, each outbound host's rate holds across every bot process (architecture.md),
  // and a Slack event retried onto another replica is answered once.
  const sharedStore =
    config.limits.redisUrl === undefined
      ? undefined
      : redisStore({
          redisUrl: config.limits.redisUrl,
          namespace: 'trained',
          onStoreError: (err) =>
            log.error(
              { err },
              'shared store (Redis) failed: link lookups limited and Slack retries deduplicated in this process until it answers',
            ),
        });
  const resolver = createLinkResolver({ config: config.links, log, ...(sharedStore === undefined ? {} : { sharedQuota: sharedStore }) });
  const metrics = config.metricsPort === undefined ? undefined : createMetrics({ nodes: runtime.nodes });
  const search = metrics === undefined ? runtime.search : instrumentSearch(runtime.search, metrics);
  const running = createBot({ search, config, log, settings: runtime.settings, resolver, commands: COMMANDS });
  const bot = metrics === undefined ? running : instrumentBot(running, metrics);
  metrics?.addQueue('user', () => running.queued().user);
  metrics?.addQueue('place', () => running.queued().place);
  metrics?.addQueues('resolve:', () => resolver.queued());
  const closers: (() => Promise<void>)[] = [
    () => running.close(),
    () => resolver.close(),
    async () => sharedStore?.close(),
    () => runtime.stop(),
  ];
  let code = 0;
  try {
    if (metrics !== undefined && config.metricsPort !== undefined) {
      const ops = await startOpsServer({ port: config.metricsPort, host: config.metricsHost, search, metrics, log });
      closers.splice(2, 0, () => ops.close());
      log.info({ host: config.metricsHost, port: ops.port }, 'serving /healthz and /metrics');
    }
    if (chat) {
      const adapters = await startChatAdapters(
        config,
        log,
        bot,
        stop.fail,
        (platform, code) => metrics?.platformErrors.inc({ platform, code }),
        sharedStore,
      );
      code = await stop.done;
      log.info('stopping: finishing answers in flight');
      for (const a of adapters) await a.stop();
    } else {
      const attachmentDir = join(config.typesense.cacheDir, 'exports');
      await mkdir(attachmentDir, { recursive: true });
      const aborted = new AbortController();
      void stop.done.then(() => aborted.abort());
      await runConsole({ bot, input: process.stdin, output: process.stdout, attachmentDir, signal: aborted.signal, log });
    }
  } finally {
    for (const close of closers) await close().catch((err: unknown) => log.error({ err }, 'shutdown step failed'));
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`trained: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
