/**
 * The real pieces wired together for Slack adapter tests: the core (createBot) over a
 * fixture index in the test Typesense, settings in their own Typesense collection, the
 * Slack adapter on Bolt over HTTP on 127.0.0.1, and the Web API stand-in it calls.
 */
import { startSlackAdapter, type RunningSlackAdapter, type SlackAdapterOptions } from '../../../adapters/slack/index.js';
import { REQUEST_PATH } from '../../../adapters/slack/manifest.js';
import { loadConfig, type Config, type SlackConfig } from '../../../src/config.js';
import type { TrackRow } from '../../../src/index/document.js';
import { silentLogger } from '../../../src/log.js';
import type { RunningBot } from '../../../src/core/bot.js';
import type { TypesenseSettingsStore } from '../../../src/settings/typesense-store.js';
import { fixtureIndex, type FixtureIndex } from '../../helpers/typesense.js';
import { startBotUnderTest } from '../bot-under-test.js';
import type { PausableProxy } from '../discord/pausable-proxy.js';
import { blockProblems, slackMessages } from './block-kit.js';
import { sendEvent, sendForm, sendInteraction, type AppResponse, type SendOptions } from './signed-request.js';
import { SlackWebApiStandIn } from './web-api.js';

export const TEST_SIGNING_SECRET = 'stand-in-signing-secret-not-a-secret';
export const TEST_BOT_TOKEN = 'xoxb-stand-in-token-not-a-secret';

export interface SlackHarnessOptions {
  rows: TrackRow[];
  env?: Record<string, string>;
  /** Put a pausable proxy between the bot's search and Typesense. */
  stallable?: boolean;
  adapter?: Partial<Pick<SlackAdapterOptions, 'ackBudgetMs' | 'onPlatformError' | 'claimEvent'>>;
}

export interface SlackHarness {
  api: SlackWebApiStandIn;
  config: Config;
  slack: SlackConfig;
  bot: RunningBot;
  settings: TypesenseSettingsStore;
  fx: FixtureIndex;
  proxy: PausableProxy | undefined;
  adapter: RunningSlackAdapter;
  /** The request URL Slack would be configured with. */
  url: string;
  command(fields: Record<string, string>, opts?: Partial<SendOptions>): Promise<AppResponse>;
  event(body: unknown, opts?: Partial<SendOptions>): Promise<AppResponse>;
  interaction(payload: unknown, opts?: Partial<SendOptions>): Promise<AppResponse>;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

/**
 * Slack shows a slash command's ack body as its first response; it is a message we send, so it
 * meets the Block Kit rules too (a malformed one is recorded as a refusal of `ack`).
 */
function acked(api: SlackWebApiStandIn, responseUrl: string, res: AppResponse): void {
  if (res.status !== 200 || res.text.trim() === '') return api.ack(responseUrl, undefined);
  const body = JSON.parse(res.text) as Json;
  const problems = body['blocks'] === undefined ? [] : blockProblems(body['blocks'], 'message');
  if (problems.length > 0) {
    api.calls.push({
      method: 'ack',
      path: '',
      at: Date.now(),
      authorization: undefined,
      contentType: 'application/json',
      params: {},
      json: body,
      raw: res.text,
      status: 200,
      refused: `invalid_blocks ${slackMessages(problems).join(' ')}`,
    });
  }
  api.ack(responseUrl, body);
}

/** What Slack tells the stand-in by sending the event: the shared links and whether the bot is in the channel. */
function tellLinkShared(api: SlackWebApiStandIn, body: unknown): void {
  const event = (body as { event?: Json } | null)?.event;
  if (event?.['type'] === 'link_shared') api.linkShared(event as unknown as Parameters<SlackWebApiStandIn['linkShared']>[0]);
}

/** A button's response_url acts on the message the button is on; a shortcut's has no original. */
function originOf(api: SlackWebApiStandIn, payload: unknown): void {
  const p = payload as Json;
  const url = p['response_url'];
  if (typeof url !== 'string') return;
  const container = p['container'] as { type?: string; is_ephemeral?: boolean } | undefined;
  if (p['type'] === 'block_actions' && container?.type === 'message') {
    api.setOrigin(url, { kind: 'message', visibility: container.is_ephemeral === true ? 'ephemeral' : 'in_channel' });
  } else api.setOrigin(url, { kind: 'command' });
}

export async function startSlackHarness(opts: SlackHarnessOptions): Promise<SlackHarness> {
  const api = await new SlackWebApiStandIn().start();
  const fx = await fixtureIndex(opts.rows);
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    RESOLVE_LINKS: 'false',
    LOOKUP_DEADLINE_MS: '8000',
    // One test user sends dozens of requests a minute; the limiter has its own tests.
    RATE_USER_PER_MINUTE: '10000',
    RATE_PLACE_PER_MINUTE: '10000',
    ...opts.env,
  });
  if (config.slack === undefined) throw new Error('Slack config missing');
  const slack: SlackConfig = { ...config.slack, port: 0 };

  const core = await startBotUnderTest(fx, config, opts.stallable === true);
  const { bot, settings, proxy } = core;
  const adapter = await startSlackAdapter({ bot, config: slack, log: silentLogger, host: '127.0.0.1', ...opts.adapter });
  const url = `http://127.0.0.1:${adapter.port ?? 0}${REQUEST_PATH}`;
  const signed = (extra: Partial<SendOptions> = {}): SendOptions => ({ secret: TEST_SIGNING_SECRET, ...extra });

  return {
    api,
    config,
    slack,
    bot,
    settings,
    fx,
    proxy,
    adapter,
    url,
    command: async (fields, o) => {
      const res = await sendForm(url, fields, signed(o));
      if (fields.response_url !== undefined) acked(api, fields.response_url, res);
      return res;
    },
    event: (body, o) => {
      tellLinkShared(api, body);
      return sendEvent(url, body, signed(o));
    },
    interaction: (payload, o) => {
      originOf(api, payload);
      return sendInteraction(url, payload, signed(o));
    },
    stop: async () => {
      proxy?.resume();
      await adapter.stop();
      await core.close();
      await api.stop();
      await core.dropSettings();
      await fx.drop();
      // A call Slack would refuse fails the test file that made it, even if no assertion looked.
      const refused = api.takeRefusals();
      if (refused.length > 0) {
        throw new Error(
          `Slack stand-in refused ${refused.length} call(s) the bot made:\n${refused.map((c) => `${c.method}: ${c.refused ?? ''}`).join('\n')}`,
        );
      }
    },
  };
}
