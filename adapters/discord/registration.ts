/**
 * Discord application commands generated from the core's command declarations: one
 * chat-input command `/trained` whose subcommands are the declarations, plus the message
 * context-menu command. Pure; `register` sends the result with discord.js's REST client.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  REST,
  Routes,
} from 'discord.js';
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  RESTPutAPIApplicationCommandsJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDeclaration, OptionDeclaration } from '../../src/core/commands.js';
import {
  AUTOCOMPLETE_CHOICE_MAX,
  COMMAND_DESCRIPTION_MAX,
  COMMAND_NAME_MAX,
  COMMAND_OPTIONS_MAX,
  OPTION_CHOICES_MAX,
  OPTION_STRING_MAX_LENGTH,
} from './limits.js';
import { truncate } from './text.js';

export const ROOT_COMMAND = 'trained';
export const CHECK_MESSAGE_COMMAND = 'Check tracks in this message';
/** Adapter-level option on answering subcommands: post the answer to the channel instead of only to the caller. */
export const PUBLIC_OPTION = 'public';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- declarations differ only in their handler context, which is irrelevant here
export type AnyDeclaration = CommandDeclaration<any>;

export class RegistrationError extends Error {}

const OPTION_TYPE: Record<
  OptionDeclaration['type'],
  ApplicationCommandOptionType.String | ApplicationCommandOptionType.Boolean | ApplicationCommandOptionType.Integer
> = {
  string: ApplicationCommandOptionType.String,
  boolean: ApplicationCommandOptionType.Boolean,
  integer: ApplicationCommandOptionType.Integer,
};

function description(text: string): string {
  return truncate(text, COMMAND_DESCRIPTION_MAX);
}

function checkName(name: string, what: string): string {
  if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(name) || name.length > COMMAND_NAME_MAX) {
    throw new RegistrationError(`${what} name "${name}" is not a valid Discord command name`);
  }
  return name;
}

function option(o: OptionDeclaration): APIApplicationCommandBasicOption {
  const base = { name: checkName(o.name, 'option'), description: description(o.description), required: o.required ?? false };
  if (o.type === 'string') {
    const maxLength = o.maxLength === undefined ? {} : { max_length: Math.min(o.maxLength, OPTION_STRING_MAX_LENGTH) };
    if (o.choices !== undefined) {
      const choices = o.choices.slice(0, OPTION_CHOICES_MAX).map((c) => ({
        name: truncate(c.name, AUTOCOMPLETE_CHOICE_MAX),
        value: c.value.slice(0, AUTOCOMPLETE_CHOICE_MAX),
      }));
      return { ...base, ...maxLength, type: ApplicationCommandOptionType.String, choices };
    }
    if (o.autocomplete !== undefined) return { ...base, ...maxLength, type: ApplicationCommandOptionType.String, autocomplete: true };
    return { ...base, ...maxLength, type: ApplicationCommandOptionType.String };
  }
  return { ...base, type: OPTION_TYPE[o.type] } as APIApplicationCommandBasicOption;
}

/** Subcommands that answer with a lookup get `public`; settings and the like do not. */
function takesPublicOption(d: AnyDeclaration): boolean {
  return d.requiresManager !== true && !d.options.some((o) => o.name === PUBLIC_OPTION);
}

function subcommand(d: AnyDeclaration): APIApplicationCommandSubcommandOption {
  const options = d.options.map(option);
  if (takesPublicOption(d)) {
    options.push({
      type: ApplicationCommandOptionType.Boolean,
      name: PUBLIC_OPTION,
      description: 'Post the answer in the channel instead of only to you',
      required: false,
    });
  }
  if (options.length > COMMAND_OPTIONS_MAX)
    throw new RegistrationError(`subcommand "${d.name}" has more than ${COMMAND_OPTIONS_MAX} options`);
  // Discord refuses a required option after an optional one.
  options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkName(d.name, 'subcommand'),
    description: description(d.description),
    options,
  };
}

/**
 * Installable to a server and to a person's own account, usable in servers, the bot's DMs and
 * other DMs and group DMs (discord-api-docs application-commands.mdx, "Installation Context" and
 * "Interaction Contexts"). So a musician can add Trained to their account and check songs
 * anywhere without a server admin. Everything answers through interaction responses, which
 * work in all of these; settings and pasted-link answers stay with servers that added the bot.
 */
export const INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];
export const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];

export function buildCommands(declarations: readonly AnyDeclaration[]): RESTPutAPIApplicationCommandsJSONBody {
  const subcommands = declarations.map(subcommand);
  if (subcommands.length === 0) throw new RegistrationError('no command to register');
  if (subcommands.length > COMMAND_OPTIONS_MAX) throw new RegistrationError(`more than ${COMMAND_OPTIONS_MAX} subcommands`);
  const chat: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: ApplicationCommandType.ChatInput,
    name: ROOT_COMMAND,
    description: 'Is a song in public AI-music training datasets?',
    options: subcommands,
    integration_types: INTEGRATION_TYPES,
    contexts: CONTEXTS,
  };
  const menu: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
    type: ApplicationCommandType.Message,
    name: CHECK_MESSAGE_COMMAND,
    integration_types: INTEGRATION_TYPES,
    contexts: CONTEXTS,
  };
  return [chat, menu];
}

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Development: commands appear at once in this guild only. Unset: global (may take up to an hour to show). */
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

/** Replaces the application's commands with the generated ones (bulk overwrite: idempotent). */
export async function registerCommands(
  declarations: readonly AnyDeclaration[],
  opts: RegisterOptions,
): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const body = buildCommands(declarations);
  const rest = new REST(opts.apiUrl === undefined ? {} : { api: opts.apiUrl }).setToken(opts.token);
  const route =
    opts.guildId === undefined
      ? Routes.applicationCommands(opts.applicationId)
      : Routes.applicationGuildCommands(opts.applicationId, opts.guildId);
  const result = (await rest.put(route, { body })) as unknown[];
  return { scope: opts.guildId === undefined ? 'global' : 'guild', count: result.length };
}
