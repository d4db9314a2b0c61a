/**
 * A TCP proxy on 127.0.0.1 in front of the test Typesense that can hold traffic: while
 * paused, bytes from clients are buffered, not forwarded, so a lookup stalls exactly
 * like a slow server and then completes once resumed.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface PausableProxy {
  host: string;
  port: number;
  pause(): void;
  resume(): void;
  /** Client connections open now: a request its caller aborted closes its connection. */
  clients(): number;
  /** Open client connections holding bytes the pause kept back: the requests stalled now. */
  stalled(): number;
  stop(): Promise<void>;
}

export async function startPausableProxy(target: { host: string; port: number }): Promise<PausableProxy> {
  let paused = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  const waiting = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = createConnection(target);
    clients.add(client);
    client.on('close', () => {
      clients.delete(client);
      waiting.delete(client);
    });
    sockets.add(client);
    sockets.add(upstream);
    const forward = (chunk: Buffer): void => {
      if (paused) {
        waiting.add(client);
        held.push(() => upstream.write(chunk));
      } else upstream.write(chunk);
    };
    client.on('data', forward);
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    pause: () => {
      paused = true;
    },
    clients: () => clients.size,
    stalled: () => waiting.size,
    resume: () => {
      paused = false;
      waiting.clear();
      for (const write of held.splice(0)) write();
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
