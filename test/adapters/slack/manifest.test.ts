import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../commands/index.js';
import {
  BOT_EVENTS,
  buildManifest,
  MAX_UNFURL_DOMAINS,
  MESSAGE_SHORTCUT_ID,
  MESSAGE_SHORTCUT_NAME,
  REQUEST_PATH,
  SLASH_COMMAND,
  UNFURL_DOMAINS,
  usageHint,
} from '../../../adapters/slack/manifest.js';
import { SLACK_MANIFEST_SCHEMA } from '../../helpers/slack-manifest-schema.js';

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint: string; should_escape: boolean }[];
    shortcuts: { name: string; type: string; callback_id: string; description: string }[];
    unfurl_domains: string[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const validateManifest = new Ajv({ allErrors: true, strict: true }).compile(SLACK_MANIFEST_SCHEMA);

/** ajv's messages as `<instance path> <message>`: empty when the manifest is valid. */
function schemaErrors(manifest: unknown): string[] {
  if (validateManifest(manifest)) return [];
  return (validateManifest.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

async function fileManifest(): Promise<Manifest> {
  return parse(await readFile('slack-app-manifest.yml', 'utf8')) as Manifest;
}

describe('slack-app-manifest.yml', () => {
  it('is valid YAML equal to the manifest generated from the command declarations', async () => {
    expect(await fileManifest()).toEqual(buildManifest(COMMANDS));
  });

  it('offers every Slack command in the usage hint of one /trained slash command', async () => {
    const m = await fileManifest();
    expect(m.features.slash_commands).toHaveLength(1);
    const slash = m.features.slash_commands[0]!;
    expect(slash.command).toBe(SLASH_COMMAND);
    expect(slash.should_escape).toBe(false);
    for (const c of COMMANDS) {
      expect(usageHint(COMMANDS)).toContain(c.name === 'song' ? 'title - artist' : c.name === 'link' ? 'link' : c.name);
    }
    expect(slash.usage_hint).toBe(usageHint(COMMANDS));
  });

  it('has the message shortcut, unfurl domains, events and interactivity on one request URL', async () => {
    const m = await fileManifest();
    expect(m.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: MESSAGE_SHORTCUT_ID, name: MESSAGE_SHORTCUT_NAME }),
    ]);
    expect(m.features.unfurl_domains).toEqual([...UNFURL_DOMAINS]);
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual([...BOT_EVENTS].sort());
    expect(m.settings.interactivity.is_enabled).toBe(true);
    const urls = [m.features.slash_commands[0]!.url, m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url];
    for (const url of urls) expect(new URL(url).pathname).toBe(REQUEST_PATH);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('requests only the minimal bot scopes and no user scopes', async () => {
    const m = await fileManifest();
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'files:write',
      'links:read',
      'links:write',
    ]);
    expect(m.oauth_config.scopes.user).toBeUndefined();
    expect(m.oauth_config.scopes.bot.some((s) => s.endsWith(':history'))).toBe(false);
  });

  it("stays within Slack's manifest limits", async () => {
    const m = await fileManifest();
    // Not in the published schema: Slack's bot display name is a lowercase handle.
    expect(m.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(m.features.unfurl_domains.length).toBeLessThanOrEqual(MAX_UNFURL_DOMAINS);
  });

  it("validates, in HTTP and Socket Mode, against the constraints of Slack's published manifest schema", async () => {
    expect(schemaErrors(await fileManifest())).toEqual([]);
    expect(schemaErrors(buildManifest(COMMANDS, { socketMode: true }))).toEqual([]);
  });

  it('the schema check can fail: it refuses what Slack refuses', () => {
    const good = buildManifest(COMMANDS) as { features: Record<string, unknown>; display_information: Record<string, unknown> };
    const withFeatures = (features: Record<string, unknown>): unknown => ({ ...good, features: { ...good.features, ...features } });
    const shortcut = (name: string): unknown =>
      withFeatures({ shortcuts: [{ name, type: 'message', callback_id: 'x', description: 'd' }] });
    // The shortcut name this manifest had (28 characters): Slack's editor refused it.
    expect(schemaErrors(shortcut('Check tracks in this message'))).toEqual([
      '/features/shortcuts/0/name must NOT have more than 24 characters',
    ]);
    expect(schemaErrors(withFeatures({ unfurl_domains: ['-youtube.com'] }))[0]).toMatch(
      /^\/features\/unfurl_domains\/0 must match pattern/,
    );
    expect(schemaErrors(withFeatures({ unfurl_domains: ['a.com', 'b.com', 'c.com', 'd.com', 'e.com', 'f.com'] }))).toEqual([
      '/features/unfurl_domains must NOT have more than 5 items',
    ]);
    expect(schemaErrors({ ...good, display_information: { ...good.display_information, description: 'x'.repeat(141) } })).toEqual([
      '/display_information/description must NOT have more than 140 characters',
    ]);
    expect(schemaErrors({ ...good, display_information: { ...good.display_information, background_color: 'navy' } })[0]).toMatch(
      /background_color must/,
    );
    expect(schemaErrors(withFeatures({ bot_user: { display_name: 'trained', always_on: true } }))).toEqual([
      '/features/bot_user must NOT have additional properties',
    ]);
  });

  it('the check can fail: a manifest from other declarations differs', () => {
    const fewer = COMMANDS.filter((c) => c.name !== 'artist');
    expect(buildManifest(fewer)).not.toEqual(buildManifest(COMMANDS));
  });
});
