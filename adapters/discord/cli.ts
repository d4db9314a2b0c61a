/**
 * `npm run discord:register`: registers /trained and the message context-menu command,
 * generated from the core's command declarations, to DISCORD_DEV_GUILD_ID when set
 * (development: visible at once), globally otherwise (production); then prints the install
 * links. With DISCORD_APPLICATION_ID and no DISCORD_TOKEN it only prints the links.
 * Exit codes as every Trained command (src/cli/args.ts): 0 done, 1 failed (configuration
 * missing, Discord refused or unreachable), 2 usage.
 */
import { config as loadDotenv } from 'dotenv';
import { REST, Routes } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { EXIT, EXIT_CODES_HELP, packageVersion, parseCommandLine, UsageError } from '../../src/cli/args.js';
import { ConfigError, loadConfig, loadDiscordInvite, type DiscordInviteConfig } from '../../src/config.js';
import { inviteUrl, userInstallUrl } from './invite.js';
import { registerCommands } from './registration.js';

const USAGE = 'usage: npm run discord:register [-- --help | --version]';

const HELP = `${USAGE}

Registers /trained and the message command "Check tracks in this message" with Discord, generated
from the same declarations the bot answers with, then prints the install links.

  DISCORD_TOKEN            the bot token (Developer Portal → Bot); without it, only the links are printed
  DISCORD_APPLICATION_ID   the application id (looked up from the token when unset)
  DISCORD_DEV_GUILD_ID     register to this server only (visible at once); unset: globally (up to an hour)
  DISCORD_PASTED_LINKS     true: the server link asks for the permissions pasted-link answers need

Options:
  -h, --help    this help
  --version     the version

${EXIT_CODES_HELP}`;

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
  let values;
  try {
    values = parseCommandLine(process.argv.slice(2), {}, false).values;
  } catch (err) {
    if (err instanceof UsageError) fail(EXIT.usage, `${err.message}\n${USAGE}`);
    throw err;
  }
  if (values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (values.version === true) {
    process.stdout.write(`trained ${packageVersion()}\n`);
    return;
  }
  loadDotenv({ quiet: true });
  let discord;
  let invite: DiscordInviteConfig;
  try {
    discord = loadConfig(process.env).discord;
    invite = loadDiscordInvite(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(EXIT.failure, err.problems.join('; '));
    throw err;
  }
  if (discord === undefined) {
    if (invite.applicationId === undefined) {
      fail(
        EXIT.failure,
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

main().catch((err: unknown) => fail(EXIT.failure, err instanceof Error ? err.message : String(err)));
