/**
 * Tells a network failure (DNS, refused connection, reset, timeout) apart from a platform's
 * refusal, so a start-up error names what actually went wrong: "cannot reach slack.com" is
 * something to fix in the network, "Slack refused SLACK_BOT_TOKEN" is something to fix in the
 * token. Platform-free: it reads only Node's error codes, wherever a client library nests them.
 */

/** Node's and undici's codes for "the other side was never reached, or went away". */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The network error code inside `err`, if any: fetch puts it in `cause`, the Slack Web API
 * client in `original`, Node's happy-eyeballs connect in an AggregateError's `errors`.
 */
export function networkErrorCode(err: unknown, depth = 0): string | undefined {
  if (err === null || typeof err !== 'object' || depth > 6) return undefined;
  const e = err as { code?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  for (const inner of [e.cause, e.original, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])]) {
    const code = networkErrorCode(inner, depth + 1);
    if (code !== undefined) return code;
  }
  return undefined;
}

/** "cannot reach slack.com (ENOTFOUND): …": the token named as not checked, never as refused. */
export function cannotReach(host: string, code: string, token: string): string {
  return `cannot reach ${host} (${code}), so ${token} could not be checked: a network failure, not a refused token; check this host's network, DNS or proxy`;
}

/** The host a client talks to: its configured base URL's, else the platform's own. */
export function hostOf(baseUrl: string | undefined, fallback: string): string {
  if (baseUrl === undefined) return fallback;
  try {
    return new URL(baseUrl).host;
  } catch {
    return fallback;
  }
}
