/**
 * No filter value ends in `*` (typesense.md, "what differs" 4): from 26.0/27.0 such a value
 * is a prefix filter, so an FMA path from a pasted URL could match other rows in production
 * while matching one row here. Checked on what actually goes over the wire to Typesense.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LookupContext } from '../../src/core/context.js';
import { lookupOne } from '../../src/core/link-lookup.js';
import { extractLinks } from '../../src/links/extract.js';
import { exactAny, exactOne, NO_VALUE } from '../../src/search/filter.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

/** Every backtick-quoted value in a filter_by string. */
export function filterValues(filterBy: string): string[] {
  const parts = filterBy.split('`');
  return parts.filter((_, i) => i % 2 === 1);
}

/** An HTTP proxy in front of Typesense that keeps every filter_by it forwards (GET query or multi_search body). */
async function recordingProxy(target: {
  host: string;
  port: number;
}): Promise<{ port: number; filters: string[]; close(): Promise<void> }> {
  const filters: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const fromQuery = new URL(req.url ?? '/', 'http://x').searchParams.get('filter_by');
      if (fromQuery !== null) filters.push(fromQuery);
      if (body.length > 0 && (req.url ?? '').startsWith('/multi_search')) {
        const parsed = JSON.parse(body.toString()) as { searches?: { filter_by?: string }[] };
        for (const s of parsed.searches ?? []) if (s.filter_by !== undefined) filters.push(s.filter_by);
      }
      const up = request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    filters,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const FMA = 'https://freemusicarchive.org/music';
let fx: FixtureIndex;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let search: TypesenseSearch;
beforeAll(async () => {
  // Three rows whose FMA paths share the prefix "Star_Band/Album/Tra": a prefix filter would return all three.
  fx = await fixtureIndex([
    {
      dataset: 'fma',
      rowKey: '11',
      title: 'Tra*',
      artists: ['Star Band'],
      url: `${FMA}/Star_Band/Album/Tra*`,
      platformIds: [{ platform: 'fma', id: 'Star_Band/Album/Tra*' }],
    },
    {
      dataset: 'fma',
      rowKey: '12',
      title: 'Track',
      artists: ['Star Band'],
      url: `${FMA}/Star_Band/Album/Track`,
      platformIds: [{ platform: 'fma', id: 'Star_Band/Album/Track' }],
    },
    {
      dataset: 'fma',
      rowKey: '13',
      title: 'Trance',
      artists: ['Star Band'],
      url: `${FMA}/Star_Band/Album/Trance`,
      platformIds: [{ platform: 'fma', id: 'Star_Band/Album/Trance' }],
    },
  ]);
  const node = inject('typesense').nodes[0] ?? { host: '127.0.0.1', port: 0 };
  proxy = await recordingProxy(node);
  search = new TypesenseSearch({
    client: createTypesenseClient({
      nodes: [{ host: '127.0.0.1', port: proxy.port, protocol: 'http' }],
      apiKey: fx.searchKey,
      timeoutMs: 5000,
    }),
    collection: fx.alias,
    infoTtlMs: 0,
  });
});
afterAll(async () => {
  await proxy.close();
  await fx.drop();
});

describe('filter values ending in *', () => {
  it('are never put in a filter, alone or in a list', () => {
    expect(exactOne('platform_ids', 'fma:a/b/tra*')).toBe(`platform_ids:=\`${NO_VALUE}\``);
    expect(exactAny('platform_ids', ['fma:a/b/tra*', 'fma:a/b/ok'])).toBe('platform_ids:=[`fma:a/b/ok`]');
    expect(exactAny('id', ['fma:x*', 'fma:y**'])).toBe(`id:=[\`${NO_VALUE}\`]`);
    // Backticks, && and || removed first cannot leave a * at the end either.
    for (const v of ['tra*`', 'tra* && ', 'tra*||', ' tra*  '])
      expect(filterValues(exactOne('f', v)).every((x) => !x.endsWith('*'))).toBe(true);
  });

  it('a pasted FMA link whose path ends in * sends no such value to Typesense, and is answered by its title and URL', async () => {
    // A trailing slash keeps the * inside the path (a bare trailing * is taken as punctuation).
    const link = extractLinks(`${FMA}/Star_Band/Album/Tra*/`, 1)[0];
    expect(link?.id).toBe('Star_Band/Album/Tra*');
    // No resolver: the FMA link is found by its own path, never by a title search.
    const ctx: LookupContext = { search, signal: new AbortController().signal };
    proxy.filters.length = 0;
    const answer = await lookupOne(ctx, link!, await search.indexInfo());
    expect(proxy.filters.length).toBeGreaterThan(0);
    const values = proxy.filters.flatMap(filterValues);
    expect(values.filter((v) => v.endsWith('*'))).toEqual([]);
    // The row is still found: by its title, confirmed by its exact track URL; the other two are not claimed.
    expect(answer.matches.filter((m) => m.basis === 'id').map((m) => m.rowKey)).toEqual(['11']);
  });
});
