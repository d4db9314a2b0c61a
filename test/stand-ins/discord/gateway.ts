/**
 * Enough of Discord's gateway (v10, JSON, no compression) for the real discord.js client:
 * HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, and dispatches or close codes
 * sent when a test asks for them. Listens on 127.0.0.1 only.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GatewayIdentify {
  token: string;
  intents: number;
  properties?: unknown;
}

export interface GatewayOptions {
  botUserId: string;
  applicationId: string;
  /** Guild objects sent as GUILD_CREATE after READY. */
  guilds: () => Record<string, unknown>[];
  /** Close code sent instead of READY for this IDENTIFY (4004 bad token, 4014 disallowed intents). */
  refuseIdentify?: (identify: GatewayIdentify) => number | undefined;
  /** Discord's is about 41 s; tests shorten it to see heartbeats. */
  heartbeatIntervalMs?: number;
}

export interface GatewayStandIn {
  url: string;
  /** Every IDENTIFY received, in order (the token is test data, never a real one). */
  identifies: GatewayIdentify[];
  /** Connections opened so far: a reconnect loop shows here. */
  connections(): number;
  heartbeats(): number;
  /** Sends a dispatch (op 0) on every open connection. */
  dispatch(type: string, data: unknown): void;
  /** Closes every open connection with this code. */
  closeAll(code: number, reason?: string): void;
  waitForIdentify(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const HEARTBEAT_INTERVAL_MS = 41_250;

export async function startGatewayStandIn(opts: GatewayOptions): Promise<GatewayStandIn> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  const identifies: GatewayIdentify[] = [];
  const ready = new Set<WebSocket>();
  let connections = 0;
  let heartbeats = 0;
  let sequence = 0;
  const identifyWaiters: (() => void)[] = [];

  const send = (socket: WebSocket, payload: unknown): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  };
  const sendDispatch = (socket: WebSocket, t: string, d: unknown): void => {
    sequence += 1;
    send(socket, { op: 0, t, s: sequence, d });
  };

  server.on('connection', (socket) => {
    connections += 1;
    send(socket, { op: 10, d: { heartbeat_interval: opts.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS }, s: null, t: null });
    socket.on('message', (raw) => {
      let packet: { op?: number; d?: unknown };
      try {
        packet = JSON.parse(String(raw)) as { op?: number; d?: unknown };
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      if (packet.op === 1) {
        heartbeats += 1;
        send(socket, { op: 11, d: null, s: null, t: null });
      } else if (packet.op === 2) {
        const identify = packet.d as GatewayIdentify;
        identifies.push(identify);
        for (const w of identifyWaiters.splice(0)) w();
        const refusal = opts.refuseIdentify?.(identify);
        if (refusal !== undefined) {
          socket.close(refusal, refusal === 4004 ? 'Authentication failed.' : 'Disallowed intent(s).');
          return;
        }
        const guilds = opts.guilds();
        sendDispatch(socket, 'READY', {
          v: 10,
          user: { id: opts.botUserId, username: 'Trained', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
          guilds: guilds.map((g) => ({ id: g['id'], unavailable: true })),
          session_id: `session-${connections}`,
          resume_gateway_url: url,
          shard: [0, 1],
          application: { id: opts.applicationId, flags: 0 },
        });
        ready.add(socket);
        for (const guild of guilds) sendDispatch(socket, 'GUILD_CREATE', guild);
      }
    });
    socket.on('close', () => ready.delete(socket));
  });

  return {
    url,
    identifies,
    connections: () => connections,
    heartbeats: () => heartbeats,
    dispatch: (type, data) => {
      for (const socket of ready) sendDispatch(socket, type, data);
    },
    closeAll: (code, reason) => {
      for (const socket of server.clients) socket.close(code, reason);
    },
    waitForIdentify: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (identifies.length < count) {
        if (Date.now() > deadline) throw new Error(`gateway stand-in: ${identifies.length} of ${count} IDENTIFY received`);
        await new Promise<void>((resolve) => {
          identifyWaiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    stop: async () => {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
