import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../src/typesense/local-server.js';

export interface RedisServer {
  /** What the code under test connects to; with `restartable`, the same across stop() and start(). */
  readonly url: string;
  /** The real server's own port, for admin commands such as CLIENT LIST. */
  readonly port: number;
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

/** Starts redis-server on a fresh loopback port; undefined when it exited (port taken) before answering. */
async function launch(): Promise<{ child: ChildProcess; port: number } | undefined> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const ended = new Promise<'ended'>((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${String(err)}`)));
    child.once('exit', () => resolve('ended'));
  });
  for (let i = 0; i < 100; i++) {
    const up = await Promise.race([answers(port), ended]);
    if (up === 'ended') return undefined;
    if (up) return { child, port };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not answer PING');
}

/**
 * Debian's redis-server on a loopback port, without persistence; .ci/run installs it.
 *
 * stop() kills the real server; start() runs a new one. Clients reach it through a loopback relay
 * whose port the test holds throughout, so a restart never races the rest of the suite for a freed
 * port (seen: the outage test waiting out its whole timeout in a busy full run). While the server
 * is down the relay closes every connection at once, as a refused connection would. Only tests that
 * restart the server ask for the relay (`restartable`); the others talk to redis-server directly.
 */
export async function startRedis(opts: { restartable?: boolean } = {}): Promise<RedisServer> {
  let current: { child: ChildProcess; port: number } | undefined;
  const sockets = new Set<Socket>();
  const relay: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (current === undefined) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: current.port });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    // Either side failing ends the other; a clean end is passed on by pipe() after the last bytes
    // (destroying here would drop the server's reply to QUIT).
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relay.unref(); // the relay never keeps a test process alive
  const address = relay.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');

  const server: RedisServer = {
    get url() {
      if (opts.restartable === true) return `redis://127.0.0.1:${address.port}`;
      if (current === undefined) throw new Error('redis-server is stopped');
      return `redis://127.0.0.1:${current.port}`;
    },
    get port() {
      if (current === undefined) throw new Error('redis-server is stopped');
      return current.port;
    },
    async start() {
      for (let attempt = 0; attempt < 5 && current === undefined; attempt++) current = await launch();
      if (current === undefined) throw new Error('redis-server exited at start five times');
    },
    async stop() {
      const c = current?.child;
      current = undefined;
      for (const s of sockets) s.destroy();
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
