import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordAdapter } from '../../../adapters/discord/index.js';
import { startSlackAdapter } from '../../../adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import type { RunningBot } from '../../../src/core/bot.js';
import { silentLogger } from '../../../src/log.js';
import { botFor, DATASET_INFO, ROWS } from '../../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../../helpers/typesense.js';
import { TEST_SIGNING_SECRET } from '../../stand-ins/slack/harness.js';

let fx: FixtureIndex;
let bot: RunningBot;
/** A loopback port nothing listens on: connecting is refused at once (ECONNREFUSED), as a firewall or a down proxy would. */
let closedPort: number;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  bot = botFor(fx);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  await bot.close();
  await fx.drop();
});

describe('a platform that cannot be reached is named as a network failure, never as a refused token', () => {
  it('Slack: "cannot reach <host> (ECONNREFUSED)", SLACK_BOT_TOKEN not called refused', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-unreachable-not-a-secret',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/`,
    });
    if (config.slack === undefined) throw new Error('Slack config missing');
    const error = await startSlackAdapter({
      bot,
      config: { ...config.slack, port: 0 },
      log: silentLogger,
      host: '127.0.0.1',
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(new RegExp(`cannot reach 127\\.0\\.0\\.1:${closedPort} \\(ECONNREFUSED\\)`));
    expect(String(error)).toMatch(/not a refused token/);
    expect(String(error)).not.toMatch(/Slack refused/);
  }, 30_000);

  it('Discord: "cannot reach <host> (ECONNREFUSED)", not "rejected the bot token"', async () => {
    const config = loadConfig({ DISCORD_TOKEN: 'unreachable-not-a-secret', DISCORD_API_URL: `http://127.0.0.1:${closedPort}/api` });
    if (config.discord === undefined) throw new Error('Discord config missing');
    const error = await startDiscordAdapter({ bot, config: config.discord, log: silentLogger }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(new RegExp(`cannot reach 127\\.0\\.0\\.1:${closedPort} \\(ECONNREFUSED\\)`));
    expect(String(error)).not.toMatch(/rejected the bot token/);
  }, 30_000);
});
