/**
 * Command registration generated from the core's declarations (pure), sent by discord.js's
 * REST client to the stand-in, and `npm run discord:register` end to end; plus the pure
 * parsers that turn Discord data into core invocations.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommands, registerCommands, RegistrationError, type AnyDeclaration } from '../../../adapters/discord/registration.js';
import { mayHoldLinks, parseAutocomplete, parseChatInput, placeOf, userOf } from '../../../adapters/discord/parse.js';
import { invitePermissions, inviteUrl, userInstallUrl } from '../../../adapters/discord/invite.js';
import { COMMANDS } from '../../../commands/index.js';
import { startDiscordStandIn, type DiscordStandIn } from '../../stand-ins/discord/index.js';

type Option = {
  name: string;
  type: number;
  required?: boolean;
  autocomplete?: boolean;
  choices?: unknown[];
  description: string;
  options?: Option[];
};
type Command = {
  name: string;
  type: number;
  description?: string;
  options?: Option[];
  contexts?: number[];
  integration_types?: number[];
};

let stand: DiscordStandIn;
beforeAll(async () => {
  stand = await startDiscordStandIn();
});
afterAll(async () => {
  await stand?.stop();
});

/** `npm run discord:register` in a child process, with only the given Discord variables set. */
async function runCli(vars: Record<string, string>): Promise<{ out: string; code: number | null }> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('DISCORD_')) delete env[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/discord/cli.ts'], {
    env: { ...env, ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { out, code };
}

describe('Discord command registration', () => {
  const [chat, menu] = buildCommands(COMMANDS) as Command[];
  const sub = (name: string) => chat?.options?.find((o) => o.name === name);

  it('makes one /trained command with a subcommand per declaration offered on Discord', () => {
    expect(chat).toMatchObject({ type: 1, name: 'trained' });
    const offered = COMMANDS.map((c) => c.name);
    expect(chat?.options?.map((o) => o.name)).toEqual(offered);
    expect(chat?.options?.every((o) => o.type === 1)).toBe(true);
  });

  it('carries autocomplete, choices, required-first order and the public option', () => {
    const song = sub('song');
    expect(song?.options?.map((o) => o.name)).toEqual(['title', 'artist', 'dataset', 'public']);
    expect(song?.options?.find((o) => o.name === 'title')).toMatchObject({ type: 3, required: true, autocomplete: true });
    expect(song?.options?.find((o) => o.name === 'artist')).toMatchObject({ autocomplete: true, required: false });
    expect(song?.options?.find((o) => o.name === 'dataset')?.choices).toHaveLength(4);
    expect(song?.options?.find((o) => o.name === 'public')).toMatchObject({ type: 5, required: false });
    expect(sub('artist')?.options?.find((o) => o.name === 'name')).toMatchObject({ autocomplete: true });
    expect(sub('settings')?.options?.map((o) => o.name)).not.toContain('public');
    expect(sub('settings')?.options?.find((o) => o.name === 'auto_reply')).toMatchObject({ type: 5 });
  });

  it('keeps every name and description within Discord limits', () => {
    const walk = (options: Option[] | undefined): void => {
      for (const o of options ?? []) {
        expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect((o.options ?? []).length).toBeLessThanOrEqual(25);
        walk(o.options);
      }
    };
    walk(chat?.options);
  });

  it('adds the message context-menu command', () => {
    expect(menu).toMatchObject({ type: 3, name: 'Check tracks in this message' });
  });

  it('installs to servers and to user accounts, usable in servers, the bot DM and other DMs', () => {
    // integration_types: GUILD_INSTALL 0, USER_INSTALL 1; contexts: GUILD 0, BOT_DM 1, PRIVATE_CHANNEL 2.
    for (const command of [chat, menu]) {
      expect(command?.integration_types).toEqual([0, 1]);
      expect(command?.contexts).toEqual([0, 1, 2]);
    }
  });

  it('refuses a declaration Discord would reject instead of sending it', () => {
    const bad = { name: 'Song', description: 'x', options: [], handle: () => Promise.reject(new Error('unused')) } as AnyDeclaration;
    expect(() => buildCommands([bad])).toThrow(RegistrationError);
  });

  it('bulk-overwrites guild commands, or global ones without a guild, through discord.js REST', async () => {
    const guild = await registerCommands(COMMANDS, {
      token: 't',
      applicationId: stand.applicationId,
      guildId: stand.guildId,
      apiUrl: stand.rest.apiUrl,
    });
    expect(guild).toEqual({ scope: 'guild', count: 2 });
    const put = stand.rest.requests.find(
      (r) => r.method === 'PUT' && r.path === `/applications/${stand.applicationId}/guilds/${stand.guildId}/commands`,
    );
    expect(put?.headers.authorization).toBe('Bot t');
    expect((put?.body as Command[]).map((c) => c.name)).toEqual(['trained', 'Check tracks in this message']);
    const global = await registerCommands(COMMANDS, { token: 't', applicationId: stand.applicationId, apiUrl: stand.rest.apiUrl });
    expect(global.scope).toBe('global');
    expect(stand.rest.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${stand.applicationId}/commands`)).toBe(true);
  });

  it('runs as `npm run discord:register` (tsx adapters/discord/cli.ts) against DISCORD_API_URL', async () => {
    const { out, code } = await runCli({
      DISCORD_TOKEN: 'cli-token',
      DISCORD_APPLICATION_ID: '',
      DISCORD_DEV_GUILD_ID: stand.guildId,
      DISCORD_API_URL: stand.rest.apiUrl,
    });
    expect(out).toMatch(/Registered 2 commands to guild/);
    expect(out).toContain(`client_id=${stand.applicationId}&integration_type=0&scope=bot+applications.commands&permissions=0`);
    expect(out).toContain(`client_id=${stand.applicationId}&integration_type=1&scope=applications.commands`);
    expect(code).toBe(0);
    // No DISCORD_APPLICATION_ID: the CLI asked Discord which application the token belongs to.
    expect(
      stand.rest.requests.some((r) => r.method === 'GET' && r.path === '/applications/@me' && r.headers.authorization === 'Bot cli-token'),
    ).toBe(true);
  }, 60_000);
});

describe('`npm run discord:register` without a token', () => {
  it('prints both install links from DISCORD_APPLICATION_ID alone, and registers nothing', async () => {
    const before = stand.rest.requests.length;
    const { out, code } = await runCli({ DISCORD_APPLICATION_ID: '123456789', DISCORD_PASTED_LINKS: 'true' });
    expect(out).toContain(
      'https://discord.com/oauth2/authorize?client_id=123456789&integration_type=0&scope=bot+applications.commands&permissions=309237730368',
    );
    expect(out).toContain('https://discord.com/oauth2/authorize?client_id=123456789&integration_type=1&scope=applications.commands');
    expect(out).toContain('not registered: DISCORD_TOKEN is not set');
    expect(code).toBe(0);
    expect(stand.rest.requests.length).toBe(before);
  }, 60_000);

  it('names what is missing when neither the token nor the application id is set', async () => {
    const { out, code } = await runCli({});
    expect(out).toMatch(/DISCORD_TOKEN is required.*DISCORD_APPLICATION_ID/);
    expect(code).toBe(1);
  }, 60_000);
});

describe('Discord invite permissions', () => {
  it('asks for nothing when only slash commands are used, and never for Administrator or Mention Everyone', () => {
    expect(invitePermissions(false)).toBe(0n);
    const withLinks = invitePermissions(true);
    expect(withLinks & (1n << 3n)).toBe(0n);
    expect(withLinks & (1n << 17n)).toBe(0n);
    // The number printed in docs/discord.md.
    expect(withLinks).toBe(309237730368n);
    expect(inviteUrl('1', true)).toBe(
      'https://discord.com/oauth2/authorize?client_id=1&integration_type=0&scope=bot+applications.commands&permissions=309237730368',
    );
    expect(userInstallUrl('1')).toBe('https://discord.com/oauth2/authorize?client_id=1&integration_type=1&scope=applications.commands');
  });
});

describe('Discord parsing', () => {
  it('turns a subcommand and its options into an invocation, taking out `public`', () => {
    const parsed = parseChatInput([
      {
        name: 'song',
        type: 1,
        options: [
          { name: 'title', type: 3, value: 'Food' },
          { name: 'public', type: 5, value: true },
        ],
      },
    ]);
    expect(parsed).toEqual({ command: 'song', options: { title: 'Food' }, public: true });
    expect(parseChatInput([])).toBeUndefined();
    expect(parseChatInput([{ name: 'g', type: 2, options: [] }])).toBeUndefined();
  });

  it('finds what to autocomplete from the declarations', () => {
    const data = [{ name: 'song', type: 1, options: [{ name: 'artist', type: 3, value: 'Que', focused: true }] }];
    expect(parseAutocomplete(data, COMMANDS)).toEqual({ kind: 'artist', prefix: 'Que' });
    expect(
      parseAutocomplete([{ name: 'link', type: 1, options: [{ name: 'url', type: 3, value: 'x', focused: true }] }], COMMANDS),
    ).toBeUndefined();
  });

  it('maps threads to their parent channel and Manage Server to canManagePlace', () => {
    expect(placeOf('g', { id: 't', parentIdIfThread: 'c' })).toEqual({
      platform: 'discord',
      workspaceId: 'g',
      channelId: 'c',
      threadId: 't',
    });
    expect(placeOf('g', { id: 'c', parentIdIfThread: undefined })).toEqual({
      platform: 'discord',
      workspaceId: 'g',
      channelId: 'c',
      threadId: undefined,
    });
    expect(userOf({ id: 'u' }, 1n << 5n).canManagePlace).toBe(true);
    expect(userOf({ id: 'u' }, (1n << 10n) | (1n << 11n)).canManagePlace).toBe(false);
    expect(userOf({ id: 'u' }, null).canManagePlace).toBe(false);
  });

  it('skips messages without anything link-like before any lookup', () => {
    expect(mayHoldLinks('hello there')).toBe(false);
    expect(mayHoldLinks('https://youtu.be/dQw4w9WgXcQ')).toBe(true);
    expect(mayHoldLinks('spotify:track:2ZWlPOoWh0626oTaHrnl2a')).toBe(true);
    expect(mayHoldLinks('youtu.be/dQw4w9WgXcQ')).toBe(true);
    expect(mayHoldLinks('end of sentence. Next/one')).toBe(false);
  });
});
