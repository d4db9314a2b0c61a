/**
 * Sending rendered replies: a message in a channel or thread, a response_url answer, and
 * reply attachments (CSV) through the files upload v2 flow. No `link_names`, no unfurling
 * of the dataset links we print.
 */
import { ErrorCode as BoltErrorCode, webApi, type RespondArguments } from '@slack/bolt';
import { privateFallback } from '../../src/core/delivery.js';
import type { Answer, Reply } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';
import { NO_UNFURLS } from '../shared/mentions.js';
import { fitForSlack, renderReply } from './render.js';

export type SlackClient = webApi.WebClient;

export interface PostTarget {
  channel: string;
  threadTs?: string | undefined;
}

/** Slack API errors that mean "the bot may not post there", answered with advice rather than an apology. */
export const NOT_IN_CHANNEL_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export function slackErrorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Slack's error strings are snake_case words; anything else never becomes a metric label. */
const SLACK_ERROR = /^[a-z0-9_]{1,64}$/;

/**
 * A failure Slack reported, as a label with few values: the Web API's error string
 * (`not_in_channel`), an HTTP status (a 5xx, or a refused response_url), `429` when the
 * retries ran out on rate limits, `request_error` when Slack could not be reached.
 * Undefined for anything that is not Slack's answer.
 */
export function platformErrorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; statusCode?: unknown };
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = slackErrorCode(error);
    return code !== undefined && SLACK_ERROR.test(code) ? code : 'unknown';
  }
  if (e.code === webApi.ErrorCode.HTTPError) return typeof e.statusCode === 'number' ? String(e.statusCode) : 'http_error';
  if (e.code === webApi.ErrorCode.RateLimitedError) return '429';
  if (e.code === webApi.ErrorCode.RequestError) return 'request_error';
  // respond() posts to the response_url with fetch; Bolt 5 throws RespondError for a non-2xx answer.
  if (e.code === BoltErrorCode.RespondError) return typeof e.statusCode === 'number' ? String(e.statusCode) : 'request_error';
  return undefined;
}

/** A slash-command or button answer through response_url (no channel membership needed), as the core delivers it. */
export function responsePayload({ reply, delivery }: Pick<Answer, 'reply' | 'delivery'>): RespondArguments {
  const { text, blocks } = renderReply(reply);
  return {
    response_type: delivery.visibility === 'public' ? 'in_channel' : 'ephemeral',
    text,
    blocks,
    ...(delivery.original === 'replace' ? { replace_original: true } : {}),
  };
}

export async function postReply(client: SlackClient, target: PostTarget, reply: Reply): Promise<void> {
  const { text, blocks } = renderReply(reply);
  const posted = await client.chat.postMessage({
    channel: target.channel,
    ...(target.threadTs !== undefined ? { thread_ts: target.threadTs } : {}),
    text,
    blocks,
    ...NO_UNFURLS,
  });
  // Posting to a user id opens the app's direct messages; files must go to that conversation's own id.
  const channel = typeof posted.channel === 'string' && posted.channel !== '' ? posted.channel : target.channel;
  await uploadAttachments(client, { ...target, channel }, reply);
}

/** Each attachment (the list's or an export's CSV) becomes a file in the same channel and thread. */
export async function uploadAttachments(client: SlackClient, target: PostTarget, reply: Reply): Promise<void> {
  for (const attachment of fitForSlack(reply).attachments ?? []) {
    const file = { content: attachment.content, filename: attachment.filename, title: attachment.filename };
    if (target.threadTs !== undefined) await client.filesUploadV2({ ...file, channel_id: target.channel, thread_ts: target.threadTs });
    else await client.filesUploadV2({ ...file, channel_id: target.channel });
  }
}

/**
 * A public answer posted in a channel or thread. Where Slack says the bot may not post there, the
 * core's fallback (the answer privately, with its hint) goes to `fallback` (response_url, or the
 * person's messages with the app). Reported once as a platform error.
 */
export async function postWithFallback(
  client: SlackClient,
  target: PostTarget,
  answer: Answer,
  fallback: (answer: Answer) => Promise<unknown>,
  deps: { platformError: (error: unknown) => void },
): Promise<void> {
  try {
    await postReply(client, target, answer.reply);
  } catch (err) {
    const code = slackErrorCode(err);
    const privately = privateFallback(answer);
    if (code === undefined || !NOT_IN_CHANNEL_ERRORS.has(code) || privately === undefined) throw err;
    deps.platformError(err);
    await fallback(privately);
  }
}

/** Attachments (an export's CSV) go to the channel; where the bot may not post, the person is told how to fix it. */
export async function deliverFiles(
  client: SlackClient,
  target: PostTarget,
  reply: Reply,
  respond: (message: { response_type: 'ephemeral'; text: string }) => Promise<unknown>,
  deps: { log: Logger; platformError: (error: unknown) => void },
): Promise<void> {
  if (reply.attachments === undefined || reply.attachments.length === 0) return;
  try {
    await uploadAttachments(client, target, reply);
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === undefined || !NOT_IN_CHANNEL_ERRORS.has(code)) throw err;
    deps.platformError(err);
    deps.log.info({ code }, 'slack: cannot post the file in this channel');
    await respond({
      response_type: 'ephemeral',
      text: 'To get the CSV file here, invite Trained to this channel (/invite @trained) and try again.',
    });
  }
}
