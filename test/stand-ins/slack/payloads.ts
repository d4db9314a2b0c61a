/** Request bodies shaped like the ones Slack sends (fields Bolt and the adapter read). */
import { STAND_IN_TEAM, STAND_IN_BOT_USER } from './web-api.js';

export const CHANNEL = 'C0CHANNEL';
export const USER = 'U0PERSON';

export function slashCommand(text: string, responseUrl: string, channel = CHANNEL): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: STAND_IN_TEAM,
    team_domain: 'standin',
    channel_id: channel,
    channel_name: 'music',
    user_id: USER,
    user_name: 'person',
    command: '/trained',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  };
}

export function eventCallback(event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: STAND_IN_TEAM,
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: STAND_IN_TEAM, user_id: STAND_IN_BOT_USER, is_bot: true }],
  };
}

export function linkShared(
  urls: string[],
  opts: { composer?: boolean; channel?: string; messageTs?: string; botIsMember?: boolean } = {},
): Record<string, unknown> {
  const composer = opts.composer === true;
  return {
    type: 'link_shared',
    channel: composer ? 'COMPOSER' : (opts.channel ?? CHANNEL),
    is_bot_user_member: opts.botIsMember ?? true,
    user: USER,
    message_ts: composer ? 'Uxxxxxxx-909b5454-75f8-4ac4-b325-1b40e230bbd8' : (opts.messageTs ?? '1700000100.000100'),
    links: urls.map((url) => ({ domain: new URL(url).hostname, url })),
    ...(composer
      ? { unfurl_id: 'C123456.7890123.abcdef', source: 'composer' }
      : { unfurl_id: 'U123.456.789', source: 'conversations_history' }),
    event_ts: '1700000100.000200',
  };
}

export function appMention(text: string, ts = '1700000200.000100', threadTs?: string): Record<string, unknown> {
  return {
    type: 'app_mention',
    user: USER,
    text,
    ts,
    channel: CHANNEL,
    event_ts: ts,
    ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
  };
}

export function messageShortcut(text: string, responseUrl: string, messageTs = '1700000300.000100'): Record<string, unknown> {
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: '1700000301.000000',
    team: { id: STAND_IN_TEAM, domain: 'standin' },
    user: { id: USER, name: 'person' },
    channel: { id: CHANNEL, name: 'music' },
    callback_id: 'trained_check_message',
    trigger_id: 'trigger-shortcut',
    message_ts: messageTs,
    message: { type: 'message', user: 'U0OTHER', text, ts: messageTs },
    response_url: responseUrl,
  };
}

export function viewSubmission(
  callbackId: string,
  privateMetadata: string,
  values: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: STAND_IN_TEAM, domain: 'standin' },
    user: { id: USER, name: 'person', team_id: STAND_IN_TEAM },
    api_app_id: 'A0APP',
    trigger_id: 'trigger-view',
    view: {
      id: 'V0VIEW',
      team_id: STAND_IN_TEAM,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: 'h',
      blocks: [],
      title: { type: 'plain_text', text: 'Check a list' },
      app_id: 'A0APP',
      bot_id: 'B0BOT',
    },
    response_urls: [],
  };
}

/** A button press; `onEphemeral` false: the button is on a message the whole channel sees (a shared answer). */
export function blockAction(actionId: string, value: string, responseUrl: string, onEphemeral = true): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: STAND_IN_TEAM, domain: 'standin' },
    user: { id: USER, name: 'person', team_id: STAND_IN_TEAM },
    api_app_id: 'A0APP',
    container: { type: 'message', message_ts: '1700000400.000100', channel_id: CHANNEL, is_ephemeral: onEphemeral },
    trigger_id: 'trigger-button',
    channel: { id: CHANNEL, name: 'music' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        value,
        action_ts: '1700000401.000000',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
}
