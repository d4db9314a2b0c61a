/**
 * `/trained <text>`: acknowledged within Slack's 3 s, with the answer itself when the lookup is
 * quick. Otherwise the ack is empty, so nothing shows, and the answer arrives once, as the first
 * message of the response_url: a "Checking…" ack could not be taken back, because Slack's
 * replace_original and delete_original do not act on a slash command's ack (bolt-js #2287,
 * bolt-python #1268: the "replacement" arrives as a second message).
 * Ephemeral unless the core says otherwise; the core adds the "Share in channel" button.
 */
import type { App } from '@slack/bolt';
import { simpleReply } from '../../../src/core/replies.js';
import { parseTextInvocation } from '../../../src/core/text-invocation.js';
import type { Reply } from '../../../src/core/types.js';
import { listModal } from '../list-modal.js';
import { SLASH_COMMAND } from '../manifest.js';
import { deliverFiles, responsePayload } from '../outbound.js';
import { slackPlace, slackUser } from '../places.js';
import { settleWithin } from '../in-flight.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a minute.';

/**
 * A settings change is said in the channel: any member may make it (places.ts), so everyone
 * should see it. A list's summary goes with its CSV file, which is posted in the channel.
 */
function visibleTo(reply: Reply, command: string, options: Readonly<Record<string, unknown>>): Reply {
  const settingsChange = command === 'settings' && Object.keys(options).length > 0;
  return (settingsChange || command === 'list') && reply.tone === 'info' ? { ...reply, visibility: 'public' } : reply;
}

export function registerSlashCommand(app: App, deps: HandlerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    let acked = false;
    const ackOnce = async (payload?: Parameters<typeof ack>[0]): Promise<void> => {
      if (acked) return;
      acked = true;
      await ack(payload);
    };
    await deps.inFlight.run(async () => {
      try {
        const text = slackTextToPlain(command.text);
        const place = slackPlace(command.team_id, command.channel_id);
        const user = slackUser(command.user_id, command.user_name);
        if (text.trim().toLowerCase() === 'list') {
          await ackOnce();
          await client.views.open({
            trigger_id: command.trigger_id,
            view: listModal({ channelId: command.channel_id, workspaceId: command.team_id }),
          });
          return;
        }
        const parsed = parseTextInvocation(text);
        if (!parsed.ok) {
          await ackOnce(responsePayload(simpleReply('problem', parsed.error)));
          return;
        }
        const work = deps.bot
          .handleCommand({ command: parsed.command, options: parsed.options, user, place, platform: 'slack' })
          .then((reply) => visibleTo(reply, parsed.command, parsed.options));
        const early = await settleWithin(work, deps.ackBudgetMs);
        let reply: Reply;
        if (early.settled) {
          reply = early.value;
          await ackOnce(responsePayload(reply));
        } else {
          await ackOnce();
          reply = await work;
          await respond(responsePayload(reply));
        }
        await deliverFiles(client, { channel: command.channel_id }, reply, respond, deps);
      } catch (err) {
        deps.platformError(err);
        deps.log.error({ err, command: 'slash' }, 'slack slash command failed');
        if (!acked) await ackOnce({ response_type: 'ephemeral', text: APOLOGY });
        else await respond({ response_type: 'ephemeral', text: APOLOGY }).catch((e: unknown) => deps.platformError(e));
      }
    });
  });
}
