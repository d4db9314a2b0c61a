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
  const members = await Promise.all(
    ports.map((p) =>
      startLocalTypesense({
        binary: opts.binary,
        log: opts.log,
        apiKey,
        apiPort: p.api,
        peeringPort: p.peering,
        extraArgs: [`--nodes=${nodesFile}`],
        startTimeoutMs: 90_000,
      }),
    ),
  );
  return {
    nodes: members.map((m) => ({ host: m.host, port: m.port, protocol: 'http' as const })),
    apiKey,
    members,
    stop: async () => {
      await Promise.all(members.map((m) => m.stop(5000)));
    },
  };
}
