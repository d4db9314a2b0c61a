// A bot process for the shared-limit test: `go N` runs N /trained help requests as one user
// and prints how many were answered, refused ("slow down" or silent) or failed.
import { COMMANDS } from '../../commands/index.js';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { createRateLimiter } from '../../src/limits/rate-limits.js';
import { createLogger } from '../../src/log.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import { createTypesenseClient } from '../../src/typesense/client.js';

const [redisUrl = '', namespace = 'test', perMinute = '10'] = process.argv.slice(2);
const config = loadConfig({
  TYPESENSE_URL: 'http://127.0.0.1:1',
  TYPESENSE_API_KEY: 'unused',
  REDIS_URL: redisUrl,
  RATE_USER_PER_MINUTE: perMinute,
});
const log = createLogger({ level: 'error', destination: { write: (line: string) => process.stderr.write(line) } });
const search = new TypesenseSearch({
  client: createTypesenseClient({ nodes: config.typesense.nodes ?? [], apiKey: 'unused', timeoutMs: 200 }),
});
const limiter = createRateLimiter({
  limits: config.limits,
  namespace,
  onStoreError: (err) => log.error({ err }, 'rate limits: the shared store (Redis) failed'),
});
const bot = createBot({ search, config, log, settings: new MemorySettingsStore(), commands: COMMANDS, limiter });

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, n] = line.split(' ');
  if (cmd === 'quit') break;
  const counts = { answered: 0, refused: 0, failed: 0 };
  for (let i = 0; i < Number(n); i++) {
    const { reply } = await bot.handleCommand({
      command: 'help',
      options: {},
      user: { id: 'same-user' },
      place: { platform: 'slack', workspaceId: 'T1', channelId: `C${process.pid}` },
      platform: 'slack',
      surface: 'command',
    });
    if (reply.tone === 'info') counts.answered++;
    else if (/slow down|busy/i.test(reply.headline) || reply.headline === '') counts.refused++;
    else counts.failed++;
  }
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
await bot.close();
