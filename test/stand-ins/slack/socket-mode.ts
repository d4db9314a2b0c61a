/**
 * A stand-in for Slack's Socket Mode endpoint on 127.0.0.1: greets each connection with
 * `hello`, delivers envelopes (slash commands, events) and records the client's acks.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class SocketModeStandIn {
  readonly acks: SocketAck[] = [];
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private seq = 0;

  async start(): Promise<string> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(this.server, 'listening');
    this.server.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data: Buffer) => this.acks.push(JSON.parse(data.toString()) as SocketAck));
      ws.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' }, debug_info: { host: 'stand-in' } }),
      );
    });
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link`;
  }

  /** Sends one envelope and waits (bounded) for its ack. */
  async deliver(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown, timeoutMs = 10_000): Promise<SocketAck> {
    if (this.socket === undefined) throw new Error('no Socket Mode client connected');
    const envelopeId = `env-${++this.seq}`;
    this.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ack = this.acks.find((a) => a.envelope_id === envelopeId);
      if (ack !== undefined) return ack;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ack for ${envelopeId}`);
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }
}
