/**
 * One local HTTP server on 127.0.0.1 standing in for every metadata endpoint the link
 * resolver calls (iTunes lookup, Deezer API, the oEmbed endpoints, Bandcamp pages, short
 * links). Paths are the real ones, so one origin can serve all of them; a test can replace
 * any path's handler (slow, 429, huge, redirecting) and read which paths were hit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EndpointBases } from '../../../src/links/resolve/outbound.js';
import { ENDPOINT_NAMES, type EndpointName } from '../../../src/net/allowlist.js';
import {
  BANDCAMP_PAGES,
  DEEZER_NO_DATA,
  DEEZER_TRACKS,
  ITUNES_EMPTY,
  ITUNES_TRACKS,
  OEMBEDS,
  SPOTIFY_PAGES,
  TIDAL_PAGES,
} from './fixtures.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export interface PlatformStandIn {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Every request's path and query, in arrival order. */
  hits: string[];
  /** Replaces the handler of one exact path. */
  route(pathname: string, handler: Handler): void;
  /** Short link path → Location it redirects to. */
  shortLinks: Map<string, string>;
  /** The resolver's endpoint bases, every one at this stand-in. */
  endpoints: EndpointBases;
  /** The safe fetcher's `testStandIns`: every endpoint exempted to exactly this origin. */
  fetcherStandIns: Record<EndpointName, string>;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Not Found');
}

function defaultRoute(url: URL, res: ServerResponse, shortLinks: Map<string, string>): void {
  const path = url.pathname;
  const short = shortLinks.get(path);
  if (short !== undefined) {
    res.writeHead(302, { location: short, 'content-length': '0' });
    res.end();
    return;
  }
  if (path === '/lookup') {
    const track = ITUNES_TRACKS[url.searchParams.get('id') ?? ''];
    json(res, 200, track !== undefined && track.country === url.searchParams.get('country') ? track.body : ITUNES_EMPTY);
    return;
  }
  if (path === '/oembed' || (path === '/' && url.searchParams.has('url'))) {
    const body = OEMBEDS[url.searchParams.get('url') ?? ''];
    if (body === undefined) notFound(res);
    else json(res, 200, body);
    return;
  }
  const deezer = /^\/track\/(\d+)$/.exec(path);
  if (deezer !== null) {
    // Deezer answers unknown ids with HTTP 200 and an error object.
    json(res, 200, DEEZER_TRACKS[deezer[1] ?? ''] ?? DEEZER_NO_DATA);
    return;
  }
  const page = BANDCAMP_PAGES[path] ?? TIDAL_PAGES[path] ?? SPOTIFY_PAGES[path];
  if (page !== undefined) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
    return;
  }
  notFound(res);
}

export async function startPlatformStandIn(): Promise<PlatformStandIn> {
  const routes = new Map<string, Handler>();
  const hits: string[] = [];
  const shortLinks = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hits.push(`${url.pathname}${url.search}`);
    const handler = routes.get(url.pathname);
    if (handler !== undefined) handler(req, res, url);
    else defaultRoute(url, res, shortLinks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    hits,
    shortLinks,
    endpoints: {
      itunes: origin,
      deezer: origin,
      youtube: origin,
      spotify: origin,
      soundcloud: origin,
      tidal: origin,
      tidalPages: origin,
      bandcamp: origin,
      shortlinks: origin,
    },
    fetcherStandIns: Object.fromEntries(ENDPOINT_NAMES.map((e) => [e, origin])) as Record<EndpointName, string>,
    route: (pathname, handler) => routes.set(pathname, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
