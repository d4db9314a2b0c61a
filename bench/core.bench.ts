/**
 * Issue 4: the bot core's own cost. Against a 1,000,000-row index (x BENCH_SCALE), one
 * request at a time: title searches and id lookups through `BotCore.handleCommand`
 * beside the very same Typesense multi_search requests sent straight over HTTP, interleaved
 * in the same run (overhead ratio target <= 1.2); the bot's RSS at idle and after 10,000
 * lookups; link extraction over 100 KB adversarial messages (target < 50 ms).
 * Issue 12: with CORE_BASELINE=<checkout of an older commit> (node_modules linked in), title
 * searches through that commit's core and this one's, alternating on the same index (target
 * <= 1.2x). A link lookup is two round trips now (the id, then the found row's title and
 * artists in every dataset); its direct path sends the same two.
 * `npm run bench -- core`
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CommandInvocation } from '../src/core/types.js';
import { extractLinks } from '../src/links/extract.js';
import { createRateLimiter } from '../src/limits/rate-limits.js';
import { exactAny } from '../src/search/filter.js';
import { planTitleQuery, planTitleSearches } from '../src/search/plan.js';
import { baselineBot, compareSideBySide } from './baseline.js';
import type { BenchContext } from './run.js';
import { mb, percentile } from './stats.js';
import { startRedis } from '../test/helpers/redis.js';
import { benchBot, syntheticIndex } from './synthetic-index.js';

const MEASURED = 2000;

const WARMUP = 200;
const LOOKUPS_FOR_RSS = 10_000;

const ms = (n: number) => n.toFixed(2).padStart(7);

export default async function core(ctx: BenchContext): Promise<void> {
  const rows = Math.round(1_000_000 * ctx.scale);
  const index = await syntheticIndex(ctx, rows);
  const { bot, search, base } = benchBot(ctx, index);
  // The same core with its limits shared over a real Redis (one script call per lookup): the limiter's own cost.
  const redis = await startRedis();
  const limits = { userPerMinute: 10_000, placePerMinute: 100_000, queueTimeoutMs: 10_000, redisUrl: redis.url };
  const { bot: viaRedis } = benchBot(ctx, index, { search, limiter: createRateLimiter({ limits, backend: 'redis' }) });
  const sample = (i: number) => index.samples[i % index.samples.length] ?? index.samples[0];
  const invocation = (i: number, command: string, options: CommandInvocation['options']): CommandInvocation => ({
    command,
    options,
    user: { id: `u${i % 100}` },
    place: { platform: 'console', channelId: `c${i % 10}` },
    platform: 'console',
  });
  // The direct path: the same multi_search bodies the search port sends, over a plain keep-alive fetch.
  const direct = async (searches: object[]): Promise<void> => {
    const res = await fetch(`${base}/multi_search`, {
      method: 'POST',
      headers: { 'X-TYPESENSE-API-KEY': index.searchKey, 'content-type': 'application/json' },
      body: JSON.stringify({ searches: searches.map((s) => ({ collection: index.alias, query_by: 'title_norm', ...s })) }),
    });
    if (!res.ok) throw new Error(`direct ${res.status}`);
    await res.arrayBuffer();
  };
  const fields = 'id,dataset,row_key,title,artists,album,url,duration,title_norm,artists_norm';
  const kinds = {
    'title search': {
      core: (i: number) => bot.handleCommand(invocation(i, 'song', { title: sample(i)?.title ?? '', artist: sample(i)?.artists[0] ?? '' })),
      // The searches the port plans for the same query (plan.ts), sent straight.
      direct: (i: number) => {
        const q = planTitleQuery({ title: sample(i)?.title ?? '', artist: sample(i)?.artists[0] ?? '', perPage: 25 });
        return direct(q === undefined ? [] : planTitleSearches(q).map((p) => ({ ...p.params, include_fields: fields })));
      },
    },
    'id lookup': {
      core: (i: number) => bot.handleCommand(invocation(i, 'link', { url: `https://youtu.be/${sample(i)?.rowKey ?? ''}` })),
      direct: (i: number) => idDirect(i),
    },
  };
  // The same two round trips a link lookup makes: the id, then the found row's title and artists in every dataset.
  async function idDirect(i: number): Promise<void> {
    const row = sample(i);
    const id = row?.rowKey ?? '';
    await direct([
      { q: '*', filter_by: exactAny('platform_ids', [`youtube:${id}`]), per_page: 50, include_fields: fields },
      { q: '*', filter_by: exactAny('id', [`laion-disco-12m:${id}`]), per_page: 1, include_fields: fields },
    ]);
    const same = planTitleQuery({ title: row?.title ?? '', artist: row?.artists[0], perPage: 50, candidates: false });
    if (same !== undefined) await direct(planTitleSearches(same).map((p) => ({ ...p.params, include_fields: fields })));
  }
  const kindsToMeasure = {
    ...kinds,
    // Attribution: the search port alone (typesense-js client) against the same direct request.
    'id, port only': {
      core: (i: number) => search.lookupByPlatformId('youtube', sample(i)?.rowKey ?? ''),
      // The port's id lookup alone is the first of those round trips.
      direct: (i: number) => {
        const id = sample(i)?.rowKey ?? '';
        return direct([
          { q: '*', filter_by: exactAny('platform_ids', [`youtube:${id}`]), per_page: 50, include_fields: fields },
          { q: '*', filter_by: exactAny('id', [`laion-disco-12m:${id}`]), per_page: 1, include_fields: fields },
        ]);
      },
    },
    // Limiter overhead (target <= 1 ms p50): the core with Redis limits against the core with in-process ones.
    'id, Redis limits': {
      core: (i: number) => viaRedis.handleCommand(invocation(i, 'link', { url: `https://youtu.be/${sample(i)?.rowKey ?? ''}` })),
      direct: kinds['id lookup'].core,
    },
  };

  console.log(`index: ${rows.toLocaleString('en-US')} rows; one request at a time, core and direct interleaved, ${MEASURED} each`);
  console.log('kind            core p50  core p99 | direct p50 direct p99 | p50 ratio  p99 ratio');
  for (const [name, kind] of Object.entries(kindsToMeasure)) {
    for (let i = 0; i < WARMUP; i++) {
      await kind.direct(i);
      await kind.core(i);
    }
    const c: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < MEASURED; i++) {
      // Alternating which goes first: the second of a pair meets a warmer cache (fixed order read 0.92x, alternated 1.04x).
      for (const side of i % 2 === 0 ? (['direct', 'core'] as const) : (['core', 'direct'] as const)) {
        const t = performance.now();
        await kind[side](i);
        (side === 'core' ? c : d).push(performance.now() - t);
      }
    }
    c.sort((a, b) => a - b);
    d.sort((a, b) => a - b);
    const [c50, c99, d50, d99] = [percentile(c, 50), percentile(c, 99), percentile(d, 50), percentile(d, 99)];
    console.log(
      `${name.padEnd(14)} ${ms(c50)}   ${ms(c99)} |  ${ms(d50)}    ${ms(d99)} |    ${(c50 / d50).toFixed(2)}       ${(c99 / d99).toFixed(2)}`,
    );
  }

  // Title search through the core against an older commit's core (CORE_BASELINE=<checkout>), alternating, same index.
  const baselineDir = process.env.CORE_BASELINE;
  if (baselineDir !== undefined) {
    const old = await baselineBot(baselineDir, base, index.searchKey, index.alias);
    const song = (i: number): CommandInvocation =>
      invocation(i, 'song', { title: sample(i)?.title ?? '', artist: sample(i)?.artists[0] ?? '' });
    await compareSideBySide({ now: bot, baseline: old, invocation: song, warmup: WARMUP, measured: MEASURED, label: baselineDir });
    await old.close();
  }

  // The bot's memory in a process of its own: this one also generated and imported the index.
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./core-rss-child.ts', import.meta.url)),
      JSON.stringify({
        url: base,
        searchKey: index.searchKey,
        alias: index.alias,
        lookups: LOOKUPS_FOR_RSS,
        samples: index.samples.map((r) => ({ title: r.title, artist: r.artists[0] ?? '', id: r.rowKey })),
      }),
    ],
    { encoding: 'utf8', timeout: 1_800_000 },
  );
  if (child.status !== 0) throw new Error(`RSS child failed: ${child.stderr}`);
  const rss = JSON.parse(child.stdout) as { idle: number; after: number; seconds: number; heapUsed: number };
  console.log(
    `bot process RSS: ${mb(rss.idle)} idle, ${mb(rss.after)} after ${LOOKUPS_FOR_RSS.toLocaleString('en-US')} lookups ` +
      `(half title searches, half id lookups; ${rss.seconds.toFixed(1)} s; heap ${mb(rss.heapUsed)})`,
  );
  await bot.close();
  await viaRedis.close();
  await redis.stop();

  // Link extraction: the tight figure behind reliability item 5 (tests only use a generous bound).
  const adversarial: Record<string, string> = {
    'scheme flood': 'https://'.repeat(12_800),
    'bare host flood': 'youtu.be/'.repeat(11_400),
    'query flood': `https://youtube.com/watch?${'v=&'.repeat(34_000)}`,
    'one 100 KB token': 'h'.repeat(100_000),
    colons: 'a:'.repeat(50_000),
    '3,500 real links': 'https://youtu.be/dQw4w9WgXcQ '.repeat(3_500),
    'mixed prose': 'check this https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC out, (and <https://x.example/a|b>) '.repeat(1_000),
  };
  console.log('extractLinks over 100 KB (target < 50 ms): median / max of 20 runs');
  for (const [name, text] of Object.entries(adversarial)) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      extractLinks(text);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(18)} ${(text.length / 1024).toFixed(0).padStart(4)} KB ${ms(percentile(times, 50))} ms ${ms(times[times.length - 1] ?? NaN)} ms`,
    );
  }
}
