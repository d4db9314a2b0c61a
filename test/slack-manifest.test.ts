import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../commands/index.js';
import {
  BOT_EVENTS,
  buildManifest,
  MAX_UNFURL_DOMAINS,
  MESSAGE_SHORTCUT_ID,
  REQUEST_PATH,
  SLASH_COMMAND,
  UNFURL_DOMAINS,
  usageHint,
} from '../adapters/slack/manifest.js';

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
    for (const c of COMMANDS.filter((d) => d.platforms === undefined || d.platforms.includes('slack'))) {
      expect(usageHint(COMMANDS)).toContain(c.name === 'song' ? 'title - artist' : c.name === 'link' ? 'link' : c.name);
    }
    expect(slash.usage_hint).toBe(usageHint(COMMANDS));
  });

  it('has the message shortcut, unfurl domains, events and interactivity on one request URL', async () => {
    const m = await fileManifest();
    expect(m.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: MESSAGE_SHORTCUT_ID, name: 'Check tracks in this message' }),
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
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    expect(m.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(m.features.unfurl_domains.length).toBeLessThanOrEqual(MAX_UNFURL_DOMAINS);
    for (const d of m.features.unfurl_domains) expect(d).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
    const slash = m.features.slash_commands[0]!;
    expect(slash.command.length).toBeLessThanOrEqual(32);
    expect(slash.usage_hint.length).toBeLessThanOrEqual(1000);
    expect(slash.description.length).toBeLessThanOrEqual(2000);
    for (const s of m.features.shortcuts) expect(s.description.length).toBeLessThanOrEqual(150);
  });

  it('the check can fail: a manifest from other declarations differs', () => {
    const fewer = COMMANDS.filter((c) => c.name !== 'artist');
    expect(buildManifest(fewer)).not.toEqual(buildManifest(COMMANDS));
  });
});
