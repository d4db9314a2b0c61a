/**
 * What Discord accepts when commands are registered (PUT /applications/…/commands). Each command
 * is rebuilt from its JSON through discord.js's own builders (SlashCommandBuilder and its
 * option builders, ContextMenuCommandBuilder): every setter runs the builders' validator for
 * that field (name pattern and length, description length, choices, max_length, contexts,
 * integration types, autocomplete excluding choices) and `toJSON()` runs the required-field and
 * option-count checks. Two published rules the builders do not check are written out, from
 * discord/discord-api-docs docs/interactions/application-commands.mdx: required options come
 * before optional ones, and a command's names, descriptions and choice values total at most
 * 8000 characters. Message commands take no description (an empty one at most).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  SlashCommandBooleanOption,
  SlashCommandBuilder,
  SlashCommandIntegerOption,
  SlashCommandStringOption,
  SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { FieldPath, FormErrors } from './form-errors.js';

/** docs/interactions/application-commands.mdx: "combined sum of all name, description and value properties". */
export const COMMAND_TOTAL_CHARS_MAX = 8000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

type BasicOption = SlashCommandStringOption | SlashCommandBooleanOption | SlashCommandIntegerOption;

/** One basic option, rebuilt through its builder; undefined when its type is not one we could rebuild. */
function basicOption(o: Json, path: FieldPath, errors: FormErrors): BasicOption | undefined {
  let option: BasicOption;
  if (o['type'] === ApplicationCommandOptionType.String) option = new SlashCommandStringOption();
  else if (o['type'] === ApplicationCommandOptionType.Boolean) option = new SlashCommandBooleanOption();
  else if (o['type'] === ApplicationCommandOptionType.Integer) option = new SlashCommandIntegerOption();
  else {
    errors.add([...path, 'type'], 'UNSUPPORTED_IN_STAND_IN', `Option type ${String(o['type'])} is not modelled by the stand-in`);
    return undefined;
  }
  errors.check([...path, 'name'], () => option.setName(o['name'] as string));
  errors.check([...path, 'description'], () => option.setDescription(o['description'] as string));
  if (o['required'] !== undefined) errors.check([...path, 'required'], () => option.setRequired(o['required'] as boolean));
  if (option instanceof SlashCommandStringOption) {
    const s = option;
    if (o['max_length'] !== undefined) errors.check([...path, 'max_length'], () => s.setMaxLength(o['max_length'] as number));
    if (o['choices'] !== undefined)
      errors.check([...path, 'choices'], () => s.addChoices(...(o['choices'] as { name: string; value: string }[])));
    if (o['autocomplete'] !== undefined) errors.check([...path, 'autocomplete'], () => s.setAutocomplete(o['autocomplete'] as boolean));
  }
  errors.check(path, () => option.toJSON());
  return option;
}

function requiredFirst(options: Json[], path: FieldPath, errors: FormErrors): void {
  let optionalSeen = false;
  for (const [i, o] of options.entries()) {
    if (o['required'] === true && optionalSeen) {
      errors.add(
        [...path, i, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (o['required'] !== true) optionalSeen = true;
  }
}

/** Characters Discord counts against the 8000 total: names, descriptions, choice names and values. */
function countedChars(node: Json): number {
  let n = String(node['name'] ?? '').length + String(node['description'] ?? '').length;
  for (const c of list(node['choices'])) n += String(c['name'] ?? '').length + String(c['value'] ?? '').length;
  for (const o of list(node['options'])) n += countedChars(o);
  return n;
}

function chatInputCommand(cmd: Json, path: FieldPath, errors: FormErrors): void {
  const builder = new SlashCommandBuilder();
  errors.check([...path, 'name'], () => builder.setName(cmd['name'] as string));
  errors.check([...path, 'description'], () => builder.setDescription(cmd['description'] as string));
  if (cmd['contexts'] !== undefined) errors.check([...path, 'contexts'], () => builder.setContexts(...(cmd['contexts'] as never[])));
  if (cmd['integration_types'] !== undefined)
    errors.check([...path, 'integration_types'], () => builder.setIntegrationTypes(...(cmd['integration_types'] as never[])));
  const options = list(cmd['options']);
  requiredFirst(options, [...path, 'options'], errors);
  for (const [i, o] of options.entries()) {
    const at = [...path, 'options', i];
    if (o['type'] !== ApplicationCommandOptionType.Subcommand) {
      const option = basicOption(o, at, errors);
      if (option !== undefined) errors.check(at, () => builder.options.push(option as never));
      continue;
    }
    const sub = new SlashCommandSubcommandBuilder();
    errors.check([...at, 'name'], () => sub.setName(o['name'] as string));
    errors.check([...at, 'description'], () => sub.setDescription(o['description'] as string));
    const subOptions = list(o['options']);
    requiredFirst(subOptions, [...at, 'options'], errors);
    for (const [j, so] of subOptions.entries()) {
      const option = basicOption(so, [...at, 'options', j], errors);
      if (option !== undefined) sub.options.push(option);
    }
    errors.check(at, () => sub.toJSON());
    builder.addSubcommand(sub);
  }
  errors.check(path, () => builder.toJSON());
  const total = countedChars(cmd);
  if (total > COMMAND_TOTAL_CHARS_MAX)
    errors.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${COMMAND_TOTAL_CHARS_MAX})`);
}

function messageCommand(cmd: Json, path: FieldPath, errors: FormErrors): void {
  const builder = new ContextMenuCommandBuilder();
  errors.check([...path, 'name'], () => builder.setName(cmd['name'] as string));
  errors.check([...path, 'type'], () => builder.setType(cmd['type'] as ApplicationCommandType.Message));
  if (cmd['contexts'] !== undefined) errors.check([...path, 'contexts'], () => builder.setContexts(...(cmd['contexts'] as never[])));
  if (cmd['integration_types'] !== undefined)
    errors.check([...path, 'integration_types'], () => builder.setIntegrationTypes(...(cmd['integration_types'] as never[])));
  if (cmd['description'] !== undefined && cmd['description'] !== '')
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_INVALID_DESCRIPTION', 'Message commands cannot have a description');
  errors.check(path, () => builder.toJSON());
}

/** Form errors of a bulk-overwrite body: an array of commands. */
export function validateCommands(body: unknown, errors: FormErrors): void {
  if (!Array.isArray(body)) {
    errors.add([], 'MODEL_TYPE_CONVERT', 'Body must be an array of commands');
    return;
  }
  for (const [i, cmd] of body.entries()) {
    if (!isObject(cmd)) errors.add([i], 'MODEL_TYPE_CONVERT', 'Command must be an object');
    else if ((cmd['type'] ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput) chatInputCommand(cmd, [i], errors);
    else if (cmd['type'] === ApplicationCommandType.Message) messageCommand(cmd, [i], errors);
    else errors.add([i, 'type'], 'UNSUPPORTED_IN_STAND_IN', `Command type ${String(cmd['type'])} is not modelled by the stand-in`);
  }
}
