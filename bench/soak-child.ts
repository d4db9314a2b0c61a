/**
 * The bot under a steady mixed load, in its own process so its memory is its own (run by
 * bench/soak.bench.ts). Starts one request every 1000/rate ms, round-robin over title
 * search, id lookup, a pasted message with links and a list; prints one JSON line a minute
 * (RSS, heap, event-loop delay, requests, errors, latency) and a last line with the totals.
 * Reads its setup from argv[2] (JSON).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { COMMANDS } from '../commands/index.js';
import { createBot } from '../src/core/bot.js';
import type { Answer } from '../src/core/types.js';
import { silentLogger } from '../src/log.js';
import { TypesenseSearch } from '../src/search/typesense-search.js';
import { MemorySettingsStore } from '../src/settings/store.js';
import { createTypesenseClient } from '../src/typesense/client.js';
import { percentile } from './stats.js';

interface Setup {
  urls: string;
  searchKey: string;
  alias: string;
  rate: number;
  seconds: number;
  samples: { title: string; artist: string; id: string }[];
}

export type Kind = 'title' | 'id' | 'links' | 'list';
const KINDS: Kind[] = ['title', 'id', 'links', 'list'];
/** Requests in flight past this are counted as shed (an error), so a stall cannot pile up unbounded work. */
const MAX_IN_FLIGHT = 64;

const setup = JSON.parse(process.argv[2] ?? '{}') as Setup;
const config = loadConfig({
  TYPESENSE_URL: setup.urls,
  TYPESENSE_API_KEY: setup.searchKey,
  RATE_USER_PER_MINUTE: '10000',
  RATE_PLACE_PER_MINUTE: '100000',
  RESOLVE_LINKS: 'false',
  LINK_DEDUP_WINDOW_S: '0',
});
const search = new TypesenseSearch({
  client: createTypesenseClient({ nodes: config.typesense.nodes ?? [], apiKey: setup.searchKey, timeoutMs: config.typesense.timeoutMs }),
  collection: setup.alias,
});
const bot = createBot({ search, config, log: silentLogger, settings: new MemorySettingsStore(), commands: COMMANDS });

const sample = (i: number) => setup.samples[i % setup.samples.length] ?? { title: 'x', artist: 'y', id: 'dQw4w9WgXcQ' };

async function one(i: number, kind: Kind): Promise<Answer> {
  const user = { id: `u${i % 500}` };
  const place = { platform: 'console' as const, channelId: `c${i % 50}` };
  const s = sample(i);
  switch (kind) {
    case 'title':
      return bot.handleCommand({
        command: 'song',
        options: { title: s.title, artist: s.artist },
        user,
        place,
        platform: 'console',
        surface: 'command',
      });
    case 'id':
      return bot.handleCommand({
        command: 'link',
        options: { url: `https://youtu.be/${s.id}` },
        user,
        place,
        platform: 'console',
        surface: 'command',
      });
    case 'links': {
      const text = `listen https://youtu.be/${s.id} and https://www.youtube.com/watch?v=${sample(i + 7).id} or https://open.spotify.com/track/${'4'.repeat(22)}`;
      return bot.handleMessage({ text, user, place, platform: 'console', surface: 'typed-links' });
    }
    case 'list': {
      const lines = [0, 1, 2, 3, 4].map((k) =>
        k === 2 ? `https://youtu.be/${sample(i + k).id}` : `${sample(i + k).title} - ${sample(i + k).artist}`,
      );
      return bot.handleCommand({
        command: 'list',
        options: { lines: lines.join('\n') },
        user,
        place,
        platform: 'console',
        surface: 'command',
      });
    }
  }
}

interface Minute {
  latencies: number[];
  requests: number;
  errors: number;
  shed: number;
  errorKinds: Record<string, number>;
}
const fresh = (): Minute => ({ latencies: [], requests: 0, errors: 0, shed: 0, errorKinds: {} });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const all: number[] = [];
let minute = fresh();
let started = 0;
let finished = 0;
let errors = 0;
let inFlight = 0;
const t0 = performance.now();
let minuteNo = 0;

const report = (): void => {
  minuteNo++;
  const sorted = [...minute.latencies].sort((a, b) => a - b);
  const mem = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      minute: minuteNo,
      t: (performance.now() - t0) / 1000,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
      requests: minute.requests,
      errors: minute.errors,
      shed: minute.shed,
      errorKinds: minute.errorKinds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      inFlight,
    })}\n`,
  );
  delay.reset();
  minute = fresh();
};

const fail = (kind: string): void => {
  minute.errors++;
  errors++;
  minute.errorKinds[kind] = (minute.errorKinds[kind] ?? 0) + 1;
};

const launch = (i: number): void => {
  const kind = KINDS[i % KINDS.length] ?? 'title';
  minute.requests++;
  started++;
  if (inFlight >= MAX_IN_FLIGHT) {
    minute.shed++;
    fail(`${kind}:shed`);
    finished++;
    return;
  }
  inFlight++;
  const t = performance.now();
  one(i, kind)
    .then(
      ({ reply, delivery }) => {
        const ms = performance.now() - t;
        minute.latencies.push(ms);
        all.push(ms);
        if (delivery.mode === 'silent' || reply.tone === 'problem')
          fail(`${kind}:${delivery.mode === 'silent' ? 'no answer' : reply.headline.slice(0, 40)}`);
      },
      (err: unknown) => fail(`${kind}:${err instanceof Error ? err.message.slice(0, 40) : 'thrown'}`),
    )
    .finally(() => {
      inFlight--;
      finished++;
    });
};

const intervalMs = 1000 / setup.rate;
const minuteTimer = setInterval(report, 60_000);
let i = 0;
// Open loop: request i starts at t0 + i × interval whatever the earlier ones are doing.
while (performance.now() - t0 < setup.seconds * 1000) {
  launch(i++);
  const wait = t0 + i * intervalMs - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
clearInterval(minuteTimer);
if (minute.requests > 0) report();
all.sort((a, b) => a - b);
await bot.close();
process.stdout.write(
  `${JSON.stringify({ done: true, started, finished, errors, p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) ?? NaN })}\n`,
);
