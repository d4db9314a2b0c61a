/**
 * The real pieces wired together for Slack adapter tests: the core (createBot) over a
 * fixture index in the test Typesense, settings in their own Typesense collection, the
 * Slack adapter on Bolt over HTTP on 127.0.0.1, and the Web API stand-in it calls.
 */
import { inject } from 'vitest';
import { startSlackAdapter, type RunningSlackAdapter, type SlackAdapterOptions } from '../../../adapters/slack/index.js';
import { REQUEST_PATH } from '../../../adapters/slack/manifest.js';
import { loadConfig, type Config, type SlackConfig } from '../../../src/config.js';
import { createBot, type RunningBot } from '../../../src/core/bot.js';
import type { TrackRow } from '../../../src/index/document.js';
import { silentLogger } from '../../../src/log.js';
import type { SearchPort } from '../../../src/search/port.js';
import { TypesenseSearch } from '../../../src/search/typesense-search.js';
import { ensureSettingsCollection, TypesenseSettingsStore } from '../../../src/settings/typesense-store.js';
import { createTypesenseClient } from '../../../src/typesense/client.js';
import { fixtureIndex, uniqueName, type FixtureIndex } from '../../helpers/typesense.js';
import { startPausableProxy, type PausableProxy } from '../discord/pausable-proxy.js';
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

  let proxy: PausableProxy | undefined;
  let search: SearchPort = fx.search;
  if (opts.stallable === true) {
    const node = inject('typesense').nodes[0];
    if (node === undefined) throw new Error('no Typesense node');
    proxy = await startPausableProxy({ host: node.host, port: node.port });
    search = new TypesenseSearch({
      client: createTypesenseClient({
        nodes: [{ host: proxy.host, port: proxy.port, protocol: 'http' }],
        apiKey: fx.searchKey,
        timeoutMs: 15_000,
      }),
      collection: fx.alias,
      infoTtlMs: 0,
    });
  }
  const settingsCollection = uniqueName('settings');
  await ensureSettingsCollection(fx.admin, settingsCollection);
  const settings = new TypesenseSettingsStore(fx.admin, settingsCollection);
  const bot = createBot({ search, config, log: silentLogger, settings });
  const adapter = await startSlackAdapter({ bot, config: slack, log: silentLogger, settings, host: '127.0.0.1', ...opts.adapter });
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
    command: (fields, o) => sendForm(url, fields, signed(o)),
    event: (body, o) => sendEvent(url, body, signed(o)),
    interaction: (payload, o) => sendInteraction(url, payload, signed(o)),
    stop: async () => {
      proxy?.resume();
      await adapter.stop();
      await bot.close();
      await proxy?.stop();
      await api.stop();
      await fx.admin
        .collections(settingsCollection)
        .delete()
        .catch(() => undefined);
      await fx.drop();
    },
  };
}
