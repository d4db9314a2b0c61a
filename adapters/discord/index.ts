/**
 * The Discord adapter: a discord.js client whose events are translated into core calls
 * (parse.ts), whose answers are rendered (render.ts) and delivered in time (transport.ts).
 * An adapter is a translator: every decision about what to answer is the core's.
 */
import { Client, DefaultRestOptions, Events, GatewayIntentBits } from 'discord.js';
import type { ClientOptions, Interaction, RESTOptions } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import type { DiscordConfig } from '../../src/config.js';
import type { BotCore } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';
import { cannotReach, hostOf, networkErrorCode } from '../../src/net/unreachable.js';
import { InFlight } from '../shared/in-flight.js';
import { loggableError, platformErrorCode } from './errors.js';
import { handleInteraction, type InteractionDeps } from './interactions.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from './limits.js';
import { createPastedLinkHandler } from './pasted-links.js';
import type { AnyDeclaration } from './registration.js';

export interface DiscordAdapterOptions {
  bot: BotCore;
  config: DiscordConfig;
  log: Logger;
  /** The declarations registered as /trained subcommands (default: COMMANDS); autocomplete reads them. */
  declarations?: readonly AnyDeclaration[];
  /** Called when Discord refuses the session for good after startup (bad token, disallowed intents). */
  onFatal?: (error: DiscordGatewayError) => void;
  /**
   * Called once for each error Discord reported after startup, for metrics: a REST error's JSON
   * code (50013) or HTTP status, or the close code of a gateway session Discord ended (4014).
   */
  onPlatformError?: (code: string) => void;
  /** Tests shorten these; production uses the defaults. */
  deferAfterMs?: number;
  tokenLifetimeMs?: number;
  now?: () => number;
}

export interface DiscordAdapter {
  stop(): Promise<void>;
}

/** Discord closed the gateway with a code that reconnecting cannot fix. */
export class DiscordGatewayError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'DiscordGatewayError';
  }
}

/** Well inside Discord's 3 s acknowledgement window, leaving room for the defer request itself. */
export const DEFAULT_DEFER_AFTER_MS = 1500;
/** Follow-ups stop a margin before the 15-minute token expiry. */
export const DEFAULT_TOKEN_LIFETIME_MS = INTERACTION_TOKEN_LIFETIME_MS - 30_000;
/** Longest wait for in-flight answers on stop. */
const STOP_DRAIN_MS = 10_000;

const FATAL_CLOSE_CODES: Record<number, string> = {
  4004: 'Discord rejected the bot token (gateway close 4004 or HTTP 401). Check DISCORD_TOKEN: copy it again from the Developer Portal (Bot → Reset Token).',
  4010: 'Discord rejected the shard configuration (gateway close 4010).',
  4011: 'Discord requires sharding for this bot (gateway close 4011); see docs/discord.md, "When to shard".',
  4012: 'Discord rejected the gateway API version (gateway close 4012).',
  4013: 'Discord rejected the gateway intents as invalid (gateway close 4013).',
  4014: 'Discord refused a privileged intent (gateway close 4014): enable "Message Content Intent" for the bot in the Developer Portal (Bot → Privileged Gateway Intents), or set DISCORD_PASTED_LINKS=false.',
};

export function intentsFor(pastedLinks: boolean): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (pastedLinks) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/**
 * discord.js 14 takes its gateway URL from GET /gateway/bot. To point it elsewhere (a
 * gateway proxy, a test stand-in) the answer to that one request is rewritten.
 */
function restOptions(config: DiscordConfig): Partial<RESTOptions> {
  const options: Partial<RESTOptions> = {};
  if (config.apiUrl !== undefined) options.api = config.apiUrl;
  const gatewayUrl = config.gatewayUrl;
  if (gatewayUrl !== undefined) {
    options.makeRequest = async (url, init) => {
      const res = await DefaultRestOptions.makeRequest(url, init);
      if (!res.ok || !new URL(url).pathname.endsWith('/gateway/bot')) return res;
      const info = (await res.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...info, url: gatewayUrl }), {
        status: res.status,
        headers: { 'content-type': 'application/json' },
      });
    };
  }
  return options;
}

export async function startDiscordAdapter(opts: DiscordAdapterOptions): Promise<DiscordAdapter> {
  const { config, log } = opts;
  const clientOptions: ClientOptions = {
    intents: intentsFor(config.pastedLinks),
    // As many shards as Discord recommends in GET /gateway/bot (one below ~1,000 guilds), all in this process.
    shards: 'auto',
    rest: restOptions(config),
    // A default for anything sent without explicit options; every send also sets it explicitly.
    allowedMentions: { parse: [], repliedUser: false },
  };
  const client = new Client(clientOptions);
  const inFlight = new InFlight();
  let closeCode: number | undefined;
  let started = false;
  let stopped = false;

  const reportError = (err: unknown): void => {
    const code = platformErrorCode(err);
    if (code !== undefined) opts.onPlatformError?.(code);
  };

  const track = (work: () => Promise<void>, what: string): void => {
    void inFlight.run(() =>
      work().catch((err: unknown) => {
        reportError(err);
        log.error({ err: loggableError(err), what }, 'Discord event handling failed');
      }),
    );
  };

  const deps: InteractionDeps = {
    bot: opts.bot,
    log,
    declarations: opts.declarations ?? COMMANDS,
    policy: {
      deferAfterMs: opts.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
      tokenLifetimeMs: opts.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS,
      now: opts.now ?? Date.now,
    },
  };
  client.on(Events.InteractionCreate, (interaction: Interaction) => track(() => handleInteraction(interaction, deps), 'interaction'));
  if (config.pastedLinks) {
    const onMessage = createPastedLinkHandler({ bot: opts.bot, selfId: () => client.user?.id });
    client.on(Events.MessageCreate, (message) => track(() => onMessage(message), 'message'));
  }
  client.on(Events.Error, (err) => {
    reportError(err);
    log.error({ err: loggableError(err) }, 'Discord client error');
  });
  // Not reported as a platform error: a session Discord ends arrives here and as ShardDisconnect (below), which has the code.
  client.on(Events.ShardError, (err, shardId) => log.warn({ err: loggableError(err), shardId }, 'Discord gateway connection error'));

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await inFlight.drain(STOP_DRAIN_MS);
    await client.destroy();
  };

  // discord.js reports a close it will not recover from as ShardDisconnect; reconnecting would only loop.
  client.on(Events.ShardDisconnect, (event) => {
    closeCode = event.code;
    if (started) opts.onPlatformError?.(String(event.code));
    const message = FATAL_CLOSE_CODES[event.code];
    // During startup the failed login reports it (below); afterwards onFatal does.
    if (message === undefined || stopped || !started) return;
    const error = new DiscordGatewayError(event.code, message);
    log.error({ closeCode: event.code }, message);
    void stop().then(() => opts.onFatal?.(error));
  });

  // Ready means the guilds (and their channels) are cached, so messages in them are delivered.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    stopped = true;
    await client.destroy();
    const message = closeCode === undefined ? undefined : FATAL_CLOSE_CODES[closeCode];
    if (closeCode !== undefined && message !== undefined) throw new DiscordGatewayError(closeCode, message);
    if (err instanceof Error && /TokenInvalid|invalid token/i.test(`${err.name} ${err.message}`)) {
      throw new DiscordGatewayError(4004, FATAL_CLOSE_CODES[4004] ?? 'Discord rejected the bot token.');
    }
    const network = networkErrorCode(err);
    if (network !== undefined) throw new Error(cannotReach(hostOf(config.apiUrl, 'discord.com'), network, 'DISCORD_TOKEN'), { cause: err });
    throw err;
  }
  started = true;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, pastedLinks: config.pastedLinks }, 'Discord adapter ready');
  return { stop };
}
