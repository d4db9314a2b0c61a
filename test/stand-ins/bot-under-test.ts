/**
 * The bot core that the Discord and Slack harnesses drive: the fixture index, read directly
 * or through a pausable proxy (to stall Typesense), and a settings collection of its own.
 */
import { inject } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import type { Config } from '../../src/config.js';
import { createBot, type RunningBot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/log.js';
import type { SearchPort } from '../../src/search/port.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { ensureSettingsCollection, TypesenseSettingsStore } from '../../src/settings/typesense-store.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { uniqueName, type FixtureIndex } from '../helpers/typesense.js';
import { startPausableProxy, type PausableProxy } from './discord/pausable-proxy.js';

export interface BotUnderTest {
  bot: RunningBot;
  settings: TypesenseSettingsStore;
  proxy: PausableProxy | undefined;
  /** Closes the bot and the proxy (the adapter on top stops first). */
  close(): Promise<void>;
  /** Drops the settings collection. */
  dropSettings(): Promise<void>;
}

export async function startBotUnderTest(fx: FixtureIndex, config: Config, stallable: boolean): Promise<BotUnderTest> {
  let proxy: PausableProxy | undefined;
  let search: SearchPort = fx.search;
  if (stallable) {
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
  const bot = createBot({ search, config, log: silentLogger, settings, commands: COMMANDS });
  return {
    bot,
    settings,
    proxy,
    close: async () => {
      await bot.close();
      await proxy?.stop();
    },
    dropSettings: async () => {
      await fx.admin
        .collections(settingsCollection)
        .delete()
        .catch(() => undefined);
    },
  };
}
