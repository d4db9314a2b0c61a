/** Slack ids → the core's Place and UserRef (no Slack types cross into the core). */
import type { Place, UserRef } from '../../src/core/types.js';

/** link_shared events for links typed in the message composer carry this instead of a channel id. */
export const COMPOSER_CHANNEL = 'COMPOSER';

export function slackPlace(teamId: string | undefined, channelId: string, threadTs?: string | undefined): Place {
  return { platform: 'slack', workspaceId: teamId, channelId, threadId: threadTs };
}

/**
 * Slack tells an app nothing about a member's rights without the users:read scope. Channel
 * settings are treated like a channel's topic, which any member may change; the change is
 * answered in the channel for all to see (slash-command.ts), so it is never silent.
 */
export function slackUser(id: string, name?: string | undefined): UserRef {
  return { id, displayName: name, isBot: false, canManagePlace: true };
}
