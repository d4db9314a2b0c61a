/**
 * The Slack adapter: Bolt in HTTP mode (production, stateless replicas behind one request
 * URL) or Socket Mode (local development), translating Slack requests into the core's
 * invocations and the core's replies into Block Kit. Parsing lives in slack-text.ts and
 * list-modal.ts, rendering in render.ts, transport in transport.ts and outbound.ts.
 */
import { App, HTTPReceiver } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.js';
import type { BotCore } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';
import { BoundedDedupe } from '../shared/dedupe.js';
import { InFlight } from '../shared/in-flight.js';
import type { HandlerDeps } from './handlers/deps.js';
import { registerEvents } from './handlers/events.js';
import { registerErrorHandler, registerInteractions } from './handlers/interactions.js';
import { registerSlashCommand } from './handlers/slash-command.js';
import { ACK_BUDGET_MS } from './limits.js';
import { REQUEST_PATH } from './manifest.js';
import { cannotReach, hostOf, networkErrorCode } from '../../src/net/unreachable.js';
import { platformErrorCode, slackErrorCode } from './outbound.js';
import { boltLogger, serveHttp } from './transport.js';

export class SlackStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackStartupError';
  }
}

/**
 * WebClient's default retries for ten attempts over about thirty minutes; a chat answer is
 * worthless by then. A 429 still waits its Retry-After before the next attempt.
 */
export const WEB_API_RETRIES = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 5000, randomize: true };
export const WEB_API_TIMEOUT_MS = 10_000;
/** How long stop() lets in-flight answers finish. */
export const DRAIN_TIMEOUT_MS = 15_000;

export interface SlackAdapterOptions {
  bot: BotCore;
  config: SlackConfig;
  log: Logger;
  /** HTTP mode: the interface to listen on; default SLACK_HOST, else all interfaces. */
  host?: string;
  ackBudgetMs?: number;
  /**
   * Called once for each error Slack answered with: the Web API's error string (`not_in_channel`),
   * an HTTP status, `429`, or `request_error`. For metrics.
   */
  onPlatformError?: (code: string) => void;
  /**
   * Several replicas: claims an event id in a store they all share (Redis), so a retry that
   * reaches another replica is not answered twice. True when this process should answer;
   * also true when the store cannot tell (twice is better than never).
   */
  claimEvent?: (eventId: string) => Promise<boolean>;
}

export interface RunningSlackAdapter {
  stop(): Promise<void>;
  /** HTTP mode: the port actually listened on. */
  port?: number;
}

function checkConfig(config: SlackConfig): void {
  // Config refuses these too; the adapter guards itself because a blank secret would make every request look signed.
  if (config.signingSecret.trim() === '') {
    throw new SlackStartupError(
      "SLACK_SIGNING_SECRET is blank: Slack's requests cannot be verified, so the Slack adapter will not start. Copy it from the app's Basic Information page.",
    );
  }
  if (config.botToken.trim() === '')
    throw new SlackStartupError('SLACK_BOT_TOKEN is blank: set the bot token (xoxb-…) from OAuth & Permissions.');
  if (config.socketMode && (config.appToken === undefined || config.appToken.trim() === '')) {
    throw new SlackStartupError('SLACK_APP_TOKEN is required for Socket Mode: create an app-level token (xapp-…) with connections:write.');
  }
}

export async function startSlackAdapter(opts: SlackAdapterOptions): Promise<RunningSlackAdapter> {
  const { config } = opts;
  checkConfig(config);
  const log = opts.log.child({ adapter: 'slack' });
  const logger = boltLogger(log);
  const clientOptions = {
    ...(config.apiUrl !== undefined ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: WEB_API_RETRIES,
    timeout: WEB_API_TIMEOUT_MS,
  };
  const receiver = config.socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.signingSecret, endpoints: REQUEST_PATH, logger });
  const app =
    receiver !== undefined
      ? new App({ token: config.botToken, receiver, logger, clientOptions, deferInitialization: true })
      : new App({
          token: config.botToken,
          appToken: config.appToken ?? '',
          socketMode: true,
          logger,
          clientOptions,
          deferInitialization: true,
        });

  try {
    // auth.test: a wrong token stops start-up here instead of failing on the first request.
    await app.init();
  } catch (err) {
    const network = networkErrorCode(err);
    if (network !== undefined)
      throw new SlackStartupError(cannotReach(hostOf(config.apiUrl, 'slack.com'), network, 'SLACK_BOT_TOKEN'), { cause: err });
    throw new SlackStartupError(
      `Slack refused SLACK_BOT_TOKEN (${slackErrorCode(err) ?? (err instanceof Error ? err.message : 'unknown error')})`,
      { cause: err },
    );
  }

  const inFlight = new InFlight();
  const deps: HandlerDeps = {
    bot: opts.bot,
    log,
    dedupe: new BoundedDedupe(),
    claimEvent: opts.claimEvent,
    inFlight,
    ackBudgetMs: opts.ackBudgetMs ?? ACK_BUDGET_MS,
    platformError: (error) => {
      const code = platformErrorCode(error);
      if (code !== undefined) opts.onPlatformError?.(code);
    },
  };
  registerSlashCommand(app, deps);
  registerEvents(app, deps);
  registerInteractions(app, deps);
  registerErrorHandler(app, deps);

  if (receiver !== undefined) {
    const host = opts.host ?? config.host;
    const http = await serveHttp({ receiver, port: config.port, ...(host !== undefined ? { host } : {}), log });
    log.info({ port: http.port, path: REQUEST_PATH }, 'slack adapter listening (HTTP mode)');
    return {
      port: http.port,
      stop: async () => {
        await http.stop();
        await inFlight.drain(DRAIN_TIMEOUT_MS);
      },
    };
  }
  await app.start();
  log.info('slack adapter connected (Socket Mode)');
  return {
    stop: async () => {
      await app.stop();
      await inFlight.drain(DRAIN_TIMEOUT_MS);
    },
  };
}
