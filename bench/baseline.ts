/**
 * An older commit's bot core, loaded from a checkout directory (its node_modules linked to
 * this one's), for benches that measure today's code against it side by side in one run.
 */
import { resolve } from 'node:path';
import { percentile } from './stats.js';

export interface BaselineBot {
  handleCommand(inv: object): Promise<unknown>;
  close(): Promise<void>;
}

export async function baselineBot(dir: string, url: string, searchKey: string, alias: string): Promise<BaselineBot> {
  const root = `${resolve(dir)}/`;
  const at = async <T>(path: string): Promise<T> => (await import(`${root}${path}`)) as T;
  const { createBot } = await at<{ createBot(deps: object): BaselineBot }>('src/core/bot.ts');
  const { TypesenseSearch } = await at<{ TypesenseSearch: new (o: object) => object }>('src/search/typesense-search.ts');
  const { createTypesenseClient } = await at<{ createTypesenseClient(o: object): object }>('src/typesense/client.ts');
  const { loadConfig } = await at<{ loadConfig(env: Record<string, string>): { typesense: { nodes?: object[] } } }>('src/config.ts');
  const { MemorySettingsStore } = await at<{ MemorySettingsStore: new () => object }>('src/settings/store.ts');
  const { silentLogger } = await at<{ silentLogger: object }>('src/log.ts');
  const config = loadConfig({
    TYPESENSE_URL: url,
    TYPESENSE_API_KEY: searchKey,
    RATE_USER_PER_MINUTE: '10000',
    RATE_PLACE_PER_MINUTE: '100000',
  });
  const client = createTypesenseClient({ nodes: config.typesense.nodes ?? [], apiKey: searchKey, timeoutMs: 5000 });
  const search = new TypesenseSearch({ client, collection: alias });
  // Since the command registry moved out of the core (commands/), the bot is given its commands.
  const commands = await at<{ COMMANDS: object[] }>('commands/index.ts').then(
    (m) => m.COMMANDS,
    () => undefined,
  );
  return createBot({
    search,
    config,
    log: silentLogger,
    settings: new MemorySettingsStore(),
    ...(commands === undefined ? {} : { commands }),
  });
}

/**
 * Times the same invocations through two cores, alternating which goes first, in rounds:
 * p50/p90/p99 per round, and the ratio of the best round of each (both get the same
 * chances; on two shared cores one burst of other work can swing a single round's tail).
 */
export async function compareSideBySide<I>(opts: {
  now: { handleCommand(inv: I): Promise<unknown> };
  baseline: { handleCommand(inv: I): Promise<unknown> };
  invocation: (i: number) => I;
  warmup: number;
  measured: number;
  label: string;
  rounds?: number;
}): Promise<void> {
  const run = (b: { handleCommand(inv: I): Promise<unknown> }, i: number): Promise<unknown> => b.handleCommand(opts.invocation(i));
  for (let i = 0; i < opts.warmup; i++) {
    await run(opts.baseline, i);
    await run(opts.now, i);
  }
  const ms = (n: number): string => n.toFixed(2).padStart(7);
  const rounds = opts.rounds ?? 2;
  const best = { now: [Infinity, Infinity, Infinity], baseline: [Infinity, Infinity, Infinity] };
  console.log(
    `title search through the core, this checkout vs ${opts.label}: ${rounds} rounds of ${opts.measured} each, alternating (target: ratio <= 1.1)`,
  );
  for (let r = 0; r < rounds; r++) {
    const times = { now: [] as number[], baseline: [] as number[] };
    for (let i = 0; i < opts.measured; i++) {
      // Alternate which goes first, so neither always meets a warmer cache.
      for (const side of i % 2 === 0 ? (['now', 'baseline'] as const) : (['baseline', 'now'] as const)) {
        const t = performance.now();
        await run(opts[side], r * opts.measured + i);
        times[side].push(performance.now() - t);
      }
    }
    const line: string[] = [];
    for (const side of ['now', 'baseline'] as const) {
      const sorted = times[side].sort((a, b) => a - b);
      const p = [50, 90, 99].map((q) => percentile(sorted, q));
      p.forEach((v, k) => (best[side][k] = Math.min(best[side][k] ?? Infinity, v)));
      line.push(`${side} p50 ${ms(p[0] ?? NaN)} p90 ${ms(p[1] ?? NaN)} p99 ${ms(p[2] ?? NaN)}`);
    }
    console.log(`  round ${r + 1}: ${line.join(' | ')}`);
  }
  const ratio = (k: number): string => ((best.now[k] ?? NaN) / (best.baseline[k] ?? NaN)).toFixed(2);
  console.log(`  best round of each, now / baseline: p50 ${ratio(0)}  p90 ${ratio(1)}  p99 ${ratio(2)}`);
}
