/**
 * The constraints Slack's published app-manifest schema states for every field our manifest
 * uses, as a JSON schema for ajv. Copied field by field from slackapi/manifest-schema
 * `schemas/manifest.schema.1.0.0.json` (commit 19557f58d932d71155ce85c581dc7c72637abe1c): types,
 * required fields, min/max lengths, patterns, item counts, uniqueness and
 * `additionalProperties: false` wherever the published schema has it, so a misspelt or unknown
 * field fails as it does in Slack's manifest editor. Fields we do not use are left out; adding one
 * to the manifest then fails here until its published constraints are copied in too.
 */

const HTTP_URL = { type: 'string', pattern: '^https?:\\/\\/' } as const;

export const SLACK_MANIFEST_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['display_information'],
  additionalProperties: false,
  properties: {
    // app-manifests.metadata
    _metadata: {
      type: 'object',
      additionalProperties: false,
      properties: {
        major_version: { type: 'integer' },
        minor_version: { type: 'integer' },
      },
    },
    // app-manifests.v1.display_information.schema
    display_information: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 35 },
        description: { type: 'string', minLength: 1, maxLength: 140 },
        // The published schema spells this constraint `regex`, a keyword JSON Schema ignores;
        // it is written as `pattern` here so the hex form Slack's editor wants is checked.
        background_color: { type: 'string', minLength: 4, maxLength: 7, pattern: '^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$' },
      },
    },
    // app-manifests.v1.features.schema
    features: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // app-manifests.v1.features.app_home
        app_home: {
          type: 'object',
          additionalProperties: false,
          properties: {
            home_tab_enabled: { type: 'boolean' },
            messages_tab_enabled: { type: 'boolean' },
            messages_tab_read_only_enabled: { type: 'boolean' },
          },
        },
        // app-manifests.v1.features.bot_user
        bot_user: {
          type: 'object',
          additionalProperties: false,
          required: ['display_name'],
          properties: {
            display_name: { type: 'string', minLength: 1, maxLength: 80 },
            always_online: { type: 'boolean' },
          },
        },
        // app-manifests.v1.features.slash_commands
        slash_commands: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['command', 'description'],
            properties: {
              command: { type: 'string', minLength: 2, maxLength: 32, pattern: '^\\/' },
              url: { ...HTTP_URL, maxLength: 3000 },
              description: { type: 'string', minLength: 1, maxLength: 2000 },
              usage_hint: { type: 'string', minLength: 1, maxLength: 1000 },
              should_escape: { type: 'boolean' },
            },
          },
        },
        // app-manifests.v1.features.shortcuts
        shortcuts: {
          type: 'array',
          minItems: 1,
          maxItems: 10,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'type', 'callback_id', 'description'],
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 24 },
              type: { type: 'string', enum: ['message', 'global'] },
              callback_id: { type: 'string', minLength: 1, maxLength: 255 },
              description: { type: 'string', minLength: 1, maxLength: 150 },
            },
          },
        },
        // app-manifests.v1.features.unfurl_domains
        unfurl_domains: {
          type: 'array',
          minItems: 1,
          maxItems: 5,
          uniqueItems: true,
          items: { type: 'string', pattern: '^(?![\\.\\-])([-a-z0-9\\.])+([a-z0-9])$', maxLength: 255 },
        },
      },
    },
    // app-manifests.v1.oauth_config.schema
    oauth_config: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // app-manifests.v1.oauth_config.scopes
        scopes: {
          type: 'object',
          additionalProperties: false,
          properties: {
            bot: { type: 'array', maxItems: 255, items: { type: 'string', maxLength: 50 } },
          },
        },
      },
    },
    // app-manifests.v1.settings.schema
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // app-manifests.v1.settings.event_subscriptions
        event_subscriptions: {
          type: 'object',
          additionalProperties: false,
          properties: {
            request_url: { ...HTTP_URL, maxLength: 3500 },
            bot_events: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', maxLength: 50 } },
          },
        },
        // app-manifests.v1.settings.interactivity
        interactivity: {
          type: 'object',
          additionalProperties: false,
          required: ['is_enabled'],
          properties: {
            is_enabled: { type: 'boolean' },
            request_url: { ...HTTP_URL, maxLength: 3500 },
          },
        },
        org_deploy_enabled: { type: 'boolean' },
        socket_mode_enabled: { type: 'boolean' },
        token_rotation_enabled: { type: 'boolean' },
      },
    },
  },
} as const;
