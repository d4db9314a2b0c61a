import type { TypesenseConfig, TypesenseNode } from '../config.js';
import type { Logger } from '../log.js';
import type { StatusLine } from '../status-line.js';
import { locateTypesenseBinary } from './binary.js';
import { startLocalTypesense, type LocalServer } from './local-server.js';

/** A Typesense to talk to: a configured one, or a local server this process started. */
export interface TypesenseHandle {
  nodes: TypesenseNode[];
  /**
   * The admin key: a local server's own, or the one the caller passed (index-builder, tests,
   * benches). Undefined for the bot on a configured server: it never holds one.
   */
  adminKey: string | undefined;
  /** Set when the configuration gave a search-only key. */
  searchKey: string | undefined;
  local: LocalServer | undefined;
  stop(): Promise<void>;
}

export interface ObtainOptions {
  config: TypesenseConfig;
  log: Logger;
  /** PATH to look for `typesense-server` on. */
  pathVar?: string | undefined;
  /** Keep data across runs (npm start) instead of a throwaway directory (tests). */
  persistent?: boolean;
  /** TYPESENSE_ADMIN_KEY, for callers that administer a configured server (see readAdminKey). */
  adminKey?: string | undefined;
  /** Progress lines for the person waiting (binary download, server start); none by default. */
  status?: StatusLine;
}

/** A handle that can administer the server: a local one, or a configured one with TYPESENSE_ADMIN_KEY. */
export type AdminHandle = TypesenseHandle & { adminKey: string };

export function requireAdmin(handle: TypesenseHandle): AdminHandle {
  if (handle.adminKey === undefined) throw new Error('TYPESENSE_ADMIN_KEY is required with TYPESENSE_URL');
  return { ...handle, adminKey: handle.adminKey, stop: () => handle.stop() };
}

export async function obtainTypesense(opts: ObtainOptions): Promise<TypesenseHandle> {
  const { config, log } = opts;
  if (config.nodes !== undefined) {
    return { nodes: config.nodes, adminKey: opts.adminKey, searchKey: config.apiKey, local: undefined, stop: async () => undefined };
  }
  const binary = await locateTypesenseBinary({
    explicit: config.bin,
    pathVar: opts.pathVar ?? config.pathVar,
    cacheDir: config.cacheDir,
    log,
    ...(opts.status === undefined ? {} : { status: opts.status }),
  });
  const dataDir = config.dataDir ?? (opts.persistent === true ? `${config.cacheDir}/typesense-data` : undefined);
  const server = await startLocalTypesense({ binary, log, dataDir, ...(opts.status === undefined ? {} : { status: opts.status }) });
  log.info({ url: server.url }, 'started a local Typesense');
  return {
    nodes: [{ host: server.host, port: server.port, protocol: 'http' }],
    adminKey: server.apiKey,
    searchKey: undefined,
    local: server,
    stop: () => server.stop(),
  };
}
