/**
 * One HTTP(S) GET to an address that was checked beforehand. The socket connects to that
 * address through a custom `lookup`, so a second DNS answer (rebinding) cannot change where
 * the request goes, while TLS still verifies the certificate against the host name.
 * Redirects are not followed here: the caller re-checks each hop.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { SafeFetchError } from './errors.js';

export interface PinnedGet {
  url: URL;
  /** The checked address the socket must connect to. */
  address: string;
  family: 4 | 6;
  headers: Readonly<Record<string, string>>;
  /** Aborts the request (deadline, time cap). */
  signal: AbortSignal;
  /** The body is cut off, and the request fails, past this many bytes. */
  maxBytes: number;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all === true) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

export function pinnedGet(req: PinnedGet): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    if (req.signal.aborted) {
      reject(new SafeFetchError('aborted', 'request aborted before it started'));
      return;
    }
    const secure = req.url.protocol === 'https:';
    const options: https.RequestOptions = {
      method: 'GET',
      host: req.url.hostname.replace(/^\[|\]$/g, ''),
      port: req.url.port === '' ? (secure ? 443 : 80) : Number(req.url.port),
      path: `${req.url.pathname}${req.url.search}`,
      headers: { ...req.headers, host: req.url.host },
      lookup: pinnedLookup(req.address, req.family),
      agent: false,
    };
    let settled = false;
    const fail = (error: SafeFetchError): void => {
      if (settled) return;
      settled = true;
      req.signal.removeEventListener('abort', onAbort);
      request.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(new SafeFetchError('aborted', 'request aborted', { cause: req.signal.reason }));
    const request = (secure ? https : http).request(options, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        // The redirect's body is never needed: only its Location header.
        settled = true;
        req.signal.removeEventListener('abort', onAbort);
        res.destroy();
        request.destroy();
        resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBytes) {
        fail(new SafeFetchError('too-large', `response declares ${declared} bytes, over the ${req.maxBytes}-byte cap`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) {
          fail(new SafeFetchError('too-large', `response cut off past the ${req.maxBytes}-byte cap`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        req.signal.removeEventListener('abort', onAbort);
        resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', (error) => fail(new SafeFetchError('network', error.message, { cause: error })));
    });
    request.on('error', (error) => fail(new SafeFetchError('network', error.message, { cause: error })));
    req.signal.addEventListener('abort', onAbort, { once: true });
    request.end();
  });
}
