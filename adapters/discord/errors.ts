/**
 * Errors from discord.js REST carry the request URL, and interaction and webhook URLs
 * embed the interaction token (a credential for 15 minutes). Logs get a copy with the
 * token replaced; the request body is left out (it can be large and holds user text).
 */
const TOKEN_IN_PATH = /\/(interactions\/\d+|webhooks\/\d+)\/[^/?\s"']+/g;

export function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/[interaction token]');
}

export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: redactTokens(String(err)) };
  const e = err as Error & { status?: unknown; code?: unknown; method?: unknown; url?: unknown };
  return {
    type: e.name,
    message: redactTokens(e.message),
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.code === undefined ? {} : { code: e.code }),
    ...(typeof e.method === 'string' ? { method: e.method } : {}),
    ...(typeof e.url === 'string' ? { url: redactTokens(e.url) } : {}),
    ...(e.stack === undefined ? {} : { stack: redactTokens(e.stack) }),
  };
}
