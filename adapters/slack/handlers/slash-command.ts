/**
 * `/trained <text>`: acknowledged within Slack's 3 s, with the answer itself when the lookup is
 * quick. Otherwise the ack is empty, so nothing shows, and the answer arrives once, as the first
 * message of the response_url: a "Checking…" ack could not be taken back, because Slack's
 * replace_original and delete_original do not act on a slash command's ack (bolt-js #2287,
 * bolt-python #1268: the "replacement" arrives as a second message). Who sees it, and whether
 * the core wants a form instead, is the core's answer; this file only carries it.
 */
import type { App } from '@slack/bolt';
import { faultAnswer } from '../../../src/core/delivery.js';
import type { Answer } from '../../../src/core/types.js';
import { settleWithin } from '../../shared/in-flight.js';
import { formModal } from '../form-modal.js';
import { SLASH_COMMAND } from '../manifest.js';
import { deliverFiles, responsePayload } from '../outbound.js';
import { slackPlace, slackUser } from '../places.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

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
        const work = deps.bot.handleText({
          text: slackTextToPlain(command.text),
          user: slackUser(command.user_id, command.user_name),
          place: slackPlace(command.team_id, command.channel_id),
          platform: 'slack',
          surface: 'command',
        });
        const early = await settleWithin(work, deps.ackBudgetMs);
        let answer: Answer;
        if (early.settled && early.value.delivery.mode !== 'form') {
          answer = early.value;
          await ackOnce(responsePayload(answer));
        } else {
          await ackOnce();
          answer = early.settled ? early.value : await work;
          if (answer.form !== undefined) {
            const target = { channelId: command.channel_id, workspaceId: command.team_id };
            await client.views.open({ trigger_id: command.trigger_id, view: formModal(answer.form, target) });
            return;
          }
          await respond(responsePayload(answer));
        }
        await deliverFiles(client, { channel: command.channel_id }, answer.reply, respond, deps);
      } catch (err) {
        deps.platformError(err);
        deps.log.error({ err, command: 'slash' }, 'slack slash command failed');
        const apology = responsePayload(faultAnswer());
        if (!acked) await ackOnce(apology);
        else await respond(apology).catch((e: unknown) => deps.platformError(e));
      }
    });
  });
}
