/**
 * Pasted links: a channel message with track links gets at most one answer, and only
 * where a manager turned auto-replies on, in that place's mode (reply, thread, reaction).
 * Bots, webhooks and the bot itself are never answered.
 */
import type { Message } from 'discord.js';
import type { BotCore } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';
import type { PlaceSettingsStore } from '../../src/settings/store.js';
import { mayHoldLinks, placeOf, userOf } from './parse.js';
import { reactionFor, renderReply, threadName } from './render.js';
import { channelMessageOptions } from './transport.js';

export interface PastedLinkDeps {
  bot: BotCore;
  settings: PlaceSettingsStore;
  log: Logger;
  selfId: () => string | undefined;
}

/** Message ids already answered: a redelivered MESSAGE_CREATE must not produce a second answer. */
const ANSWERED_MEMORY = 5000;

export function createPastedLinkHandler(deps: PastedLinkDeps): (message: Message) => Promise<void> {
  const answered = new Set<string>();
  const remember = (id: string): boolean => {
    if (answered.has(id)) return false;
    answered.add(id);
    if (answered.size > ANSWERED_MEMORY) {
      const oldest = answered.values().next().value;
      if (oldest !== undefined) answered.delete(oldest);
    }
    return true;
  };

  return async (message) => {
    if (message.author.bot || message.webhookId !== null || message.system || message.author.id === deps.selfId()) return;
    if (!message.inGuild() || !mayHoldLinks(message.content)) return;
    const channel = message.channel;
    const place = placeOf(message.guildId, { id: channel.id, parentIdIfThread: channel.isThread() ? channel.parentId : undefined });
    const settings = await deps.settings.get(place);
    if (!settings.autoReply || !remember(message.id)) return;

    const user = userOf(
      { id: message.author.id, displayName: message.author.globalName ?? message.author.username, bot: false },
      undefined,
    );
    const reply = await deps.bot.handleLinkMessage({ text: message.content, user, place, platform: 'discord', messageId: message.id });
    if (reply === undefined) return;

    if (settings.mode === 'reaction') {
      const emoji = reactionFor(reply);
      if (emoji !== undefined) await message.react(emoji);
      return;
    }
    const payload = channelMessageOptions(renderReply(reply, { channelMessage: true }));
    if (settings.mode === 'thread' && !channel.isThread()) {
      const thread = await message.startThread({ name: threadName(reply) });
      await thread.send(payload);
      return;
    }
    await message.reply({ ...payload, failIfNotExists: false });
  };
}
