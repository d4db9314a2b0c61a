/**
 * typesense-js's HTTP transport for searches on a server nearby (client.ts `nearby`): its
 * `axiosAdapter` option, so typesense-js still picks the node, fails over, retries, marks
 * nodes unhealthy, maps answers to its error classes and turns the caller's abort into a
 * rejection; only the last step, sending one request, changes. axios's own Node adapter
 * spends ~0.26 ms of CPU per request on work a loopback or private-network search never
 * needs (follow-redirects' wrapper, proxy lookups in the environment, decompression
 * streams, URL re-parsing): on 2 cores shared with Typesense that was half the bot's cost
 * per lookup. Measured with `npm run bench -- core` (the "id, port only" line).
 *
 * Only a plain `POST …/multi_search` with a JSON string body is sent here; anything else
 * (imports, admin calls, query parameters, streams) goes to axios's stock adapter untouched.
 * Requests go straight to the node, never through an HTTP(S)_PROXY: a proxy between the bot
 * and a Typesense on its own machine or network would only be a detour.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import type { AxiosAdapter, AxiosResponse, AxiosStatic, InternalAxiosRequestConfig } from 'axios';

// The very axios typesense-js runs on (its CommonJS build), so errors and cancel tokens are of one kind.
const axios = createRequire(createRequire(import.meta.url).resolve('typesense'))('axios') as AxiosStatic;
const stock = axios.getAdapter('http');

/** What this transport sends itself: one JSON search body, no query string, a plain JSON answer. */
function isPlainSearch(config: InternalAxiosRequestConfig): boolean {
  return (
    config.method === 'post' &&
    typeof config.data === 'string' &&
    config.params === undefined &&
    config.baseURL === undefined &&
    (config.responseType === undefined || config.responseType === 'json') &&
    config.url?.endsWith('/multi_search') === true
  );
}

export const leanSearchAdapter: AxiosAdapter = (config) => (isPlainSearch(config) ? send(config) : stock(config));

function send(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  return new Promise((resolve, reject) => {
    const url = config.url ?? '';
    const body = config.data as string;
    const headers = config.headers.toJSON(true) as Record<string, string>;
    headers['Content-Length'] = String(Buffer.byteLength(body));
    // Plain answers only: a near server's gzip costs more CPU than the bytes it saves (client.ts).
    headers['Accept-Encoding'] = 'identity';
    const https = url.startsWith('https:');
    const agent = https ? config.httpsAgent : config.httpAgent;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      config.cancelToken?.unsubscribe(onCancel);
      config.signal?.removeEventListener?.('abort', onCancel);
    };
    const fail = (err: Error): void => {
      if (settled) return;
      finish();
      // Closing the socket also stops the work for Typesense: it sees the connection go.
      req.destroy();
      reject(err);
    };
    const onCancel = (): void => fail(new axios.CanceledError(undefined, config, req));
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => fail(axios.AxiosError.from(err, undefined, config, req)));
      res.on('aborted', () => fail(new axios.AxiosError('the response was cut off', axios.AxiosError.ECONNABORTED, config, req)));
      res.on('end', () => {
        if (settled) return;
        finish();
        const status = res.statusCode ?? 0;
        const response: AxiosResponse = {
          data: Buffer.concat(chunks).toString('utf8'),
          status,
          statusText: res.statusMessage ?? '',
          headers: res.headers as AxiosResponse['headers'],
          config,
          request: req,
        };
        // typesense-js accepts every status and raises its own error classes from it.
        if (config.validateStatus?.(status) ?? true) resolve(response);
        else
          reject(
            new axios.AxiosError(`Request failed with status code ${status}`, axios.AxiosError.ERR_BAD_RESPONSE, config, req, response),
          );
      });
    };
    const options = { method: 'POST', headers, agent };
    const req: ClientRequest = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
    req.on('error', (err) => fail(axios.AxiosError.from(err, undefined, config, req)));
    // The whole request, connect to last byte, within the client's timeout (as axios's timer does), in axios's words.
    if (config.timeout !== undefined && config.timeout > 0) {
      timer = setTimeout(
        () => fail(new axios.AxiosError(`timeout of ${config.timeout}ms exceeded`, axios.AxiosError.ECONNABORTED, config, req)),
        config.timeout,
      );
    }
    config.cancelToken?.subscribe(onCancel);
    if (config.signal?.aborted === true) onCancel();
    else config.signal?.addEventListener?.('abort', onCancel);
    req.end(body);
  });
}
