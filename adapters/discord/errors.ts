/**
 * Errors from discord.js REST carry the request URL, and interaction and webhook URLs
 * embed the interaction token (a credential for 15 minutes). Logs get a copy with the
 * token replaced; the request body is left out (it can be large and holds user text).
 * Metrics get a short code instead (platformErrorCode).
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

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

/**
 * A failure Discord reported, as a label with few values: Discord's JSON error code
 * (50013 Missing Permissions), else the HTTP status; undefined when Discord did not answer with an error.
 */
export function platformErrorCode(err: unknown): string | undefined {
  if (err instanceof DiscordAPIError) return typeof err.code === 'number' && err.code !== 0 ? String(err.code) : String(err.status);
  if (err instanceof HTTPError) return String(err.status);
  if (err instanceof RateLimitError) return '429';
  return undefined;
}
