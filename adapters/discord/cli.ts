/**
 * `npm run discord:register`: registers /trained and the message context-menu command,
 * generated from the core's command declarations, to DISCORD_DEV_GUILD_ID when set
 * (development: visible at once), globally otherwise (production); then prints the install
 * links. With DISCORD_APPLICATION_ID and no DISCORD_TOKEN it only prints the links.
 * Exit codes: 0 registered (or links printed without a token), 1 configuration missing,
 * 2 Discord refused.
 */
import { config as loadDotenv } from 'dotenv';
import { REST, Routes } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { ConfigError, loadConfig, loadDiscordInvite, type DiscordInviteConfig } from '../../src/config.js';
import { inviteUrl, userInstallUrl } from './invite.js';
import { registerCommands } from './registration.js';

function fail(code: number, message: string): never {
  process.stderr.write(`discord:register: ${message}\n`);
  process.exit(code);
}

function printInstallLinks(applicationId: string, pastedLinks: boolean): void {
  process.stdout.write(
    `Add to a server (least permissions for your DISCORD_PASTED_LINKS setting): ${inviteUrl(applicationId, pastedLinks)}\n` +
      `Add to your own account, for any server or DM (turn on User Install in the Developer Portal first): ${userInstallUrl(applicationId)}\n`,
  );
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let discord;
  let invite: DiscordInviteConfig;
  try {
    discord = loadConfig(process.env).discord;
    invite = loadDiscordInvite(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(1, err.problems.join('; '));
    throw err;
  }
  if (discord === undefined) {
    if (invite.applicationId === undefined) {
      fail(
        1,
        'DISCORD_TOKEN is required to register commands (the bot token, Developer Portal → Bot); set DISCORD_APPLICATION_ID to print the install links without it',
      );
    }
    printInstallLinks(invite.applicationId, invite.pastedLinks);
    process.stdout.write('Commands were not registered: DISCORD_TOKEN is not set.\n');
    return;
  }
  let applicationId = discord.applicationId;
  if (applicationId === undefined) {
    // The token identifies the application; asking saves one variable.
    const rest = new REST(discord.apiUrl === undefined ? {} : { api: discord.apiUrl }).setToken(discord.token);
    applicationId = ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  }
  const result = await registerCommands(COMMANDS, {
    token: discord.token,
    applicationId,
    guildId: discord.devGuildId,
    apiUrl: discord.apiUrl,
  });
  process.stdout.write(
    result.scope === 'guild'
      ? `Registered ${result.count} commands to guild ${discord.devGuildId ?? ''} (visible now).\n`
      : `Registered ${result.count} commands globally (Discord may take up to an hour to show changes).\n`,
  );
  printInstallLinks(applicationId, discord.pastedLinks);
}

main().catch((err: unknown) => fail(2, err instanceof Error ? err.message : String(err)));
