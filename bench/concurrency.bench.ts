/**
 * Issue 8: lookups through the core at 1, 8 and 32 concurrent requests against a 1M-row
 * index (x BENCH_SCALE): throughput and p50/p99, beside the same Typesense queries sent
 * straight over HTTP in the same run.
 */
import type { CommandInvocation } from '../src/core/types.js';
import { normalizeArtist, normalizeTitle } from '../src/index/normalize.js';
import { exactAny, exactOne } from '../src/search/filter.js';
import type { BenchContext } from './run.js';
import { percentile } from './stats.js';
import { benchBot, syntheticIndex } from './synthetic-index.js';

const DISPLAY = 'id,dataset,row_key,title,artists,album,url,duration,title_norm,artists_norm';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

async function drive(concurrency: number, total: number, one: (i: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await one(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export default async function concurrency(ctx: BenchContext): Promise<void> {
  const rows = Math.round(1_000_000 * ctx.scale);
  const index = await syntheticIndex(ctx, rows);
  const { bot, base } = benchBot(ctx, index);
  const samples = index.samples;
  const sample = (i: number) => samples[i % samples.length] ?? samples[0];
  // Each request from its own user and channel: limits are measured by the bot's tests, not here.
  const invocation = (i: number, command: string, options: CommandInvocation['options']): CommandInvocation => ({
    command,
    options,
    user: { id: `u${i}` },
    place: { platform: 'console', channelId: `c${i}` },
    platform: 'console',
    surface: 'command',
  });
  const direct = async (searches: object[]): Promise<void> => {
    const res = await fetch(`${base}/multi_search`, {
      method: 'POST',
      headers: { 'X-TYPESENSE-API-KEY': index.searchKey, 'content-type': 'application/json' },
      body: JSON.stringify({ searches }),
    });
    if (!res.ok) throw new Error(`direct ${res.status}`);
    await res.arrayBuffer();
  };
  const kinds = {
    'title search': {
      core: async (i: number) => {
        const row = sample(i);
        await bot.handleCommand(invocation(i, 'song', { title: row?.title ?? '', artist: row?.artists[0] ?? '' }));
      },
      // The same four searches the search port sends for a title with an artist (typesense-search.ts).
      direct: async (i: number) => {
        const row = sample(i);
        const title = normalizeTitle(row?.title ?? '');
        const artist = normalizeArtist(row?.artists[0] ?? '');
        const common = { collection: index.alias, query_by: 'title_norm', include_fields: DISPLAY };
        const fuzzy = { ...common, q: title, num_typos: 2, prefix: false, per_page: 50 };
        await direct([
          {
            ...common,
            q: '*',
            filter_by: `${exactOne('title_norm', title)} && ${exactAny('artists_norm', [artist])}`,
            page: 1,
            per_page: 10,
          },
          fuzzy,
          { ...fuzzy, filter_by: exactAny('artists_norm', [artist]) },
          { ...fuzzy, q: artist, query_by: 'artists_norm', filter_by: exactOne('title_norm', title) },
        ]);
      },
    },
    'id lookup': {
      core: async (i: number) => {
        await bot.handleCommand(invocation(i, 'link', { url: `https://youtu.be/${sample(i)?.rowKey ?? ''}` }));
      },
      direct: async (i: number) => {
        const id = sample(i)?.rowKey ?? '';
        await direct([
          {
            collection: index.alias,
            q: '*',
            query_by: 'title_norm',
            include_fields: DISPLAY,
            filter_by: exactAny('platform_ids', [`youtube:${id}`]),
            per_page: 50,
          },
          {
            collection: index.alias,
            q: '*',
            query_by: 'title_norm',
            include_fields: DISPLAY,
            filter_by: exactAny('id', [`laion-disco-12m:${id}`]),
            per_page: 1,
          },
        ]);
      },
    },
  };
  console.log(`index: ${rows} rows (built in ${index.importSeconds.toFixed(0)} s)`);
  console.log('kind          conc   core rps   p50 ms   p99 ms | direct rps   p50 ms   p99 ms | p50 ratio');
  for (const [name, kind] of Object.entries(kinds)) {
    for (const conc of [1, 8, 32]) {
      const total = conc === 1 ? 500 : 2000;
      await drive(conc, 100, kind.direct); // warm both paths
      await drive(conc, 100, kind.core);
      const d = await drive(conc, total, kind.direct);
      const c = await drive(conc, total, kind.core);
      console.log(
        `${name.padEnd(13)} ${String(conc).padStart(4)} ${c.rps.toFixed(0).padStart(10)} ${c.p50.toFixed(2).padStart(8)} ${c.p99.toFixed(2).padStart(8)} |` +
          ` ${d.rps.toFixed(0).padStart(10)} ${d.p50.toFixed(2).padStart(8)} ${d.p99.toFixed(2).padStart(8)} | ${(c.p50 / d.p50).toFixed(2)}`,
      );
    }
  }
  await bot.close();
}
