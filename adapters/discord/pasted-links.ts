/**
 * Pasted links: a channel message with track links is handed to the core, which decides whether
 * and how to answer (the place's settings: off, reply, thread or reaction). This file only
 * carries the answer out. Bots, webhooks and the bot itself are never answered.
 */
import type { Message } from 'discord.js';
import type { BotCore } from '../../src/core/types.js';
import { BoundedDedupe } from '../shared/dedupe.js';
import { mayHoldLinks, placeOf, userOf } from './parse.js';
import { reactionFor, renderReply, threadName } from './render.js';
import { channelMessageOptions } from './transport.js';

export interface PastedLinkDeps {
  bot: BotCore;
  selfId: () => string | undefined;
}

/** Message ids already handled: a redelivered MESSAGE_CREATE must not produce a second answer. */
const ANSWERED_MEMORY = 5000;

export function createPastedLinkHandler(deps: PastedLinkDeps): (message: Message) => Promise<void> {
  const answered = new BoundedDedupe(15 * 60_000, ANSWERED_MEMORY);

  return async (message) => {
    if (message.author.bot || message.webhookId !== null || message.system || message.author.id === deps.selfId()) return;
    if (!message.inGuild() || !mayHoldLinks(message.content) || !answered.claim(message.id)) return;
    const channel = message.channel;
    const place = placeOf(message.guildId, { id: channel.id, parentIdIfThread: channel.isThread() ? channel.parentId : undefined });
    const user = userOf(
      { id: message.author.id, displayName: message.author.globalName ?? message.author.username, bot: false },
      undefined,
    );
    const { reply, delivery } = await deps.bot.handleMessage({
      text: message.content,
      user,
      place,
      platform: 'discord',
      surface: 'pasted',
      messageId: message.id,
    });
    if (delivery.mode === 'silent') return;
    if (delivery.mode === 'reaction') {
      const emoji = reactionFor(reply);
      if (emoji !== undefined) await message.react(emoji);
      return;
    }
    const payload = channelMessageOptions(renderReply(reply, delivery));
    if (delivery.mode === 'thread') {
      const thread = await message.startThread({ name: threadName(reply) });
      await thread.send(payload);
      return;
    }
    await message.reply({ ...payload, failIfNotExists: false });
  };
}
