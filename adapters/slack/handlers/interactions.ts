/**
 * Interactivity: reply buttons, the message shortcut "Check tracks in this message", and forms
 * the core asked for (the `/trained list` modal). Each is acknowledged first, handed to the
 * core, and delivered as the core decided: through response_url, or posted in the channel with
 * the core's fallback where the bot may not post.
 */
import type { App } from '@slack/bolt';
import { FORM_CALLBACK, parseSubmission, submittedText } from '../form-modal.js';
import { MESSAGE_SHORTCUT_ID } from '../manifest.js';
import { deliverFiles, postReply, postWithFallback, responsePayload } from '../outbound.js';
import { slackPlace, slackUser } from '../places.js';
import { ACTION_ID_PREFIX } from '../render.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

const ACTION_PATTERN = new RegExp(`^${ACTION_ID_PREFIX}:(more|export|share):\\d+$`);

export function registerInteractions(app: App, deps: HandlerDeps): void {
  app.action(ACTION_PATTERN, async ({ ack, action, body, respond, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (typeof channel !== 'string') return;
    await deps.inFlight.run(async () => {
      const onPrivate = (body.container as { is_ephemeral?: unknown } | undefined)?.is_ephemeral === true;
      const answer = await deps.bot.handleAction({
        actionId: action.value ?? '',
        user: slackUser(body.user.id, body.user.name),
        place: slackPlace(body.team?.id, channel),
        platform: 'slack',
        onMessage: onPrivate ? 'ephemeral' : 'public',
      });
      // Replacing ignores response_type, so the core replaces only private answers; delete_original
      // is sent on its own, after the answer, as Slack documents it (see the stand-in's response-url.ts).
      await respond(responsePayload(answer));
      if (answer.delivery.original === 'delete') await respond({ delete_original: true });
      await deliverFiles(client, { channel }, answer.reply, respond, deps);
    });
  });

  app.shortcut(MESSAGE_SHORTCUT_ID, async ({ ack, shortcut, respond, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    await deps.inFlight.run(async () => {
      const threadTs = (shortcut.message.thread_ts as string | undefined) ?? shortcut.message_ts;
      const answer = await deps.bot.handleMessage({
        text: slackTextToPlain(shortcut.message.text ?? ''),
        user: slackUser(shortcut.user.id, shortcut.user.name),
        place: slackPlace(shortcut.team?.id, shortcut.channel.id, threadTs),
        platform: 'slack',
        surface: 'message-action',
        messageId: shortcut.message_ts,
      });
      if (answer.delivery.visibility !== 'public') {
        await respond(responsePayload(answer));
        return;
      }
      const target = { channel: shortcut.channel.id, threadTs };
      await postWithFallback(client, target, answer, (privately) => respond(responsePayload(privately)), deps);
    });
  });

  app.view(FORM_CALLBACK, async ({ ack, view, body, client }) => {
    const form = parseSubmission(view.callback_id, view.private_metadata);
    const text = form === undefined ? '' : submittedText(form, view.state.values);
    if (form !== undefined && text.trim() === '') {
      await ack({ response_action: 'errors', errors: { [form.option]: form.empty } });
      return;
    }
    await ack();
    if (form === undefined) return;
    await deps.inFlight.run(async () => {
      const answer = await deps.bot.handleCommand({
        command: form.command,
        options: { [form.option]: text },
        user: slackUser(body.user.id, body.user.name),
        place: slackPlace(form.workspaceId ?? body.team?.id, form.channelId, form.threadTs),
        platform: 'slack',
        surface: 'form',
      });
      // A form has no response_url: where the bot may not post, the result goes to the person's messages with the app (App Home).
      const dm = (privately: typeof answer) => postReply(client, { channel: body.user.id }, privately.reply);
      await postWithFallback(client, { channel: form.channelId, threadTs: form.threadTs }, answer, dm, deps);
    });
  });
}

/** Errors inside listeners land here: logged with their cause, never thrown at Bolt's receiver. */
export function registerErrorHandler(app: App, deps: Pick<HandlerDeps, 'log' | 'platformError'>): void {
  app.error(async (error) => {
    // Several listeners failing for one request arrive together.
    for (const cause of error.originals ?? [error.original ?? error]) deps.platformError(cause);
    deps.log.error({ err: error.original ?? error, code: error.code }, 'slack handler failed');
  });
}
