/**
 * Getting answers to Discord in time: an interaction is answered directly when the core
 * is quick, deferred (well inside Discord's 3 s window) when it is not, and followed up
 * only while the interaction token is still valid. Also the discord.js option mapping
 * for rendered payloads, so every send carries allowed_mentions with nothing parsed.
 */
import { AttachmentBuilder, MessageFlags } from 'discord.js';
import type {
  ButtonInteraction,
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  MessageCreateOptions,
  RepliableInteraction,
} from 'discord.js';
import { faultAnswer, tooLateAnswer } from '../../src/core/delivery.js';
import type { Answer } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';
import { NO_MENTIONS_OPTION } from '../shared/mentions.js';
import { settleWithin } from '../shared/in-flight.js';
import { loggableError } from './errors.js';
import { renderReply, type DiscordMessagePayload } from './render.js';

export interface DeadlinePolicy {
  /** Answer directly if the work is done by then; otherwise defer first. */
  deferAfterMs: number;
  /** Usable lifetime of an interaction token, counted from the interaction's creation (kept below Discord's 15 minutes). */
  tokenLifetimeMs: number;
  now: () => number;
}

function files(p: DiscordMessagePayload): AttachmentBuilder[] {
  return p.files.map((f) => new AttachmentBuilder(f.data, { name: f.name }));
}

export function replyOptions(p: DiscordMessagePayload): InteractionReplyOptions {
  return {
    embeds: p.embeds,
    components: p.components,
    allowedMentions: NO_MENTIONS_OPTION,
    files: files(p),
    ...(p.flags & MessageFlags.Ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** Edits cannot change whether a response is ephemeral, so no flags. */
export function editOptions(p: DiscordMessagePayload): InteractionEditReplyOptions {
  return { embeds: p.embeds, components: p.components, allowedMentions: NO_MENTIONS_OPTION, files: files(p) };
}

export function channelMessageOptions(p: DiscordMessagePayload): MessageCreateOptions {
  return { embeds: p.embeds, components: p.components, allowedMentions: NO_MENTIONS_OPTION, files: files(p) };
}

/** The core's own answers for what only the adapter can see go wrong. */
const notice = ({ reply, delivery }: Answer): DiscordMessagePayload => renderReply(reply, delivery);

/** The three ways to answer: at once, a deferral (within Discord's 3 s), and the edit that follows it. */
interface Responder {
  direct(p: DiscordMessagePayload): Promise<unknown>;
  defer(): Promise<unknown>;
  edit(p: DiscordMessagePayload): Promise<unknown>;
}

async function respondInTime(
  interaction: Pick<RepliableInteraction, 'id' | 'createdTimestamp'>,
  pending: Promise<DiscordMessagePayload>,
  policy: DeadlinePolicy,
  log: Logger,
  r: Responder,
): Promise<void> {
  // The core answers its own faults; this only catches the adapter's (a rendering bug), so the user still hears back.
  const work = pending.catch((err: unknown) => {
    log.error({ err: loggableError(err), interactionId: interaction.id }, 'could not prepare a Discord answer');
    return notice(faultAnswer());
  });
  // The token's clock starts when Discord created the interaction, not when it reached us.
  const createdAt = Math.min(interaction.createdTimestamp, policy.now());
  const expiresAt = createdAt + policy.tokenLifetimeMs;
  const quick = await settleWithin(work, policy.deferAfterMs - (policy.now() - createdAt));
  if (quick.settled) {
    await r.direct(quick.value);
    return;
  }
  await r.defer();
  const late = await settleWithin(work, expiresAt - policy.now());
  if (late.settled) {
    await r.edit(late.value);
    return;
  }
  // Still working as the token runs out: say so while an edit is still accepted, and drop the late answer.
  log.warn({ interactionId: interaction.id }, 'lookup outlived the interaction token; answering with a timeout notice');
  await r.edit(notice(tooLateAnswer()));
}

/**
 * Answers one interaction with the payload `work` produces. `ephemeral` decides the
 * deferral's visibility, which a later edit cannot change.
 */
export async function answerInteraction(
  interaction: RepliableInteraction,
  pending: Promise<DiscordMessagePayload>,
  ephemeral: boolean,
  policy: DeadlinePolicy,
  log: Logger,
): Promise<void> {
  await respondInTime(interaction, pending, policy, log, {
    direct: (p) => interaction.reply(replyOptions(p)),
    defer: () => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    edit: (p) => interaction.editReply(editOptions(p)),
  });
}

/** A button's answer that replaces the message the button sits on (the next page of a private answer). */
export async function updateInteraction(
  interaction: ButtonInteraction,
  pending: Promise<DiscordMessagePayload>,
  policy: DeadlinePolicy,
  log: Logger,
): Promise<void> {
  await respondInTime(interaction, pending, policy, log, {
    direct: (p) => interaction.update(editOptions(p)),
    defer: () => interaction.deferUpdate(),
    edit: (p) => interaction.editReply(editOptions(p)),
  });
}
