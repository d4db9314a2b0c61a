/**
 * The safe fetcher against a local server on 127.0.0.1: the test exemption covers exactly
 * the stand-in origin given for one endpoint, and everything else — redirects to private,
 * link-local or IPv4-mapped loopback addresses, other ports, other hosts — meets the real
 * checks. Caps: bytes (a 5 MB body is cut off), time, redirects. The connection goes to the
 * checked address, not to whatever DNS says later.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeFetchError } from '../../src/net/errors.js';
import { pinnedGet } from '../../src/net/pinned-request.js';
import { createSafeFetcher, type SafeFetcher } from '../../src/net/safe-fetch.js';
import { json, startPlatformStandIn, type PlatformStandIn } from '../stand-ins/platforms/server.js';

let standIn: PlatformStandIn;
let fetcher: SafeFetcher;
const signal = new AbortController().signal;

beforeAll(async () => {
  standIn = await startPlatformStandIn();
  fetcher = createSafeFetcher({ testStandIns: { deezer: standIn.origin }, timeoutMs: 3000 });
  standIn.route('/ok', (_req, res) => json(res, 200, { ok: true }));
  const redirect = (location: string) => (_req: unknown, res: ServerResponse) => {
    res.writeHead(302, { location, 'content-length': '0' });
    res.end();
  };
  standIn.route('/to-private', redirect('http://10.0.0.1/'));
  standIn.route('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
  standIn.route('/to-mapped-loopback', redirect(`http://[::ffff:127.0.0.1]:${new URL(standIn.origin).port}/ok`));
  standIn.route('/to-other-port', redirect('http://127.0.0.1:1/ok'));
  standIn.route('/to-foreign', redirect('https://evil.example/steal'));
  standIn.route('/to-ok', redirect('/ok'));
  standIn.route('/loop', redirect('/loop'));
  standIn.route('/to-garbage', redirect('http://[oops'));
  standIn.route('/huge', (_req, res) => {
    // 5 MB, chunked (no content-length), written until the client hangs up.
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < 5 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
  standIn.route('/huge-declared', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) });
    res.end('{}');
  });
  standIn.route('/slow', (_req, res) => {
    const timer = setTimeout(() => json(res, 200, { late: true }), 4000);
    res.on('close', () => clearTimeout(timer));
  });
});

afterAll(async () => {
  await standIn.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof SafeFetchError ? error.code : String(error);
  }
}

describe('test exemption scope', () => {
  it('reaches the exact stand-in origin for its endpoint', async () => {
    const res = await fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/ok`, signal });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it('does not exempt the same origin for another endpoint, nor another port', async () => {
    expect(await codeOf(fetcher.get({ endpoint: 'youtube', url: `${standIn.origin}/ok`, signal }))).toBe('refused-address');
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: 'http://127.0.0.1:1/ok', signal }))).toBe('refused-address');
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: `http://localhost:${new URL(standIn.origin).port}/ok`, signal }))).toBe(
      'refused-scheme',
    );
  });

  it('a fetcher without the exemption refuses the stand-in', async () => {
    expect(await codeOf(createSafeFetcher().get({ endpoint: 'deezer', url: `${standIn.origin}/ok`, signal }))).toBe('refused-address');
  });
});

describe('redirects are re-checked hop by hop', () => {
  it.each([
    ['/to-private', 'refused-address'],
    ['/to-metadata', 'refused-address'],
    ['/to-mapped-loopback', 'refused-address'],
    ['/to-other-port', 'refused-address'],
    ['/to-foreign', 'refused-host'],
    ['/loop', 'too-many-redirects'],
    ['/to-garbage', 'refused-host'],
  ])('%s → %s', async (path, code) => {
    const before = standIn.hits.length;
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}${path}`, signal }))).toBe(code);
    // The refused hop never reached our server either (the mapped-loopback form would have).
    if (code !== 'too-many-redirects') expect(standIn.hits.slice(before)).toEqual([path]);
  });

  it('follows an allowed redirect', async () => {
    const res = await fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/to-ok`, signal });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${standIn.origin}/ok`);
  });

  it('returns the redirect itself when asked to follow none', async () => {
    const res = await fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/to-private`, signal, maxRedirects: 0 });
    expect(res.status).toBe(302);
    expect(res.location).toBe('http://10.0.0.1/');
  });
});

describe('caps', () => {
  it('cuts off a 5 MB response', async () => {
    const started = Date.now();
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/huge`, signal, maxBytes: 256 * 1024 }))).toBe(
      'too-large',
    );
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/huge`, signal }))).toBe('too-large');
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/huge-declared`, signal }))).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('gives up on a slow server at its time cap', async () => {
    const started = Date.now();
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/slow`, signal, timeoutMs: 300 }))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops when the caller’s deadline passes', async () => {
    expect(await codeOf(fetcher.get({ endpoint: 'deezer', url: `${standIn.origin}/slow`, signal: AbortSignal.timeout(200) }))).toBe(
      'aborted',
    );
  });
});

describe('pinned connection', () => {
  it('connects to the checked address whatever the host name', async () => {
    // `.invalid` never resolves: the request can only arrive through the pinned address.
    const url = new URL(`http://metadata.invalid:${new URL(standIn.origin).port}/ok`);
    const res = await pinnedGet({ url, address: '127.0.0.1', family: 4, headers: {}, signal, maxBytes: 1024 });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ ok: true });
  });
});
