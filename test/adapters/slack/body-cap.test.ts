/**
 * The Slack receiver caps a request body while it streams (reliability check 23): a
 * chunked body past 1 MB is answered 413 before Bolt reads it, and the process does not
 * hold the body, whatever its transfer encoding.
 */
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter } from '../../../adapters/slack/index.js';
import { silentLogger } from '../../../src/log.js';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { slashCommand } from '../../stand-ins/slack/payloads.js';
import { slackSignature } from '../../stand-ins/slack/signed-request.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ rows: [{ dataset: 'fma', rowKey: '1', title: 'Capped Song', artists: ['Band'] }] });
});
afterAll(async () => {
  await h?.stop();
});

const MB = 1024 * 1024;

interface Flood {
  status: number | undefined;
  sentBytes: number;
}

/**
 * Streams up to `totalBytes` as a chunked POST (no Content-Length), stopping when the server
 * answers or closes the connection. One 64 KiB buffer is reused, so the sender holds no body.
 */
function flood(url: string, totalBytes: number, headers: Record<string, string>): Promise<Flood> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let status: number | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve({ status, sentBytes: sent });
    };
    const req = request(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked', ...headers } }, (res) => {
      status = res.statusCode;
      res.resume();
      res.on('end', finish);
      res.on('error', finish);
    });
    req.on('error', finish);
    req.on('close', () => setTimeout(finish, 50));
    const pump = (): void => {
      while (!done && status === undefined && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= totalBytes && status === undefined) req.end();
    };
    pump();
  });
}

function signedHeaders(body: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, ts, body),
  };
}

describe('Slack request body cap', () => {
  it('answers a chunked 256 MB body with 413 without reading it, and memory does not grow', { timeout: 60_000 }, async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const callsBefore = h.api.calls.length;
    const res = await flood(h.url, 256 * MB, signedHeaders('command=%2Ftrained'));
    const grown = process.memoryUsage().rss - before;
    expect(res.status).toBe(413);
    // The server stopped reading at the cap: the sender could not push the body through.
    expect(res.sentBytes).toBeLessThan(32 * MB);
    expect(grown).toBeLessThan(64 * MB);
    expect(h.api.calls.length).toBe(callsBefore);
  });

  it('refuses a declared Content-Length past the cap before reading a byte', async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { ...signedHeaders('x'), 'content-type': 'application/json' },
      body: 'x'.repeat(MB + 1),
    });
    expect(res.status).toBe(413);
  });

  it('still answers a correctly signed chunked slash command under the cap', async () => {
    const body = new URLSearchParams(slashCommand('help', h.api.responseUrl('chunked'))).toString();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(body);
        controller.enqueue(bytes.subarray(0, 10));
        controller.enqueue(bytes.subarray(10));
        controller.close();
      },
    });
    const res = await fetch(h.url, { method: 'POST', headers: signedHeaders(body), body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/trained');
  });

  it('answers a body just under the cap (not refused for its size)', async () => {
    const body = `command=%2Ftrained&text=${'a'.repeat(999_000)}`; // the cap is 1,000,000 bytes
    const res = await fetch(h.url, { method: 'POST', headers: signedHeaders(`${body}tampered`), body });
    // Read whole and judged by its signature, not cut off by the cap.
    expect(res.status).toBe(401);
  });
});

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('Slack receiver interface', () => {
  it('listens only on SLACK_HOST when it is set', async () => {
    // 127.0.0.2 is loopback too on Linux: bound there, the receiver must not answer on 127.0.0.1.
    const adapter = await startSlackAdapter({
      bot: h.bot,
      config: { ...h.slack, host: '127.0.0.2' },
      log: silentLogger,
    });
    try {
      const port = adapter.port ?? 0;
      expect(await accepts('127.0.0.2', port)).toBe(true);
      expect(await accepts('127.0.0.1', port)).toBe(false);
    } finally {
      await adapter.stop();
    }
  });
});
