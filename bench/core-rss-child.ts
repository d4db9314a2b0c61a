/**
 * Run by bench/core.bench.ts in its own process, so the figures are the bot's alone (the
 * bench process also generated and imported the index). Reads its setup from argv[2]
 * (JSON), prints one JSON line: RSS at idle and after the lookups.
 */
import { loadConfig } from '../src/config.js';
import { COMMANDS } from '../commands/index.js';
import { createBot } from '../src/core/bot.js';
import { silentLogger } from '../src/log.js';
import { TypesenseSearch } from '../src/search/typesense-search.js';
import { MemorySettingsStore } from '../src/settings/store.js';
import { createTypesenseClient } from '../src/typesense/client.js';

interface Setup {
  url: string;
  searchKey: string;
  alias: string;
  lookups: number;
  samples: { title: string; artist: string; id: string }[];
}

const setup = JSON.parse(process.argv[2] ?? '{}') as Setup;
const config = loadConfig({
  TYPESENSE_URL: setup.url,
  TYPESENSE_API_KEY: setup.searchKey,
  RATE_USER_PER_MINUTE: '10000',
  RATE_PLACE_PER_MINUTE: '100000',
});
const nodes = config.typesense.nodes ?? [];
const search = new TypesenseSearch({
  client: createTypesenseClient({ nodes, apiKey: setup.searchKey, timeoutMs: 5000 }),
  collection: setup.alias,
});
const bot = createBot({ search, config, log: silentLogger, settings: new MemorySettingsStore(), commands: COMMANDS });
await bot.handleCommand({
  command: 'about',
  options: {},
  user: { id: 'u' },
  place: { platform: 'console', channelId: 'c' },
  platform: 'console',
  surface: 'command',
});
await new Promise((r) => setTimeout(r, 1000));
const idle = process.memoryUsage().rss;
const started = performance.now();
for (let i = 0; i < setup.lookups; i++) {
  const s = setup.samples[i % setup.samples.length];
  if (s === undefined) break;
  const place = { platform: 'console' as const, channelId: `c${i % 10}` };
  const user = { id: `u${i % 100}` };
  await (i % 2 === 0
    ? bot.handleCommand({
        command: 'song',
        options: { title: s.title, artist: s.artist },
        user,
        place,
        platform: 'console',
        surface: 'command',
      })
    : bot.handleCommand({
        command: 'link',
        options: { url: `https://youtu.be/${s.id}` },
        user,
        place,
        platform: 'console',
        surface: 'command',
      }));
}
const after = process.memoryUsage().rss;
await bot.close();
process.stdout.write(
  `${JSON.stringify({ idle, after, seconds: (performance.now() - started) / 1000, heapUsed: process.memoryUsage().heapUsed })}\n`,
);
