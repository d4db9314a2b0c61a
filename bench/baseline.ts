/**
 * An older commit's bot core, loaded from a checkout directory (its node_modules linked to
 * this one's), for benches that measure today's code against it side by side in one run.
 */
import { resolve } from 'node:path';

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
  return createBot({ search, config, log: silentLogger, settings: new MemorySettingsStore() });
}
