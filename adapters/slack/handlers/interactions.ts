/**
 * Interactivity: reply buttons (more, export, share), the message shortcut "Check tracks in
 * this message", and the `/trained list` modal's submission. Each is acknowledged first;
 * lists come back as a summary plus a CSV file in the channel or thread.
 */
import type { App } from '@slack/bolt';
import type { Place, Reply, UserRef } from '../../../src/core/types.js';
import { LIST_BLOCK_ID, LIST_MODAL_ID, parseListTarget, submittedText } from '../list-modal.js';
import { MESSAGE_SHORTCUT_ID } from '../manifest.js';
import {
  deliverFiles,
  NOT_IN_CHANNEL_ERRORS,
  postReply,
  responsePayload,
  slackErrorCode,
  type PostTarget,
  type SlackClient,
} from '../outbound.js';
import { slackPlace, slackUser } from '../places.js';
import { ACTION_ID_PREFIX } from '../render.js';
import { slackTextToPlain } from '../slack-text.js';
import type { HandlerDeps } from './deps.js';

const ACTION_PATTERN = new RegExp(`^${ACTION_ID_PREFIX}:(more|export|share):\\d+$`);

function runList(deps: HandlerDeps, lines: string, user: UserRef, place: Place): Promise<Reply> {
  return deps.bot.handleCommand({ command: 'list', options: { lines }, user, place, platform: 'slack' });
}

/** Posts a list result; false when Slack says the bot may not post there. */
async function postList(deps: HandlerDeps, client: SlackClient, target: PostTarget, reply: Reply): Promise<boolean> {
  try {
    await postReply(client, target, { ...reply, visibility: 'public' }, { omitKinds: ['share'] });
    return true;
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === undefined || !NOT_IN_CHANNEL_ERRORS.has(code)) throw err;
    deps.platformError(err);
    return false;
  }
}

const INVITE_HINT = 'Invite Trained to the channel (/invite @trained) to get the summary and CSV posted there.';

export function registerInteractions(app: App, deps: HandlerDeps): void {
  app.action(ACTION_PATTERN, async ({ ack, action, body, respond, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return;
    const kind = /:(more|export|share):/.exec(action.action_id)?.[1];
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (typeof channel !== 'string') return;
    await deps.inFlight.run(async () => {
      const place = slackPlace(body.team?.id, channel);
      const reply = await deps.bot.handleAction(action.value ?? '', slackUser(body.user.id, body.user.name), place);
      if (kind === 'share' && reply.visibility === 'public') {
        // The same answer for everyone, without a second Share button; then the private one goes.
        // delete_original is sent on its own, as Slack documents it (see the Slack stand-in's response-url.ts).
        await respond(responsePayload(reply, { omitKinds: ['share'] }));
        await respond({ delete_original: true });
        return;
      }
      // More turns the page of a private answer in place. On a message the channel sees, replacing
      // would page it for everyone (Slack ignores response_type when replacing): answer privately instead.
      const onPrivateMessage = (body.container as { is_ephemeral?: unknown } | undefined)?.is_ephemeral === true;
      await respond(responsePayload(reply, { replaceOriginal: kind === 'more' && onPrivateMessage }));
      await deliverFiles(client, { channel }, reply, respond, deps);
    });
  });

  app.shortcut(MESSAGE_SHORTCUT_ID, async ({ ack, shortcut, respond, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const text = slackTextToPlain(shortcut.message.text ?? '').trim();
    if (text === '') {
      await respond({ response_type: 'ephemeral', text: 'That message has no text to check.' });
      return;
    }
    await deps.inFlight.run(async () => {
      const threadTs = (shortcut.message.thread_ts as string | undefined) ?? shortcut.message_ts;
      const place = slackPlace(shortcut.team?.id, shortcut.channel.id, threadTs);
      const reply = await runList(deps, text, slackUser(shortcut.user.id, shortcut.user.name), place);
      if (await postList(deps, client, { channel: shortcut.channel.id, threadTs }, reply)) return;
      const withHint: Reply = { ...reply, visibility: 'ephemeral', body: [...(reply.body ?? []), INVITE_HINT] };
      await respond(responsePayload(withHint, { omitKinds: ['share'] }));
    });
  });

  app.view(LIST_MODAL_ID, async ({ ack, view, body, client }) => {
    const target = parseListTarget(view.private_metadata);
    const text = submittedText(view.state.values);
    if (text.trim() === '') {
      await ack({ response_action: 'errors', errors: { [LIST_BLOCK_ID]: 'Add at least one song or link, one per line.' } });
      return;
    }
    await ack();
    if (target === undefined) return;
    await deps.inFlight.run(async () => {
      const place = slackPlace(target.workspaceId ?? body.team?.id, target.channelId, target.threadTs);
      const reply = await runList(deps, text, slackUser(body.user.id, body.user.name), place);
      if (await postList(deps, client, { channel: target.channelId, threadTs: target.threadTs }, reply)) return;
      // The modal has no response_url: the result goes to the person's messages with the app (App Home).
      await postList(deps, client, { channel: body.user.id }, { ...reply, body: [...(reply.body ?? []), INVITE_HINT] });
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
