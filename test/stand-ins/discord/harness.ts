/**
 * The real pieces wired together for adapter tests: the core (createBot) over a fixture
 * index in the test Typesense, settings in their own Typesense collection, the Discord
 * adapter on discord.js, and the Discord stand-in it talks to.
 */
import { startDiscordAdapter, type DiscordAdapter, type DiscordAdapterOptions } from '../../../adapters/discord/index.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { TrackRow } from '../../../src/index/document.js';
import { silentLogger } from '../../../src/log.js';
import type { RunningBot } from '../../../src/core/bot.js';
import type { TypesenseSettingsStore } from '../../../src/settings/typesense-store.js';
import { fixtureIndex, type FixtureIndex } from '../../helpers/typesense.js';
import { startBotUnderTest } from '../bot-under-test.js';
import { startDiscordStandIn, type DiscordStandIn, type StandInOptions } from './index.js';
import type { PausableProxy } from './pausable-proxy.js';

export const TEST_TOKEN = 'stand-in-bot-token-not-a-secret';

export interface HarnessOptions {
  rows: TrackRow[];
  env?: Record<string, string> | ((stand: DiscordStandIn) => Record<string, string>);
  standIn?: StandInOptions;
  /** Put a pausable proxy between the bot's search and Typesense. */
  stallable?: boolean;
  adapter?: Partial<Pick<DiscordAdapterOptions, 'deferAfterMs' | 'tokenLifetimeMs' | 'onFatal' | 'onPlatformError' | 'log'>>;
  /** Leave the adapter unstarted (tests of startup failures start it themselves). */
  start?: boolean;
}

export interface Harness {
  stand: DiscordStandIn;
  config: Config;
  bot: RunningBot;
  settings: TypesenseSettingsStore;
  fx: FixtureIndex;
  proxy: PausableProxy | undefined;
  adapter: DiscordAdapter | undefined;
  start(extra?: HarnessOptions['adapter']): Promise<DiscordAdapter>;
  stop(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const stand = await startDiscordStandIn(opts.standIn);
  const fx = await fixtureIndex(opts.rows);
  const config = loadConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: stand.rest.apiUrl,
    RESOLVE_LINKS: 'false',
    LOOKUP_DEADLINE_MS: '8000',
    ...(typeof opts.env === 'function' ? opts.env(stand) : opts.env),
  });
  const core = await startBotUnderTest(fx, config, opts.stallable === true);
  const { bot, settings, proxy } = core;
  const discord = config.discord;
  if (discord === undefined) throw new Error('Discord config missing');

  const harness: Harness = {
    stand,
    config,
    bot,
    settings,
    fx,
    proxy,
    adapter: undefined,
    start: async (extra = {}) => {
      const adapter = await startDiscordAdapter({ bot, config: discord, log: silentLogger, ...opts.adapter, ...extra });
      harness.adapter = adapter;
      return adapter;
    },
    stop: async () => {
      proxy?.resume();
      await harness.adapter?.stop();
      await core.close();
      try {
        // Throws when the stand-in refused a payload the bot sent: the file's tests fail with the refusals listed.
        await stand.stop();
      } finally {
        await core.dropSettings();
        await fx.drop();
      }
    },
  };
  if (opts.start !== false) await harness.start();
  return harness;
}

/** Every request that carries a message (interaction responses with content, webhooks, channel messages). */
export function messageBodies(stand: DiscordStandIn): { path: string; body: Record<string, unknown> }[] {
  const out: { path: string; body: Record<string, unknown> }[] = [];
  for (const r of stand.rest.requests) {
    if (r.method !== 'POST' && r.method !== 'PATCH') continue;
    const body = r.body as Record<string, unknown> | undefined;
    if (body === undefined) continue;
    if (r.path.endsWith('/callback')) {
      if (body['type'] === 4 || body['type'] === 7) out.push({ path: r.path, body: body['data'] as Record<string, unknown> });
    } else if (r.path.startsWith('/webhooks/') || /^\/channels\/\d+\/messages$/.test(r.path)) {
      out.push({ path: r.path, body });
    }
  }
  return out;
}
