/**
 * The invite URL with the least permissions the bot needs. Slash commands, buttons and
 * the context menu need no channel permission at all (interaction responses are always
 * allowed); only pasted-link answers post, thread and react in channels.
 * Never Administrator, never Mention Everyone.
 */
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

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

export function inviteUrl(applicationId: string, pastedLinks: boolean): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: invitePermissions(pastedLinks).toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
