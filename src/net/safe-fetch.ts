/**
 * The only way the bot fetches anything a user's link points at (reliability item 20):
 * HTTPS to the endpoint's allowlisted hosts on the default port, DNS resolved first and
 * every answer checked (public unicast only), the connection pinned to the checked
 * address, redirects followed by hand with each hop checked again, time and bytes capped.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { checkAddress, isIpLiteral } from './address-policy.js';
import { isHostAllowed, type EndpointName } from './allowlist.js';
import { SafeFetchError } from './errors.js';
import { pinnedGet } from './pinned-request.js';

export interface SafeFetchRequest {
  endpoint: EndpointName;
  url: string;
  /** The caller's deadline (one per message). */
  signal: AbortSignal;
  /** Per-request time cap on top of the deadline. */
  timeoutMs?: number;
  maxBytes?: number;
  /** 0: a 3xx is returned to the caller (short links are followed hop by hop by the caller). */
  maxRedirects?: number;
  accept?: string;
}

export interface SafeFetchResponse {
  status: number;
  /** The URL that answered, after any redirects. */
  url: string;
  location: string | undefined;
  retryAfter: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface SafeFetcher {
  /** Throws SafeFetchError (typed) for refusals, caps and network faults. */
  get(req: SafeFetchRequest): Promise<SafeFetchResponse>;
}

export type DnsResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export interface SafeFetcherOptions {
  /** DNS resolution; the system resolver by default. Every answer is checked before use. */
  resolve?: DnsResolver;
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * TESTS ONLY — never built from configuration (src/config.ts has no such setting). Maps an
   * endpoint to the exact `http://127.0.0.1:<port>` origin of a local stand-in. Only that
   * exact origin, for that endpoint, skips the scheme, allowlist and address checks; any
   * other URL (another port, ::ffff:127.0.0.1, 10.0.0.1, a redirect elsewhere) gets the
   * real checks.
   */
  testStandIns?: Readonly<Partial<Record<EndpointName, string>>>;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BYTES = 512 * 1024;
export const DEFAULT_MAX_REDIRECTS = 3;

const systemResolver: DnsResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Validates the test exemption: only exact loopback stand-in origins are accepted. */
function standInHosts(standIns: Readonly<Partial<Record<EndpointName, string>>> | undefined): Map<EndpointName, string> {
  const hosts = new Map<EndpointName, string>();
  for (const [endpoint, origin] of Object.entries(standIns ?? {}) as [EndpointName, string][]) {
    const url = new URL(origin);
    const exact =
      url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' && url.pathname === '/' && url.username === '';
    if (!exact || url.search !== '' || url.hash !== '')
      throw new Error(`test stand-in for ${endpoint} must be http://127.0.0.1:<port>, got ${origin}`);
    hosts.set(endpoint, url.host);
  }
  return hosts;
}

interface Target {
  address: string;
  family: 4 | 6;
}

export function createSafeFetcher(opts: SafeFetcherOptions = {}): SafeFetcher {
  const resolve = opts.resolve ?? systemResolver;
  const standIns = standInHosts(opts.testStandIns);
  const userAgent = opts.userAgent ?? 'TrainedBot/0.1 (+https://github.com/trained-bot; link metadata)';

  async function targetOf(endpoint: EndpointName, url: URL): Promise<Target> {
    if (url.protocol === 'http:' && standIns.get(endpoint) === url.host) return { address: '127.0.0.1', family: 4 };
    // An address written into the URL is judged first, so a hop to 169.254.169.254 is
    // refused as the address it is, whatever its scheme.
    if (isIpLiteral(url.hostname)) {
      const verdict = checkAddress(url.hostname);
      if (!verdict.ok) throw new SafeFetchError('refused-address', `refused ${url.host}: ${verdict.reason}`);
      throw new SafeFetchError('refused-host', `refused ${url.host}: addresses are never on the allowlist`);
    }
    if (url.protocol !== 'https:') throw new SafeFetchError('refused-scheme', `refused ${url.protocol} URL: HTTPS only`);
    if (url.username !== '' || url.password !== '') throw new SafeFetchError('refused-host', 'refused a URL carrying credentials');
    if (url.port !== '') throw new SafeFetchError('refused-host', `refused port ${url.port}: default HTTPS port only`);
    if (!isHostAllowed(endpoint, url.hostname))
      throw new SafeFetchError('refused-host', `refused ${url.hostname}: not on the ${endpoint} allowlist`);
    let answers: ReadonlyArray<{ address: string; family: number }>;
    try {
      answers = await resolve(url.hostname);
    } catch (error) {
      throw new SafeFetchError('dns', `could not resolve ${url.hostname}`, { cause: error });
    }
    let first: Target | undefined;
    for (const answer of answers) {
      const verdict = checkAddress(answer.address);
      // One private answer among public ones is refused too: the name is not trustworthy.
      if (!verdict.ok) throw new SafeFetchError('refused-address', `refused ${url.hostname}: ${verdict.reason}`);
      first ??= { address: verdict.address, family: verdict.family };
    }
    if (first === undefined) throw new SafeFetchError('dns', `${url.hostname} has no address`);
    return first;
  }

  async function get(req: SafeFetchRequest): Promise<SafeFetchResponse> {
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = req.maxBytes ?? opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxRedirects = req.maxRedirects ?? opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const signal = AbortSignal.any([req.signal, AbortSignal.timeout(timeoutMs)]);
    let url: URL;
    try {
      url = new URL(req.url);
    } catch (error) {
      throw new SafeFetchError('refused-host', 'refused an unparsable URL', { cause: error });
    }
    const headers = { 'user-agent': userAgent, accept: req.accept ?? 'application/json' };
    try {
      for (let hop = 0; ; hop += 1) {
        const target = await targetOf(req.endpoint, url);
        if (signal.aborted) throw new SafeFetchError('aborted', 'aborted');
        const raw = await pinnedGet({ url, address: target.address, family: target.family, headers, signal, maxBytes });
        const location = headerText(raw.headers.location);
        if (raw.status >= 300 && raw.status < 400 && location !== undefined && maxRedirects > 0) {
          if (hop >= maxRedirects) throw new SafeFetchError('too-many-redirects', `more than ${maxRedirects} redirects`);
          try {
            url = new URL(location, url);
          } catch (error) {
            throw new SafeFetchError('refused-host', 'refused an unparsable redirect', { cause: error });
          }
          continue;
        }
        return {
          status: raw.status,
          url: url.href,
          location,
          retryAfter: headerText(raw.headers['retry-after']),
          contentType: headerText(raw.headers['content-type']),
          body: raw.body.toString('utf8'),
        };
      }
    } catch (error) {
      if (error instanceof SafeFetchError && error.code === 'aborted' && !req.signal.aborted) {
        throw new SafeFetchError('timeout', `no answer within ${timeoutMs} ms`, { cause: error });
      }
      throw error;
    }
  }

  return { get };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
