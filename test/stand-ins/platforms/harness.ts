/**
 * A link resolver wired to the platform stand-in: the real safe fetcher, exempting exactly
 * the stand-in's origin for each endpoint, and every base URL pointed at it.
 */
import type { LinksConfig } from '../../../src/config.js';
import { extractLinks } from '../../../src/links/extract.js';
import { createLinkResolver, type ClosableLinkResolver, type LinkResolverOptions } from '../../../src/links/resolve/index.js';
import type { RecognisedLink } from '../../../src/links/types.js';
import { silentLogger } from '../../../src/log.js';
import { createSafeFetcher } from '../../../src/net/safe-fetch.js';
import { startPlatformStandIn, type PlatformStandIn } from './server.js';

export const TEST_LINKS_CONFIG: LinksConfig = { resolve: true, deadlineMs: 4000, skipKeyword: '!notrained', dedupWindowMs: 0 };

export function linkOf(url: string): RecognisedLink {
  const [link] = extractLinks(url);
  if (link === undefined) throw new Error(`not recognised: ${url}`);
  return link;
}

export function deadline(ms = TEST_LINKS_CONFIG.deadlineMs): AbortSignal {
  return AbortSignal.timeout(ms);
}

export interface ResolverHarness {
  standIn: PlatformStandIn;
  resolverFor(extra?: Partial<LinkResolverOptions>): ClosableLinkResolver;
  /** Runs `fn` and returns the stand-in paths it hit. */
  hitsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; hits: string[] }>;
  closeResolvers(): Promise<void>;
  close(): Promise<void>;
}

export async function startResolverHarness(): Promise<ResolverHarness> {
  const standIn = await startPlatformStandIn();
  const open: ClosableLinkResolver[] = [];
  const closeResolvers = async (): Promise<void> => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  };
  return {
    standIn,
    resolverFor(extra = {}) {
      const resolver = createLinkResolver({
        config: TEST_LINKS_CONFIG,
        log: silentLogger,
        fetcher: createSafeFetcher({ testStandIns: standIn.fetcherStandIns, timeoutMs: 3000 }),
        endpoints: standIn.endpoints,
        ...extra,
      });
      open.push(resolver);
      return resolver;
    },
    async hitsDuring(fn) {
      const before = standIn.hits.length;
      const value = await fn();
      return { value, hits: standIn.hits.slice(before) };
    },
    closeResolvers,
    async close() {
      await closeResolvers();
      await standIn.close();
    },
  };
}
