/**
 * Messages that may hold links: a pasted link (answered by itself where the place's settings
 * ask), a link Slack asks us to preview, "Check tracks in this message", a mention or a console
 * line with links. Each comes back as one Answer whose delivery the core chose (delivery.ts).
 */
import type { LinksConfig } from '../config.js';
import { extractLinks, MAX_LINKS_PER_MESSAGE } from '../links/extract.js';
import type { RecognisedLink } from '../links/types.js';
import type { Logger } from '../log.js';
import type { PlaceSettingsStore } from '../settings/store.js';
import type { LookupContext } from './context.js';
import type { LinkDeduplicator } from './dedup.js';
import {
  answer,
  pastedDelivery,
  previewable,
  previewPlan,
  privateReply,
  publicReply,
  silence,
  threadDelivery,
  unfurlDelivery,
} from './delivery.js';
import type { Guarded } from './guard.js';
import { answerLinks } from './link-reply.js';
import { simpleReply } from './replies.js';
import type { Answer, Delivery, LinkMessage, LinkPreview, Reply } from './types.js';

/**
 * Links read from one message to count those over the cap (MAX_LINKS_PER_MESSAGE are
 * checked): past this, the reply says "at least". Extraction stays linear in the message.
 */
const MAX_LINKS_COUNTED = 1000;
/** One message may hold many links; previews for the first few are plenty. */
const MAX_PREVIEWS_PER_MESSAGE = 5;

const NO_LINK = "I don't see a track link I recognise in that message.";

export interface LinkMessageDeps {
  settings: PlaceSettingsStore;
  links: LinksConfig;
  lookupDeadlineMs: number;
  log: Logger;
  guard: Guarded;
  dedup: LinkDeduplicator;
  lookupContext: (signal: AbortSignal) => LookupContext;
}

export function createLinkMessageHandler(deps: LinkMessageDeps): (msg: LinkMessage) => Promise<Answer> {
  const { settings, log, guard } = deps;
  const deadlineMs = Math.min(deps.lookupDeadlineMs, deps.links.deadlineMs + 2000);

  /** One lookup of a message's links; undefined when there is nothing to say. `asked`: a person asked, so "not found" is an answer. */
  const lookup = async (msg: LinkMessage, text: string, asked: boolean): Promise<Reply | undefined> => {
    if (msg.user.isBot === true) return undefined;
    const skip = deps.links.skipKeyword.toLowerCase();
    if (skip !== '' && text.toLowerCase().includes(skip)) return undefined;
    let links: RecognisedLink[] = extractLinks(text, MAX_LINKS_COUNTED);
    if (links.length === 0) return asked ? simpleReply('info', NO_LINK) : undefined;
    if (!asked) links = links.filter((l) => l.kind !== 'other');
    // Only the links answered now are remembered as answered: a skipped one is answered when pasted again.
    const { fresh, skipped } = asked
      ? { fresh: links.slice(0, MAX_LINKS_PER_MESSAGE), skipped: Math.max(0, links.length - MAX_LINKS_PER_MESSAGE) }
      : deps.dedup.take(msg.place, links, MAX_LINKS_PER_MESSAGE);
    if (fresh.length === 0) return undefined;
    const what = { links: fresh.length, skipped, platform: msg.platform, surface: msg.surface };
    const reply = await guard(
      what,
      msg.user,
      msg.place,
      // Automatic answers stay quiet unless something was found.
      (signal) => answerLinks(deps.lookupContext(signal), fresh, { skipped, quiet: !asked }),
      // Rate limited again: an automatic answer stays silent; someone who asked hears when to try again.
      { deadlineMs, quietRepeats: !asked },
    );
    // An automatic answer that failed is not worth interrupting a conversation for.
    return !asked && reply?.tone === 'problem' ? undefined : reply;
  };

  const placeSettings = (msg: LinkMessage) =>
    settings.get(msg.place).catch((err: unknown) => {
      log.error({ err }, 'settings unavailable; treating automatic answers as off');
      return undefined;
    });

  const pasted = async (msg: LinkMessage): Promise<Answer> => {
    const s = await placeSettings(msg);
    if (s?.autoReply !== true) return silence(simpleReply('info', 'auto-replies are off here'));
    const reply = await lookup(msg, msg.text, false);
    return reply === undefined ? silence(simpleReply('info', 'nothing found')) : answer(reply, pastedDelivery(s, msg));
  };

  const preview = async (msg: LinkMessage): Promise<Answer> => {
    const s = await placeSettings(msg);
    const none = silence(simpleReply('info', 'no preview'));
    if (s?.previews !== true) return none;
    const urls = [...new Set(msg.links ?? [msg.text])].slice(0, MAX_PREVIEWS_PER_MESSAGE);
    const plan = previewPlan(s, msg);
    if (plan.thread) {
      // One reply for all links of the message, in its thread, instead of a preview under each.
      const reply = await lookup(msg, urls.join('\n'), true);
      return previewable(reply) ? answer(reply, threadDelivery()) : none;
    }
    // The link is in a domain this workspace installed us to preview, so "not found" is an answer too.
    const replies = await Promise.all(urls.map(async (url) => ({ url, reply: await lookup(msg, url, true) })));
    const previews: LinkPreview[] = replies.filter((p): p is LinkPreview => previewable(p.reply));
    const first = previews[0];
    return first === undefined ? none : answer(first.reply, unfurlDelivery(plan.hint), { previews });
  };

  /** A person asked about this message: every link gets an answer, and no link at all is said too. */
  const asked = async (msg: LinkMessage, d: Delivery): Promise<Answer> => {
    const reply = await lookup(msg, msg.text, true);
    if (reply !== undefined) return answer(reply, d);
    // The skip keyword, or the limiter dropping it: a console line may stay unanswered, a question may not.
    return msg.surface === 'typed-links' ? silence(simpleReply('info', 'no answer')) : answer(simpleReply('info', NO_LINK), d);
  };

  return async (msg) => {
    if (msg.surface === 'pasted') return pasted(msg);
    if (msg.surface === 'link-preview') return preview(msg);
    if (msg.surface === 'mention') return asked(msg, threadDelivery());
    if (msg.surface === 'typed-links') return asked(msg, publicReply());
    return asked(msg, privateReply());
  };
}
