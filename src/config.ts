/**
 * Configuration is read here, once, from an environment object (process.env with .env
 * loaded by the entry point), validated, and passed in to everything else. Nothing
 * outside this module reads process.env. Every error names the variable.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { EnvReader, type Env } from './config/env-reader.js';

export interface TypesenseNode {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface TypesenseConfig {
  /** From TYPESENSE_URL; undefined means: start a local server. */
  nodes: TypesenseNode[] | undefined;
  /** The bot's search-only key. */
  apiKey: string | undefined;
  /** A key scoped to the `trained_settings` collection (per-place settings); unset: settings are kept in memory. */
  settingsKey?: string | undefined;
  /** The alias (or collection) the bot reads: `tracks` unless TYPESENSE_ALIAS names another (staging, tests). */
  alias?: string | undefined;
  /**
   * TYPESENSE_ALLOW_WRITE_KEY: start even when TYPESENSE_API_KEY can write (reliability
   * check 24). The admin key itself is never read here: only the index-builder reads it.
   */
  allowWriteKey?: boolean;
  bin: string | undefined;
  cacheDir: string;
  /** Data directory of the local server (kept across `npm start` runs). */
  dataDir: string | undefined;
  timeoutMs: number;
  /** PATH, searched for a `typesense-server` binary. */
  pathVar?: string | undefined;
}

export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  /** Register commands to this guild only (development); globally when unset. */
  devGuildId: string | undefined;
  /** REST and gateway base URLs: Discord's by default, a local stand-in in tests. */
  apiUrl: string | undefined;
  gatewayUrl: string | undefined;
  /** Answer pasted links where a server enables it; needs the privileged Message Content intent. */
  pastedLinks: boolean;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Socket Mode (local development) when set together with SLACK_SOCKET_MODE. */
  appToken: string | undefined;
  socketMode: boolean;
  port: number;
  /** HTTP mode: the interface to listen on (SLACK_HOST; all interfaces by default, for a proxy in front). */
  host: string | undefined;
  /** Web API base URL: Slack's by default, a local stand-in in tests. */
  apiUrl: string | undefined;
}

export interface LimitsConfig {
  userPerMinute: number;
  placePerMinute: number;
  /** Longest wait in a limiter queue before a job expires. */
  queueTimeoutMs: number;
  redisUrl: string | undefined;
}

export interface LinksConfig {
  /** Outbound metadata lookups for non-id links (Apple Music, Deezer, …). */
  resolve: boolean;
  /** One deadline for all lookups of one message. */
  deadlineMs: number;
  skipKeyword: string;
  /** The same link in the same place within this window is answered once. */
  dedupWindowMs: number;
}

export interface Config {
  typesense: TypesenseConfig;
  discord: DiscordConfig | undefined;
  slack: SlackConfig | undefined;
  limits: LimitsConfig;
  links: LinksConfig;
  /** Deadline for one lookup through the core before it answers with a timeout message. */
  lookupDeadlineMs: number;
  /** /healthz and /metrics; undefined: off. */
  metricsPort: number | undefined;
  /** Interface of /healthz and /metrics: loopback unless METRICS_HOST says otherwise. */
  metricsHost: string;
  /** `explicit`: LOG_LEVEL was set (entry points pick their own quiet default otherwise). */
  log: { level: string; explicit: boolean };
}

/** How an operator gets the bot's keys: named wherever one is missing. */
export const MAKE_KEYS =
  "make the bot's keys with `trained-index keys` (with TYPESENSE_URL and TYPESENSE_ADMIN_KEY set; add --write .env to save them there)";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The process's environment (with .env already loaded by the entry point): the one place that reads it. */
export function processEnv(): Env {
  return process.env;
}

/**
 * Alias and collection names go into request paths: `../keys` would reach another endpoint
 * and come back as a confusing "key refused". Letters, digits, `_`, `-`, and dots between them.
 */
export const ALIAS_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const MAX_ALIAS_CHARS = 64;

function readAlias(r: EnvReader): string | undefined {
  const alias = r.string('TYPESENSE_ALIAS');
  if (alias !== undefined && (alias.length > MAX_ALIAS_CHARS || !ALIAS_NAME.test(alias))) {
    r.problems.push(
      `TYPESENSE_ALIAS must be a name of up to ${MAX_ALIAS_CHARS} letters, digits, "_", "-" or inner dots (got "${alias.slice(0, 80)}")`,
    );
    return undefined;
  }
  return alias;
}

/** Where Typesense is and how the bot reads it. The admin key is not part of it: see readAdminKey. */
export function readTypesenseConfig(r: EnvReader, cwd: string): TypesenseConfig {
  return {
    nodes: r.nodes('TYPESENSE_URL'),
    apiKey: r.string('TYPESENSE_API_KEY'),
    settingsKey: r.string('TYPESENSE_SETTINGS_KEY'),
    alias: readAlias(r),
    allowWriteKey: r.bool('TYPESENSE_ALLOW_WRITE_KEY', false),
    bin: r.string('TYPESENSE_BIN'),
    cacheDir: resolve(cwd, r.string('TRAINED_CACHE_DIR') ?? '.cache'),
    dataDir: r.string('TYPESENSE_DATA_DIR'),
    timeoutMs: r.int('TYPESENSE_TIMEOUT_MS', 2000, 100, 60_000),
    pathVar: r.string('PATH'),
  };
}

/** The index-builder's key (and the test and bench setup's). The bot's configuration never holds it. */
export function readAdminKey(r: EnvReader): string | undefined {
  return r.string('TYPESENSE_ADMIN_KEY');
}

function readDiscord(r: EnvReader): DiscordConfig | undefined {
  const token = r.string('DISCORD_TOKEN');
  if (token === undefined) return undefined;
  return {
    token,
    applicationId: r.string('DISCORD_APPLICATION_ID'),
    devGuildId: r.string('DISCORD_DEV_GUILD_ID'),
    apiUrl: r.string('DISCORD_API_URL'),
    gatewayUrl: r.string('DISCORD_GATEWAY_URL'),
    pastedLinks: r.bool('DISCORD_PASTED_LINKS', false),
  };
}

function readSlack(r: EnvReader): SlackConfig | undefined {
  const botToken = r.string('SLACK_BOT_TOKEN');
  if (botToken === undefined) return undefined;
  // A blank secret would accept any request as signed: refuse to start instead.
  const signingSecret = r.required('SLACK_SIGNING_SECRET', 'when SLACK_BOT_TOKEN is set (requests cannot be verified without it)') ?? '';
  const socketMode = r.bool('SLACK_SOCKET_MODE', false);
  const appToken = r.string('SLACK_APP_TOKEN');
  if (socketMode && appToken === undefined) r.problems.push('SLACK_APP_TOKEN is required when SLACK_SOCKET_MODE is true');
  return {
    botToken,
    signingSecret,
    appToken,
    socketMode,
    port: r.int('SLACK_PORT', 3000, 1, 65535),
    host: r.string('SLACK_HOST'),
    apiUrl: r.string('SLACK_API_URL'),
  };
}

/** The variables `trained-index keys --write FILE` writes, which TYPESENSE_KEYS_FILE may supply. */
export const KEY_VARIABLES = ['TYPESENSE_API_KEY', 'TYPESENSE_SETTINGS_KEY'] as const;

/**
 * TYPESENSE_KEYS_FILE: a file of `.env` lines written by `trained-index keys --write` (in
 * compose, the one-shot `setup` service writes it to a volume the bot reads). It fills
 * TYPESENSE_API_KEY and TYPESENSE_SETTINGS_KEY where the environment leaves them empty, so a
 * key set by hand still wins. Unreadable: a problem naming the file and the command.
 */
export function withKeysFile(env: Env, cwd: string, problems: string[]): Env {
  const file = env.TYPESENSE_KEYS_FILE?.trim();
  if (file === undefined || file === '' || KEY_VARIABLES.every((k) => (env[k]?.trim() ?? '') !== '')) return env;
  let parsed: Record<string, string>;
  try {
    parsed = parseDotenv(readFileSync(resolve(cwd, file)));
  } catch (err) {
    problems.push(`TYPESENSE_KEYS_FILE=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${MAKE_KEYS}`);
    return env;
  }
  const filled: Record<string, string | undefined> = { ...env };
  for (const k of KEY_VARIABLES) if ((env[k]?.trim() ?? '') === '' && parsed[k] !== undefined) filled[k] = parsed[k];
  return filled;
}

export function loadConfig(given: Env, cwd = process.cwd()): Config {
  const keyProblems: string[] = [];
  const env = withKeysFile(given, cwd, keyProblems);
  const r = new EnvReader(env);
  r.problems.push(...keyProblems);
  const metricsPort = r.int('METRICS_PORT', 0, 0, 65535);
  const typesense = readTypesenseConfig(r, cwd);
  if (typesense.nodes !== undefined && typesense.apiKey === undefined) {
    r.problems.push(`TYPESENSE_API_KEY (a search-only key) is required when TYPESENSE_URL is set: ${MAKE_KEYS}`);
  }
  const config: Config = {
    typesense,
    discord: readDiscord(r),
    slack: readSlack(r),
    limits: {
      userPerMinute: r.int('RATE_USER_PER_MINUTE', 20, 1, 10_000),
      placePerMinute: r.int('RATE_PLACE_PER_MINUTE', 60, 1, 100_000),
      queueTimeoutMs: r.int('RATE_QUEUE_TIMEOUT_MS', 10_000, 100, 600_000),
      redisUrl: r.string('REDIS_URL'),
    },
    links: {
      resolve: r.bool('RESOLVE_LINKS', true),
      deadlineMs: r.int('RESOLVE_DEADLINE_MS', 4000, 100, 60_000),
      skipKeyword: r.string('SKIP_KEYWORD') ?? '!notrained',
      dedupWindowMs: r.int('LINK_DEDUP_WINDOW_S', 600, 0, 86_400) * 1000,
    },
    lookupDeadlineMs: r.int('LOOKUP_DEADLINE_MS', 10_000, 500, 600_000),
    metricsPort: metricsPort === 0 ? undefined : metricsPort,
    metricsHost: r.string('METRICS_HOST') ?? '127.0.0.1',
    log: {
      level: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
      explicit: r.string('LOG_LEVEL') !== undefined,
    },
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** Every secret in the configuration: the log scrubber blanks them wherever they appear. */
export function secretsOf(config: Config): string[] {
  return [
    config.typesense.apiKey,
    config.typesense.settingsKey,
    config.discord?.token,
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
  ].filter((s): s is string => s !== undefined && s !== '');
}

/** What `discord:register` needs to print the install links, which (unlike registering) takes no token. */
export interface DiscordInviteConfig {
  applicationId: string | undefined;
  pastedLinks: boolean;
}

export function loadDiscordInvite(env: Env): DiscordInviteConfig {
  const r = new EnvReader(env);
  const invite = { applicationId: r.string('DISCORD_APPLICATION_ID'), pastedLinks: r.bool('DISCORD_PASTED_LINKS', false) };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return invite;
}
