/**
 * Interactions: /trained subcommands, autocomplete, buttons and the message context menu.
 * Each one is parsed into a core call, rendered, and answered through transport.ts.
 */
import { ApplicationIntegrationType, MessageFlags } from 'discord.js';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
  PermissionsBitField,
} from 'discord.js';
import type { Answer, BotCore, Place, UserRef } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';
import { AUTOCOMPLETE_CHOICE_MAX, AUTOCOMPLETE_CHOICES_MAX } from './limits.js';
import { invocationOf, parseAutocomplete, parseChatInput, placeOf, userOf } from './parse.js';
import { CHECK_MESSAGE_COMMAND, ROOT_COMMAND, type AnyDeclaration } from './registration.js';
import { renderReply, type DiscordMessagePayload } from './render.js';
import { oneLine, truncate } from './text.js';
import { answerInteraction, updateInteraction, type DeadlinePolicy } from './transport.js';

export interface InteractionDeps {
  bot: BotCore;
  log: Logger;
  declarations: readonly AnyDeclaration[];
  policy: DeadlinePolicy;
}

/** Suggestions must arrive inside Discord's 3 s window; an empty list is better than none. */
export const AUTOCOMPLETE_DEADLINE_MS = 2000;

type HandledInteraction = ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction | MessageContextMenuCommandInteraction;

/**
 * True when a server that added Trained is where this happened. A user install also answers in
 * DMs and in servers that never added the bot (discord-api-docs receiving-and-responding.mdx,
 * "Authorizing Integration Owners Object": key "0" holds the guild id only for a guild install);
 * an interaction without the map predates user installs and comes from a guild install.
 */
export function inInstalledGuild(
  guildId: string | null,
  owners: Partial<Record<ApplicationIntegrationType, string>> | null | undefined,
): boolean {
  if (guildId === null) return false;
  if (owners === null || owners === undefined || Object.keys(owners).length === 0) return true;
  return owners[ApplicationIntegrationType.GuildInstall] === guildId;
}

function who(i: HandledInteraction): { user: UserRef; place: Place } {
  const installedGuild = inInstalledGuild(i.guildId, i.authorizingIntegrationOwners);
  // Managing a place's settings needs the guild's own install: elsewhere nobody manages anything of ours.
  const permissions: PermissionsBitField | null = installedGuild ? i.memberPermissions : null;
  const channel = i.channel;
  const parentIdIfThread = channel !== null && channel.isThread() ? channel.parentId : undefined;
  return {
    user: userOf({ id: i.user.id, displayName: i.user.globalName ?? i.user.username, bot: i.user.bot }, permissions?.bitfield),
    // A fact for the core: outside a server that added Trained, nothing here has settings of ours.
    place: { ...placeOf(i.guildId, { id: i.channelId ?? 'unknown', parentIdIfThread }), installed: installedGuild },
  };
}

/** The core's answer as Discord's payload; an interaction cannot stay silent, so silence is never asked of it here. */
function payload(i: HandledInteraction): (a: Answer) => DiscordMessagePayload {
  return (a) => renderReply(a.reply, a.delivery, i.attachmentSizeLimit);
}

async function onChatInput(i: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const parsed = parseChatInput(i.options.data) ?? { command: '', options: {}, public: false };
  const { user, place } = who(i);
  const inv = invocationOf(parsed, user, place);
  // The deferral's visibility must be chosen before the answer exists (a later edit cannot change it).
  const ephemeral = deps.bot.plan({ command: inv }).visibility === 'ephemeral';
  await answerInteraction(i, deps.bot.handleCommand(inv).then(payload(i)), ephemeral, deps.policy, deps.log);
}

async function onAutocomplete(i: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const request = parseAutocomplete(i.options.data, deps.declarations);
  let values: string[] = [];
  if (request !== undefined && request.prefix.trim() !== '') {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), AUTOCOMPLETE_DEADLINE_MS);
    });
    values = await Promise.race([deps.bot.suggest(request.kind, request.prefix), late]).finally(() => clearTimeout(timer));
  }
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const v of values) {
    const value = [...v].slice(0, AUTOCOMPLETE_CHOICE_MAX).join('');
    if (value.trim() === '' || value.length > AUTOCOMPLETE_CHOICE_MAX || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: truncate(oneLine(v), AUTOCOMPLETE_CHOICE_MAX), value });
    if (choices.length === AUTOCOMPLETE_CHOICES_MAX) break;
  }
  await i.respond(choices);
}

async function onButton(i: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const { user, place } = who(i);
  const press = {
    actionId: i.customId,
    user,
    place,
    platform: 'discord' as const,
    onMessage: i.message.flags.has(MessageFlags.Ephemeral) ? ('ephemeral' as const) : ('public' as const),
  };
  // Acknowledging (update or reply, private or not) must happen before the answer exists: the core says now how it will deliver.
  const plan = deps.bot.plan({ press });
  const work = deps.bot.handleAction(press).then(payload(i));
  if (plan.original === 'replace') await updateInteraction(i, work, deps.policy, deps.log);
  else await answerInteraction(i, work, plan.visibility === 'ephemeral', deps.policy, deps.log);
}

async function onCheckMessage(i: MessageContextMenuCommandInteraction, deps: InteractionDeps): Promise<void> {
  const { user, place } = who(i);
  const target = i.targetMessage;
  const message = {
    text: target.content,
    user,
    place,
    platform: 'discord' as const,
    surface: 'message-action' as const,
    messageId: target.id,
  };
  const ephemeral = deps.bot.plan({ message }).visibility === 'ephemeral';
  await answerInteraction(i, deps.bot.handleMessage(message).then(payload(i)), ephemeral, deps.policy, deps.log);
}

/** Guilds, the bot's DMs and (user installs) any DM or server: each answer is an interaction response, allowed everywhere. */
export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  if (i.isAutocomplete()) await onAutocomplete(i, deps);
  else if (i.isChatInputCommand() && i.commandName === ROOT_COMMAND) await onChatInput(i, deps);
  else if (i.isMessageContextMenuCommand() && i.commandName === CHECK_MESSAGE_COMMAND) await onCheckMessage(i, deps);
  else if (i.isButton()) await onButton(i, deps);
}
