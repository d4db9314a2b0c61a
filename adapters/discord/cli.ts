/**
 * `npm run discord:register`: registers /trained and the message context-menu command,
 * generated from the core's command declarations. To DISCORD_DEV_GUILD_ID when set
 * (development: visible at once), globally otherwise (production).
 * Exit codes: 0 registered, 1 configuration missing, 2 Discord refused.
 */
import { config as loadDotenv } from 'dotenv';
import { REST, Routes } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { inviteUrl } from './invite.js';
import { registerCommands } from './registration.js';

function fail(code: number, message: string): never {
  process.stderr.write(`discord:register: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let discord;
  try {
    discord = loadConfig(process.env).discord;
  } catch (err) {
    if (err instanceof ConfigError) fail(1, err.problems.join('; '));
    throw err;
  }
  if (discord === undefined) fail(1, 'DISCORD_TOKEN is required (the bot token from the Developer Portal, Bot page)');
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
  process.stdout.write(
    `Invite URL (least permissions for your DISCORD_PASTED_LINKS setting): ${inviteUrl(applicationId, discord.pastedLinks)}\n`,
  );
}

main().catch((err: unknown) => fail(2, err instanceof Error ? err.message : String(err)));
