import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypesenseNode } from '../config.js';
import type { Logger } from '../log.js';
import { freePort, startLocalTypesense, type LocalServer } from './local-server.js';

export interface LocalCluster {
  nodes: TypesenseNode[];
  apiKey: string;
  members: LocalServer[];
  /** Starts member `i` again after a kill, on its ports and data directory (a crashed node coming back). */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Raft cluster of `size` local servers on loopback ports, each with its own data
 * directory: how failover is tested on one machine (typesense.md, High availability).
 */
export async function startLocalCluster(opts: { binary: string; log: Logger; size?: number }): Promise<LocalCluster> {
  const size = opts.size ?? 3;
  const apiKey = randomBytes(24).toString('hex');
  const ports: { api: number; peering: number }[] = [];
  for (let i = 0; i < size; i++) ports.push({ api: await freePort(), peering: await freePort() });
  const dir = await mkdtemp(join(tmpdir(), 'trained-cluster-'));
  const nodesFile = join(dir, 'nodes');
  await writeFile(nodesFile, ports.map((p) => `127.0.0.1:${p.peering}:${p.api}`).join(','));
  const start = (p: { api: number; peering: number }, dataDir?: string): Promise<LocalServer> =>
    startLocalTypesense({
      binary: opts.binary,
      log: opts.log,
      apiKey,
      apiPort: p.api,
      peeringPort: p.peering,
      dataDir,
      extraArgs: [`--nodes=${nodesFile}`],
      startTimeoutMs: 90_000,
    });
  const members = await Promise.all(ports.map((p) => start(p)));
  return {
    nodes: members.map((m) => ({ host: m.host, port: m.port, protocol: 'http' as const })),
    apiKey,
    members,
    restart: async (i) => {
      const old = members[i];
      const p = ports[i];
      if (old === undefined || p === undefined) throw new Error(`no cluster member ${i}`);
      await old.exited;
      members[i] = await start(p, old.dataDir);
    },
    stop: async () => {
      await Promise.all(members.map((m) => m.stop(5000)));
    },
  };
}
