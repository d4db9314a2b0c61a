import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from '../../src/typesense/local-server.js';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.on('data', (d) => {
      resolve(d.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

/** Debian's redis-server on a loopback port, without persistence; .ci/run installs it. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      const failed = new Promise<never>((_, reject) =>
        child?.once('error', (err) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${String(err)}`))),
      );
      for (let i = 0; i < 100; i++) {
        if (await Promise.race([answers(port), failed])) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('redis-server did not answer PING');
    },
    async stop() {
      const c = child;
      // Already gone (a killed child has a signalCode and no exitCode): there is no exit to wait for.
      if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}
