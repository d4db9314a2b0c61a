/**
 * Reliability check 24: the bot must not run with a key that can change the index. Three
 * harmless requests tell a search-only key from one that can write, because Typesense checks
 * a key's actions before it reads the request: a search-only key gets 401 on all three.
 * - GET /keys: lists key metadata (admin, or keys:list);
 * - POST /collections with `{}`: an invalid schema, refused with 400 when the key may create
 *   collections, so nothing is created;
 * - POST /collections/{alias}/documents/import with an empty body: imports nothing; 200 (or 400)
 *   when the key may write documents.
 */
import type { Config, TypesenseNode } from '../config.js';
import type { Logger } from '../log.js';

export type KeyPower = 'list keys' | 'create collections' | 'write documents';

export type KeyVerdict = { kind: 'search-only' } | { kind: 'can-write'; powers: KeyPower[] } | { kind: 'unchecked'; reason: string };

async function status(node: TypesenseNode, path: string, init: RequestInit, apiKey: string, timeoutMs: number): Promise<number> {
  const res = await fetch(`${node.protocol}://${node.host}:${node.port}${path}`, {
    ...init,
    headers: { 'x-typesense-api-key': apiKey, 'content-type': 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body?.cancel();
  return res.status;
}

/** 401 and 403 mean "not allowed"; any other answer came from past the permission check. */
const allowed = (code: number): boolean => code !== 401 && code !== 403;

export async function checkKeyPowers(opts: {
  nodes: readonly TypesenseNode[];
  apiKey: string;
  alias: string;
  timeoutMs: number;
}): Promise<KeyVerdict> {
  let lastError = 'no node answered';
  for (const node of opts.nodes) {
    try {
      const probe = (path: string, init: RequestInit): Promise<number> => status(node, path, init, opts.apiKey, opts.timeoutMs);
      const [keys, create, write] = await Promise.all([
        probe('/keys', { method: 'GET' }),
        probe('/collections', { method: 'POST', body: '{}' }),
        probe(`/collections/${encodeURIComponent(opts.alias)}/documents/import?action=create`, { method: 'POST', body: '' }),
      ]);
      if ([keys, create, write].some((c) => c >= 500)) {
        lastError = `the server answered ${Math.max(keys, create, write)}`;
        continue;
      }
      const powers: KeyPower[] = [];
      if (allowed(keys)) powers.push('list keys');
      if (allowed(create)) powers.push('create collections');
      if (allowed(write)) powers.push('write documents');
      return powers.length === 0 ? { kind: 'search-only' } : { kind: 'can-write', powers };
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  return { kind: 'unchecked', reason: lastError };
}

export class WriteKeyError extends Error {
  constructor(
    readonly variable: string,
    readonly powers: KeyPower[],
  ) {
    super(
      `${variable} can ${powers.join(', ')} in Typesense: the bot only needs to search. Give it a search-only key ` +
        `(POST /keys with "actions": ["documents:search"] and "collections": [the alias]), ` +
        `or set TYPESENSE_ALLOW_WRITE_KEY=true to run with this key anyway.`,
    );
    this.name = 'WriteKeyError';
  }
}

/**
 * Keys given in the configuration must not be able to change the tracks index (check 24):
 * refused unless TYPESENSE_ALLOW_WRITE_KEY is set. A server that cannot be asked now is not
 * a reason to stay down (check 12): the bot starts and says the keys went unchecked.
 */
export async function refuseWriteKeys(
  config: Config,
  log: Logger,
  alias: string,
  keys: readonly (readonly [variable: string, key: string])[],
): Promise<void> {
  const nodes = config.typesense.nodes ?? [];
  for (const [variable, apiKey] of keys) {
    const verdict = await checkKeyPowers({ nodes, apiKey, alias, timeoutMs: config.typesense.timeoutMs });
    if (verdict.kind === 'unchecked')
      log.warn({ variable, reason: verdict.reason }, 'could not check whether the key can write: unchecked');
    else if (verdict.kind === 'can-write') {
      const err = new WriteKeyError(variable, verdict.powers);
      if (config.typesense.allowWriteKey !== true) throw err;
      log.warn({ variable, powers: verdict.powers }, `${err.message.split(':')[0]}; running anyway (TYPESENSE_ALLOW_WRITE_KEY=true)`);
    }
  }
}
