/**
 * Events API: `link_shared` → whatever the core decided (previews through chat.unfurl, one
 * answer in the message's thread, or nothing), and `@Trained <query or link>` → an answer in
 * the thread. Bolt acknowledges events before these run; a redelivered event_id is answered once.
 */
import type { App } from '@slack/bolt';
import { postReply } from '../outbound.js';
import { COMPOSER_CHANNEL, slackPlace, slackUser } from '../places.js';
import { renderUnfurl } from '../render.js';
import { slackTextToPlain, stripLeadingMention } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

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

export function registerEvents(app: App, deps: HandlerDeps): void {
  app.event('link_shared', async ({ event, body, client, context }) => {
    if (!(await firstDelivery(deps, body, context.retryNum))) return;
    await deps.inFlight.run(async () => {
      const composing = event.source === 'composer' || event.channel === COMPOSER_CHANNEL;
      // Facts for the core: link_shared says whether the bot is in the channel (posting otherwise fails with not_in_channel).
      const place = { ...slackPlace(body.team_id, event.channel, event.thread_ts), botIsMember: event.is_bot_user_member };
      const urls = event.links.map((l) => l.url);
      const { reply, delivery, previews } = await deps.bot.handleMessage({
        text: urls.join('\n'),
        links: urls,
        user: slackUser(event.user),
        place,
        platform: 'slack',
        surface: 'link-preview',
        messageId: event.message_ts,
        composing,
      });
      if (delivery.mode === 'thread') {
        await postReply(client, { channel: event.channel, threadTs: event.thread_ts ?? event.message_ts }, reply);
        return;
      }
      if (delivery.mode !== 'unfurl' || previews === undefined) return;
      const unfurls = Object.fromEntries(previews.map((p, i) => [p.url, renderUnfurl(p.reply, i === 0 ? delivery.hint : undefined)]));
      if (composing && event.unfurl_id !== undefined) await client.chat.unfurl({ unfurl_id: event.unfurl_id, source: 'composer', unfurls });
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
      const text = slackTextToPlain(stripLeadingMention(event.text)).trim();
      const place = slackPlace(body.team_id, event.channel, threadTs);
      const { reply, delivery } = await deps.bot.handleText({ text, user: slackUser(user), place, platform: 'slack', surface: 'mention' });
      if (delivery.mode !== 'silent') await postReply(client, { channel: event.channel, threadTs }, reply);
    });
  });
}
