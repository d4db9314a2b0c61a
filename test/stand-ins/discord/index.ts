/**
 * A local stand-in for Discord: gateway + REST on 127.0.0.1, one guild with two text
 * channels, and builders for the INTERACTION_CREATE / MESSAGE_CREATE payloads Discord
 * sends (shapes from discord-api-types v10).
 */
import { startGatewayStandIn, type GatewayIdentify, type GatewayStandIn } from './gateway.js';
import { snowflake, startRestStandIn, type RestStandIn } from './rest.js';

export type { RecordedRequest, RestStandIn } from './rest.js';
export type { GatewayStandIn, GatewayIdentify } from './gateway.js';

/** Permission bits as Discord sends them (strings of decimal integers). */
export const PERMISSIONS = {
  member: (1n << 10n) | (1n << 11n) | (1n << 31n), // ViewChannel, SendMessages, UseApplicationCommands
  manager: (1n << 5n) | (1n << 10n) | (1n << 11n) | (1n << 31n), // + ManageGuild
  /** app_permissions in (G)DMs with other users: ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE (receiving-and-responding.mdx). */
  privateChannelApp: (1n << 15n) | (1n << 14n) | (1n << 17n),
} as const;

/** The per-file upload limit Discord states in each interaction (`attachment_size_limit`): 10 MiB without boosts. */
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/**
 * Where a user-installed app's command was used: a DM between the user and someone else
 * (context PRIVATE_CHANNEL), the DM with the app's bot (BOT_DM), or a server that has not
 * added the app (GUILD, authorised by the user's install only).
 */
export type UserInstallPlace = 'dm' | 'bot-dm' | 'foreign-guild';

export interface DiscordStandIn {
  rest: RestStandIn;
  gateway: GatewayStandIn;
  applicationId: string;
  botUserId: string;
  guildId: string;
  /** Two text channels: pasted links get enabled in one and stay off in the other. */
  channelIds: [string, string];
  user: { id: string; username: string };
  interaction: InteractionBuilders;
  message(channelId: string, content: string, author?: { id: string; bot?: boolean }): Record<string, unknown>;
  stop(): Promise<void>;
}

export interface InteractionBuilders {
  /** /trained <sub> with options (strings, booleans, numbers). */
  chatInput(
    sub: string,
    options: Record<string, string | number | boolean>,
    opts?: { manager?: boolean; channelId?: string },
  ): Record<string, unknown>;
  autocomplete(sub: string, focused: string, value: string, others?: Record<string, string>): Record<string, unknown>;
  button(customId: string, ephemeralMessage?: boolean): Record<string, unknown>;
  messageCommand(name: string, target: Record<string, unknown>): Record<string, unknown>;
  /** /trained <sub> from a user install, shaped as Discord sends it there (no guild in DMs, `user` instead of `member`). */
  userInstalled(sub: string, options: Record<string, string | number | boolean>, where: UserInstallPlace): Record<string, unknown>;
  /** The message context-menu command from a user install, on `target`. */
  userInstalledMessageCommand(name: string, target: Record<string, unknown>, where: UserInstallPlace): Record<string, unknown>;
}

export interface StandInOptions {
  /** What GET /gateway/bot answers; default: this stand-in's own gateway. */
  advertisedGatewayUrl?: string;
  refuseIdentify?: (identify: GatewayIdentify) => number | undefined;
  heartbeatIntervalMs?: number;
  /** `attachment_size_limit` sent in every interaction (default 10 MiB). */
  attachmentSizeLimit?: number;
}

export async function startDiscordStandIn(opts: StandInOptions = {}): Promise<DiscordStandIn> {
  const applicationId = snowflake();
  const botUserId = applicationId;
  const guildId = snowflake();
  const channelIds: [string, string] = [snowflake(), snowflake()];
  const user = { id: snowflake(), username: 'listener' };

  const guild = (): Record<string, unknown> => ({
    id: guildId,
    name: 'Stand-in guild',
    icon: null,
    owner_id: user.id,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    premium_tier: 0,
    system_channel_flags: 0,
    nsfw_level: 0,
    preferred_locale: 'en-US',
    features: [],
    roles: [
      {
        id: guildId,
        name: '@everyone',
        permissions: PERMISSIONS.member.toString(),
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: channelIds.map((id, i) => ({ id, type: 0, name: `music-${i}`, guild_id: guildId, position: i, permission_overwrites: [] })),
    threads: [],
    members: [],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
  });

  // The gateway URL is only known once it listens; the REST side reads it lazily.
  const started: { gateway?: GatewayStandIn } = {};
  const rest = await startRestStandIn({
    botUserId,
    applicationId,
    guildId,
    gatewayUrl: () => opts.advertisedGatewayUrl ?? started.gateway?.url ?? 'ws://127.0.0.1:9',
  });
  const gateway = await startGatewayStandIn({
    botUserId,
    applicationId,
    guilds: () => [guild()],
    ...(opts.refuseIdentify === undefined ? {} : { refuseIdentify: opts.refuseIdentify }),
    ...(opts.heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs: opts.heartbeatIntervalMs }),
  });
  started.gateway = gateway;

  const member = (manager: boolean): Record<string, unknown> => ({
    user: { ...user, discriminator: '0', global_name: 'Listener', avatar: null },
    roles: [],
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    permissions: (manager ? PERMISSIONS.manager : PERMISSIONS.member).toString(),
  });

  const attachmentSizeLimit = opts.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT;
  /** A fresh token, announced to the REST side so it knows how this interaction may be answered. */
  const token = (type: number): string => {
    const t = `interaction-token-${snowflake()}`;
    rest.registerInteraction(t, { type, attachmentSizeLimit });
    return t;
  };

  const base = (type: number, data: unknown, manager = false, channelId: string = channelIds[0]): Record<string, unknown> => ({
    id: snowflake(),
    application_id: applicationId,
    type,
    data,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, name: 'music', guild_id: guildId },
    member: member(manager),
    token: token(type),
    version: 1,
    app_permissions: PERMISSIONS.member.toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: attachmentSizeLimit,
  });

  /**
   * A user install (discord-api-docs receiving-and-responding.mdx, "Authorizing Integration
   * Owners Object"): only key "1", the authorising user. In DMs Discord sends `user` and no
   * `guild_id`/`member`; in a server that has not added the app it sends the member, but the
   * guild is unknown to the bot (never in its gateway session).
   */
  const userInstalledCommand = (data: Record<string, unknown>, where: UserInstallPlace): Record<string, unknown> => {
    const invoker = { ...user, discriminator: '0', global_name: 'Listener', avatar: null };
    const common = {
      id: snowflake(),
      application_id: applicationId,
      type: 2,
      data,
      token: token(2),
      version: 1,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '1': user.id },
      attachment_size_limit: attachmentSizeLimit,
    };
    if (where === 'foreign-guild') {
      const foreignGuild = snowflake();
      const channelId = snowflake();
      return {
        ...common,
        guild_id: foreignGuild,
        guild: { id: foreignGuild, locale: 'en-US', features: [] },
        channel_id: channelId,
        channel: { id: channelId, type: 0, name: 'elsewhere', guild_id: foreignGuild },
        member: { ...member(true), user: invoker },
        app_permissions: PERMISSIONS.privateChannelApp.toString(),
        guild_locale: 'en-US',
        context: 0,
      };
    }
    const channelId = snowflake();
    const other =
      where === 'dm' ? { id: snowflake(), username: 'friend', discriminator: '0', global_name: 'Friend', avatar: null } : invoker;
    return {
      ...common,
      channel_id: channelId,
      channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [other] },
      user: invoker,
      app_permissions: PERMISSIONS.privateChannelApp.toString(),
      context: where === 'dm' ? 2 : 1,
    };
  };

  const toOptions = (options: Record<string, string | number | boolean>): Record<string, unknown>[] =>
    Object.entries(options).map(([name, value]) => ({
      name,
      type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3,
      value,
    }));

  const message = (channelId: string, content: string, author: { id: string; bot?: boolean } = user): Record<string, unknown> => ({
    id: snowflake(),
    type: 0,
    channel_id: channelId,
    guild_id: guildId,
    author: { id: author.id, username: 'someone', discriminator: '0', global_name: null, avatar: null, bot: author.bot ?? false },
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content,
    embeds: [],
    attachments: [],
    components: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
  });

  const interaction: InteractionBuilders = {
    chatInput: (sub, options, o = {}) =>
      base(
        2,
        { id: snowflake(), name: 'trained', type: 1, options: [{ name: sub, type: 1, options: toOptions(options) }] },
        o.manager ?? false,
        o.channelId,
      ),
    autocomplete: (sub, focused, value, others = {}) =>
      base(4, {
        id: snowflake(),
        name: 'trained',
        type: 1,
        options: [{ name: sub, type: 1, options: [...toOptions(others), { name: focused, type: 3, value, focused: true }] }],
      }),
    button: (customId, ephemeralMessage = true) => ({
      ...base(3, { custom_id: customId, component_type: 2 }),
      message: {
        ...message(channelIds[0], ''),
        author: { id: botUserId, username: 'Trained', discriminator: '0', bot: true },
        flags: ephemeralMessage ? 64 : 0,
      },
    }),
    messageCommand: (name, target) =>
      base(2, { id: snowflake(), name, type: 3, target_id: target['id'], resolved: { messages: { [String(target['id'])]: target } } }),
    userInstalled: (sub, options, where) =>
      userInstalledCommand(
        { id: snowflake(), name: 'trained', type: 1, options: [{ name: sub, type: 1, options: toOptions(options) }] },
        where,
      ),
    userInstalledMessageCommand: (name, target, where) =>
      userInstalledCommand(
        { id: snowflake(), name, type: 3, target_id: target['id'], resolved: { messages: { [String(target['id'])]: target } } },
        where,
      ),
  };

  return {
    rest,
    gateway,
    applicationId,
    botUserId,
    guildId,
    channelIds,
    user,
    interaction,
    message,
    stop: async () => {
      await gateway.stop();
      await rest.stop();
      // A payload Discord would refuse fails the test that caused it, even if nothing else looked.
      const refused = rest.takeRefusals();
      if (refused.length > 0) {
        const lines = refused.map(
          (r) => `${r.request.method} ${r.request.path} -> ${r.response.status} ${JSON.stringify(r.response.body)}`,
        );
        throw new Error(`Discord stand-in refused ${refused.length} request(s) the bot sent:\n${lines.join('\n')}`);
      }
    },
  };
}
