/**
 * Events API: `link_shared` → compact previews through chat.unfurl (or a thread reply where
 * the channel prefers it), and `@Trained <query or link>` → an answer in the thread.
 * Bolt acknowledges events before these run; a redelivered event_id is answered once.
 */
import type { App } from '@slack/bolt';
import { simpleReply } from '../../../src/core/replies.js';
import { parseTextInvocation } from '../../../src/core/text-invocation.js';
import type { Place, Reply, UserRef } from '../../../src/core/types.js';
import { postReply } from '../outbound.js';
import { COMPOSER_CHANNEL, slackPlace, slackUser } from '../places.js';
import { renderUnfurl } from '../render.js';
import { linksInSlackText, slackTextToPlain, stripLeadingMention } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

/** One message may hold many links; previews for the first few are plenty. */
export const MAX_UNFURLS_PER_MESSAGE = 5;
/** Under the preview when the channel wants thread replies but the bot is not in it (it cannot post there). */
export const THREAD_HINT = 'This channel asks for answers in a thread: invite Trained (/invite @trained) so it can post them.';
/** Previews say found or not found; "not a track" or "can't check this platform" would be clutter under every link. */
const PREVIEW_TONES: ReadonlySet<Reply['tone']> = new Set(['found', 'not-found', 'candidates']);

function eventId(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * True when this delivery should be handled: its event_id was not answered before, by this
 * process or (with a shared store) by another replica, which Slack's retry may have reached.
 */
async function firstDelivery(deps: HandlerDeps, body: unknown, retryNum: number | undefined): Promise<boolean> {
  const id = eventId(body);
  if (id === undefined) return true;
  if (deps.dedupe.claim(id) && (deps.claimEvent === undefined || (await deps.claimEvent(id)))) return true;
  deps.log.info({ eventId: id, retryNum }, 'slack: redelivered event ignored');
  return false;
}

async function answerLinks(
  deps: HandlerDeps,
  urls: readonly string[],
  user: UserRef,
  place: Place,
  messageTs: string,
): Promise<Map<string, Reply>> {
  const answers = await Promise.all(
    urls.map(async (url) => {
      // Explicit: the link is in a domain this workspace installed us to preview, so "not found" is an answer too.
      const reply = await deps.bot.handleLinkMessage({ text: url, user, place, platform: 'slack', messageId: messageTs, explicit: true });
      return [url, reply] as const;
    }),
  );
  const out = new Map<string, Reply>();
  for (const [url, reply] of answers) if (reply !== undefined && PREVIEW_TONES.has(reply.tone)) out.set(url, reply);
  return out;
}

export function registerEvents(app: App, deps: HandlerDeps): void {
  app.event('link_shared', async ({ event, body, client, context }) => {
    if (!(await firstDelivery(deps, body, context.retryNum))) return;
    await deps.inFlight.run(async () => {
      const composer = event.source === 'composer' || event.channel === COMPOSER_CHANNEL;
      const place = slackPlace(body.team_id, event.channel, event.thread_ts);
      const settings = await deps.settings.get(place);
      if (!settings.previews) return;
      const urls = [...new Set(event.links.map((l) => l.url))].slice(0, MAX_UNFURLS_PER_MESSAGE);
      const user = slackUser(event.user);
      // link_shared says whether the bot is in the channel; posting there otherwise fails with not_in_channel.
      const canPost = event.is_bot_user_member !== false;
      if (settings.mode === 'thread' && !composer && canPost) {
        // One reply for all links of the message, in its thread, instead of a preview under each.
        const reply = await deps.bot.handleLinkMessage({
          text: urls.join('\n'),
          user,
          place,
          platform: 'slack',
          messageId: event.message_ts,
          explicit: true,
        });
        if (reply === undefined || !PREVIEW_TONES.has(reply.tone)) return;
        await postReply(
          client,
          { channel: event.channel, threadTs: event.thread_ts ?? event.message_ts },
          { ...reply, visibility: 'public' },
          { omitKinds: ['share'] },
        );
        return;
      }
      const answers = await answerLinks(deps, urls, user, place, event.message_ts);
      if (answers.size === 0) return;
      // Thread mode where the bot may not post: previews instead, the first saying how to get the thread reply.
      const hintFirst = settings.mode === 'thread' && !composer && !canPost;
      const unfurls = Object.fromEntries(
        [...answers].map(([url, reply], i) => [url, renderUnfurl(reply, hintFirst && i === 0 ? THREAD_HINT : undefined)]),
      );
      if (composer && event.unfurl_id !== undefined) await client.chat.unfurl({ unfurl_id: event.unfurl_id, source: 'composer', unfurls });
      else await client.chat.unfurl({ channel: event.channel, ts: event.message_ts, unfurls });
    });
  });

  app.event('app_mention', async ({ event, body, client, context }) => {
    if (!(await firstDelivery(deps, body, context.retryNum))) return;
    // Another bot mentioning us could start a loop of answers.
    if (event.bot_id !== undefined || event.user === undefined) return;
    const user = event.user;
    await deps.inFlight.run(async () => {
      const threadTs = event.thread_ts ?? event.ts;
      const place = slackPlace(body.team_id, event.channel, threadTs);
      const reply = await answerMention(deps, event.text, slackUser(user), place);
      await postReply(client, { channel: event.channel, threadTs }, { ...reply, visibility: 'public' }, { omitKinds: ['share'] });
    });
  });
}

/** A mention holds a link, a query in the slash command's text forms, or several lines (a list). */
async function answerMention(deps: HandlerDeps, text: string, user: UserRef, place: Place): Promise<Reply> {
  const raw = stripLeadingMention(text);
  const plain = slackTextToPlain(raw).trim();
  const oneLine = !plain.includes('\n');
  if (oneLine && linksInSlackText(raw).length > 0) {
    const reply = await deps.bot.handleLinkMessage({ text: plain, user, place, platform: 'slack', explicit: true });
    return reply ?? simpleReply('info', "I don't see a track link I recognise in that message.");
  }
  if (plain.toLowerCase() === 'list')
    return simpleReply('info', 'Use /trained list to paste a list, or mention me with one song or link per line.');
  const parsed = parseTextInvocation(plain);
  if (!parsed.ok) return simpleReply('problem', parsed.error);
  return deps.bot.handleCommand({ command: parsed.command, options: parsed.options, user, place, platform: 'slack' });
}
