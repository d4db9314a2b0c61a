/**
 * The Slack app manifest, generated from the command declarations so the slash command's
 * usage hint cannot drift from what the bot accepts. `slack-app-manifest.yml` is this
 * object as YAML; test/adapters/slack/manifest.test.ts fails when the two differ.
 */
import { stringify } from 'yaml';
import { textHint, type TextDeclaration } from '../../src/core/text-invocation.js';

export const SLASH_COMMAND = '/trained';
export const MESSAGE_SHORTCUT_ID = 'trained_check_message';
/** Slack's manifest schema caps a shortcut name at 24 characters (slackapi/manifest-schema, features.shortcuts[].name). */
export const MESSAGE_SHORTCUT_NAME = 'Check tracks in message';
/** Bolt's default endpoint: events, slash commands and interactivity all arrive here. */
export const REQUEST_PATH = '/slack/events';
export const REQUEST_URL_PLACEHOLDER = `https://trained.example.org${REQUEST_PATH}`;

/**
 * Links Slack sends us `link_shared` for (subdomains included). Slack takes at most five;
 * these are the platforms a dataset carries ids for, so their previews are exact.
 */
export const UNFURL_DOMAINS = ['youtube.com', 'youtu.be', 'spotify.com', 'spotify.link', 'freemusicarchive.org'] as const;
export const MAX_UNFURL_DOMAINS = 5;

/**
 * Only what the adapter calls: the slash command, chat.postMessage (mentions, lists), link
 * previews, mentions, and files:write for the list's CSV (files.getUploadURLExternal).
 * No history scope: the shortcut and link_shared hand us the message text.
 */
export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'files:write', 'links:read', 'links:write'] as const;
export const BOT_EVENTS = ['app_mention', 'link_shared'] as const;

type Declaration = TextDeclaration;

/** The slash command's usage hint: each command's typed form, from its declaration (text-invocation.ts). */
export function usageHint(declarations: readonly Declaration[]): string {
  return declarations.map(textHint).join(' | ');
}

export interface ManifestOptions {
  requestUrl?: string;
  socketMode?: boolean;
}

export function buildManifest(declarations: readonly Declaration[], options: ManifestOptions = {}): Record<string, unknown> {
  const requestUrl = options.requestUrl ?? REQUEST_URL_PLACEHOLDER;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Trained',
      description: 'Checks whether a song appears in public datasets used to train AI music models.',
      background_color: '#2c3e50',
    },
    features: {
      // Read-only messages tab: where list results go when the bot may not post in the channel.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'trained', always_online: false },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          url: requestUrl,
          description: 'Is this song in an AI-music training dataset?',
          usage_hint: usageHint(declarations),
          should_escape: false,
        },
      ],
      shortcuts: [
        {
          name: MESSAGE_SHORTCUT_NAME,
          type: 'message',
          callback_id: MESSAGE_SHORTCUT_ID,
          description: 'Checks every song or link in the message, one per line, and posts a CSV.',
        },
      ],
      unfurl_domains: [...UNFURL_DOMAINS],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: requestUrl, bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, request_url: requestUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode ?? false,
      token_rotation_enabled: false,
    },
  };
}

export const MANIFEST_HEADER =
  '# Generated from the command declarations by adapters/slack/manifest.ts (npx tsx adapters/slack/write-manifest.ts).\n' +
  '# Replace trained.example.org with your host; see docs/slack.md.\n';

export function manifestYaml(declarations: readonly Declaration[]): string {
  return MANIFEST_HEADER + stringify(buildManifest(declarations), { lineWidth: 0, singleQuote: true });
}
