/**
 * The typed readers that every reader of the configuration shares: loadConfig in
 * src/config.ts, and the index-builder's, the bench's and the test setup's, which take
 * EnvReader with readTypesenseConfig and nothing else of the bot's configuration. They only
 * parse what they are handed and collect the problems; which variables exist, with their
 * defaults and bounds, stays in src/config.ts, the one module that reads the environment.
 */
import type { TypesenseNode } from '../config.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Small typed readers that collect problems instead of throwing on the first one. */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string, why: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) this.problems.push(`${name} is required ${why}`);
    return value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  nodes(name: string): TypesenseNode[] | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const nodes: TypesenseNode[] = [];
    for (const part of raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const node = parseNode(part);
      if (credentialsIn(part)) this.problems.push(`${name} must not carry user:password@ (put the key in TYPESENSE_API_KEY)`);
      else if (node === undefined) this.problems.push(`${name} has an invalid node "${part}" (expected http(s)://host:port)`);
      else nodes.push(node);
    }
    if (nodes.length === 0) this.problems.push(`${name} names no node`);
    return nodes;
  }
}

/** True for a URL with user:password@ (never echoed back: the password may be a key). */
function credentialsIn(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

export function parseNode(text: string): TypesenseNode | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // The client sends neither credentials nor a path: refusing them beats dropping them silently.
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') return undefined;
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port === '' ? (protocol === 'https' ? 443 : 80) : Number(url.port);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, protocol };
}
