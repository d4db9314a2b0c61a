/**
 * Discord interaction and message data → the core's inbound values. Works on the plain
 * option/permission shapes discord.js exposes (structural types), returns values and
 * never throws, so it is tested on fixed inputs without a client.
 */
import type { CommandInvocation, OptionValue, Place, SuggestKind, UserRef } from '../../src/core/types.js';
import { PUBLIC_OPTION, type AnyDeclaration } from './registration.js';

/** The shape of discord.js's CommandInteractionOption / AutocompleteInteraction options. */
export interface OptionLike {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: readonly OptionLike[] | undefined;
  focused?: boolean | undefined;
}

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
/** Manage Server (MANAGE_GUILD): may change the server's and channels' settings. */
export const MANAGE_GUILD = 1n << 5n;

export interface ParsedCommand {
  command: string;
  options: Record<string, OptionValue>;
  /** The caller asked for the answer in the channel (`public:true`). */
  public: boolean;
}

/** `/trained <sub> …options` → command name and options; undefined when no subcommand was given. */
export function parseChatInput(data: readonly OptionLike[]): ParsedCommand | undefined {
  const sub = data.find((o) => o.type === SUBCOMMAND);
  if (sub === undefined || data.some((o) => o.type === SUBCOMMAND_GROUP)) return undefined;
  const options: Record<string, OptionValue> = {};
  let isPublic = false;
  for (const o of sub.options ?? []) {
    if (o.value === undefined) continue;
    if (o.name === PUBLIC_OPTION) isPublic = o.value === true;
    else options[o.name] = o.value;
  }
  return { command: sub.name, options, public: isPublic };
}

export interface AutocompleteRequest {
  kind: SuggestKind;
  prefix: string;
}

/** Which index field to suggest from: the focused option's declared `autocomplete`. */
export function parseAutocomplete(data: readonly OptionLike[], declarations: readonly AnyDeclaration[]): AutocompleteRequest | undefined {
  const sub = data.find((o) => o.type === SUBCOMMAND);
  const focused = sub?.options?.find((o) => o.focused === true);
  if (sub === undefined || focused === undefined) return undefined;
  const declared = declarations.find((d) => d.name === sub.name)?.options.find((o) => o.name === focused.name);
  if (declared?.autocomplete === undefined) return undefined;
  return { kind: declared.autocomplete, prefix: typeof focused.value === 'string' ? focused.value : String(focused.value ?? '') };
}

export interface ChannelLike {
  id: string;
  /** Set when the channel is a thread: settings and limits then apply to its parent channel. */
  parentIdIfThread?: string | null | undefined;
}

export function placeOf(guildId: string | null, channel: ChannelLike): Place {
  const inThread = channel.parentIdIfThread !== undefined && channel.parentIdIfThread !== null;
  return {
    platform: 'discord',
    workspaceId: guildId ?? undefined,
    channelId: inThread ? (channel.parentIdIfThread ?? channel.id) : channel.id,
    threadId: inThread ? channel.id : undefined,
  };
}

export interface UserLike {
  id: string;
  displayName?: string | null | undefined;
  bot?: boolean | undefined;
}

/** `permissions`: the member's permission bits in this channel as Discord sent them (null in DMs). */
export function userOf(user: UserLike, permissions: bigint | null | undefined): UserRef {
  return {
    id: user.id,
    displayName: user.displayName ?? undefined,
    isBot: user.bot ?? false,
    canManagePlace: permissions !== null && permissions !== undefined && (permissions & MANAGE_GUILD) === MANAGE_GUILD,
  };
}

/** The `public` option is Discord's way to ask: left off, the person asked for an answer only they see. */
export function invocationOf(parsed: ParsedCommand, user: UserRef, place: Place): CommandInvocation {
  const requestedVisibility = parsed.public ? 'public' : 'ephemeral';
  return { command: parsed.command, options: parsed.options, user, place, platform: 'discord', surface: 'command', requestedVisibility };
}

/**
 * A cheap test before any lookup: a message without anything link-like is not worth a
 * settings read. Loose on purpose (the core recognises "youtu.be/…" without a scheme).
 */
export function mayHoldLinks(text: string): boolean {
  return /:\/\/|spotify:|\.[a-z]{2,}\//i.test(text);
}
