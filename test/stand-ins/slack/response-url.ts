/**
 * response_url as Slack documents and its users report it, with what the person ends up seeing.
 * - It takes up to 5 posts within 30 minutes (docs.slack.dev/interactivity/handling-user-interaction,
 *   "Message responses"); Slack documents no error body for a spent URL, so the stand-in answers 404.
 * - `response_type` is `ephemeral` unless `in_channel` is asked for (same page).
 * - `replace_original` / `delete_original` act on the message an interaction came from (a button's
 *   message: docs.slack.dev/messaging/modifying-messages). A slash command's ack is no such
 *   message: a "replace" there is posted as a new message (bolt-python #1268, bolt-js #2287), and
 *   a delete does nothing.
 * - When replacing, `response_type` is ignored: a public message stays public (Slack.NetStandard
 *   #56, a client library's notes), so paging a shared answer in place would page it for everyone.
 * - `delete_original` is sent on its own (a Slack maintainer in slack-edge/slack-web-api-client #23);
 *   reports disagree on what Slack does with content beside it, so the stand-in refuses that mix.
 * - Block Kit rules as for chat.postMessage; a refused body is HTTP 400 with the error as plain
 *   text (`invalid_blocks`, as incoming webhooks answer: sourcegraph/sourcegraph#49979).
 */
import { blockProblems, slackMessages } from './block-kit.js';

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export type Visibility = 'ephemeral' | 'in_channel';

/** Where a response_url came from: a slash command or shortcut (no original message), or a button on a message. */
export type Origin = { kind: 'command' } | { kind: 'message'; visibility: Visibility };

/** A message the person (ephemeral) or the channel (in_channel) sees, as the conversation stands. */
export interface ShownMessage {
  visibility: Visibility;
  text: string;
  blocks: unknown[];
  /** The ack of a slash command, the message a button sat on, or a response_url post. */
  source: 'ack' | 'original' | 'response';
  deleted: boolean;
}

export interface ResponseAnswer {
  status: number;
  body: string;
  /** Set when the body broke a rule (a bug in what was sent), as opposed to a spent URL. */
  refused?: string;
}

type Json = Record<string, unknown>;

function visibilityOf(body: Json): Visibility {
  return body['response_type'] === 'in_channel' ? 'in_channel' : 'ephemeral';
}

export class ResponseUrlConversation {
  readonly shown: ShownMessage[] = [];
  private uses = 0;
  private readonly openedAt = Date.now();

  constructor(readonly origin: Origin) {
    if (origin.kind === 'message') {
      this.shown.push({
        visibility: origin.visibility,
        text: '(the message the button is on)',
        blocks: [],
        source: 'original',
        deleted: false,
      });
    }
  }

  /** The slash command's ack body, shown as its first response when it has something to show. */
  ack(body: Json | undefined): void {
    if (body === undefined || (body['text'] === undefined && body['blocks'] === undefined)) return;
    this.shown.push({
      visibility: visibilityOf(body),
      text: String(body['text'] ?? ''),
      blocks: (body['blocks'] as unknown[]) ?? [],
      source: 'ack',
      deleted: false,
    });
  }

  post(raw: string): ResponseAnswer {
    let body: Json;
    try {
      body = JSON.parse(raw) as Json;
    } catch {
      return { status: 400, body: 'invalid_payload', refused: 'invalid_payload' };
    }
    this.uses++;
    if (this.uses > RESPONSE_URL_USES || Date.now() - this.openedAt > RESPONSE_URL_LIFETIME_MS) return { status: 404, body: 'used_url' };
    const original = this.origin.kind === 'message' ? this.shown.find((m) => m.source === 'original' && !m.deleted) : undefined;
    if (body['delete_original'] === true) {
      const others = Object.keys(body).filter((k) => k !== 'delete_original');
      if (others.length > 0) return { status: 400, body: 'invalid_payload', refused: `delete_original sent with ${others.join(', ')}` };
      if (original !== undefined) original.deleted = true;
      return { status: 200, body: 'ok' };
    }
    const blocks = body['blocks'];
    if ((typeof body['text'] !== 'string' || body['text'].trim() === '') && (!Array.isArray(blocks) || blocks.length === 0)) {
      return { status: 400, body: 'no_text', refused: 'no_text' };
    }
    if (blocks !== undefined) {
      const problems = blockProblems(blocks, 'message');
      if (problems.length > 0)
        return { status: 400, body: 'invalid_blocks', refused: `invalid_blocks ${slackMessages(problems).join(' ')}` };
    }
    const content = { text: String(body['text'] ?? ''), blocks: (blocks as unknown[] | undefined) ?? [] };
    if (body['replace_original'] === true && original !== undefined) {
      // The original keeps its visibility whatever response_type says.
      Object.assign(original, content);
      return { status: 200, body: 'ok' };
    }
    this.shown.push({ visibility: visibilityOf(body), ...content, source: 'response', deleted: false });
    return { status: 200, body: 'ok' };
  }

  /** What is on screen now, deleted messages left out. */
  visible(): ShownMessage[] {
    return this.shown.filter((m) => !m.deleted);
  }
}
