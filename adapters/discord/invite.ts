/**
 * Install links with the least the bot needs. Slash commands, buttons and the context menu need
 * no channel permission at all (interaction responses are always allowed); only pasted-link
 * answers post, thread and react in channels. Never Administrator, never Mention Everyone.
 * `integration_type` picks the install: 0 adds the bot to a server, 1 adds the commands to a
 * person's own account (discord/discord-api-docs docs/resources/application.mdx, "Installation
 * Context"; a user install takes only the applications.commands scope).
 */
import { ApplicationIntegrationType, OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/** What pasted-link answers use: see the bot, reply (needs history), embed, thread, react. */
export const PASTED_LINK_PERMISSIONS: readonly bigint[] = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
];

export function invitePermissions(pastedLinks: boolean): bigint {
  return pastedLinks ? PASTED_LINK_PERMISSIONS.reduce((a, b) => a | b, 0n) : 0n;
}

const AUTHORIZE = 'https://discord.com/oauth2/authorize';

/** Adds the bot to a server (guild install). */
export function inviteUrl(applicationId: string, pastedLinks: boolean): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    integration_type: String(ApplicationIntegrationType.GuildInstall),
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: invitePermissions(pastedLinks).toString(),
  });
  return `${AUTHORIZE}?${params.toString()}`;
}

/** Adds /trained to a person's own account, usable in any server or DM (user install). */
export function userInstallUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    integration_type: String(ApplicationIntegrationType.UserInstall),
    scope: OAuth2Scopes.ApplicationsCommands,
  });
  return `${AUTHORIZE}?${params.toString()}`;
}
