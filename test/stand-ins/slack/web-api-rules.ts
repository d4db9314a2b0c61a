/**
 * The Web API methods' rules, as the stand-in enforces them. Each answers `{ ok: false, error }`
 * with the error Slack documents for that method (docs.slack.dev/reference/methods/<method>,
 * "Errors"), or undefined when Slack would accept the call.
 * - chat.postMessage / chat.postEphemeral / chat.update: `text` or `blocks` (`no_text`), Block
 *   Kit rules (`invalid_blocks`, block-kit.ts), the bot a member of the channel (`not_in_channel`).
 * - chat.unfurl: `channel` with `ts`, or `unfurl_id` with `source` (composer or
 *   conversations_history), never half a pair (`invalid_arguments`); `unfurls` keyed by URLs of
 *   that message's link_shared event (`cannot_unfurl_message`: "the URL provided does not
 *   appear in the message"); each unfurl's blocks valid (`invalid_blocks`).
 * - views.open: a trigger_id and a valid modal (`invalid_arguments`, with Slack's messages).
 * - files.getUploadURLExternal: `filename`, and `length` a positive byte count (`missing_argument`,
 *   documented for a length of 0) within the per-file limit (1 GB; Slack's help centre, "Add files
 *   to Slack"; `file_upload_size_restricted` is Slack's error for a size the workspace refuses).
 * - files.completeUploadExternal: `files` a non-empty array of uploaded ids (`file_not_found`),
 *   `thread_ts` only with a `channel_id` (docs: "make sure to provide only one channel when using
 *   thread_ts"), never a user id as `channel_id` (`invalid_arguments`; reported by users of the
 *   v2 flow: completeUploadExternal wants a conversation id, so a DM needs its D… id).
 */
import { blockProblems, slackMessages, viewProblems, type BlockProblem } from './block-kit.js';

/** Slack's per-file upload limit (1 GB). */
export const SLACK_FILE_LIMIT = 1_000_000_000;

export interface Refused {
  error: string;
  /** Slack's `response_metadata.messages` for block problems. */
  messages?: string[];
}

/** What the stand-in knows about the workspace: channels the bot is not in, shared links, uploads. */
export interface WorkspaceState {
  notMemberOf: Set<string>;
  /** Links Slack sent in link_shared events, by `${channel}:${message_ts}` and by `unfurl:${unfurl_id}`. */
  sharedLinks: Map<string, Set<string>>;
  /** Upload tickets: declared length, and the bytes that arrived at the upload URL. */
  uploads: Map<string, { length: number; received?: number }>;
  fileLimit: number;
}

function json(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return Symbol.for('unparseable');
  }
}

function blocksRefusal(problems: BlockProblem[]): Refused | undefined {
  return problems.length === 0 ? undefined : { error: 'invalid_blocks', messages: slackMessages(problems) };
}

function postable(params: Record<string, string>, state: WorkspaceState): Refused | undefined {
  const hasText = (params.text ?? '').trim() !== '';
  const blocks = json(params.blocks);
  if (!hasText && (!Array.isArray(blocks) || blocks.length === 0)) return { error: 'no_text' };
  if (params.blocks !== undefined) {
    const refused = blocksRefusal(blockProblems(blocks, 'message'));
    if (refused !== undefined) return refused;
  }
  if (params.channel !== undefined && state.notMemberOf.has(params.channel)) return { error: 'not_in_channel' };
  return undefined;
}

function unfurl(params: Record<string, string>, state: WorkspaceState): Refused | undefined {
  const byMessage = params.channel !== undefined || params.ts !== undefined;
  const byId = params.unfurl_id !== undefined || params.source !== undefined;
  if (byMessage === byId) return { error: 'invalid_arguments' };
  if (byMessage && (params.channel === undefined || params.ts === undefined)) return { error: 'invalid_arguments' };
  if (byId && (params.unfurl_id === undefined || (params.source !== 'composer' && params.source !== 'conversations_history'))) {
    return { error: 'invalid_arguments' };
  }
  const key = byMessage ? `${params.channel ?? ''}:${params.ts ?? ''}` : `unfurl:${params.unfurl_id ?? ''}`;
  const unfurls = json(params.unfurls);
  if (unfurls === null || typeof unfurls !== 'object' || Array.isArray(unfurls)) return { error: 'invalid_arguments' };
  const shared = state.sharedLinks.get(key);
  const problems: BlockProblem[] = [];
  for (const [url, value] of Object.entries(unfurls)) {
    if (shared === undefined || !shared.has(url)) return { error: 'cannot_unfurl_message' };
    problems.push(...blockProblems((value as { blocks?: unknown } | null)?.blocks, 'unfurl', `/unfurls/${url}/blocks`));
  }
  return blocksRefusal(problems);
}

function completeUpload(params: Record<string, string>, state: WorkspaceState): Refused | undefined {
  const files = json(params.files);
  if (!Array.isArray(files) || files.length === 0) return { error: 'invalid_arguments' };
  for (const f of files) {
    const id = (f as { id?: unknown } | null)?.id;
    const upload = typeof id === 'string' ? state.uploads.get(id) : undefined;
    if (upload?.received === undefined) return { error: 'file_not_found' };
  }
  if (params.thread_ts !== undefined && params.channel_id === undefined) return { error: 'invalid_arguments' };
  if (params.channel_id?.startsWith('U') === true) return { error: 'invalid_arguments' };
  if (params.channel_id !== undefined && state.notMemberOf.has(params.channel_id)) return { error: 'not_in_channel' };
  return undefined;
}

/** The refusal Slack would answer `method` with, or undefined when it accepts the call. */
export function refusalFor(method: string, params: Record<string, string>, state: WorkspaceState): Refused | undefined {
  switch (method) {
    case 'chat.postMessage':
    case 'chat.update':
      return postable(params, state);
    case 'chat.postEphemeral':
      return params.user === undefined ? { error: 'invalid_arguments' } : postable(params, state);
    case 'chat.unfurl':
      return unfurl(params, state);
    case 'views.open': {
      if (params.trigger_id === undefined) return { error: 'invalid_arguments' };
      const problems = viewProblems(json(params.view));
      return problems.length === 0 ? undefined : { error: 'invalid_arguments', messages: slackMessages(problems) };
    }
    case 'files.getUploadURLExternal': {
      const length = Number(params.length);
      if ((params.filename ?? '') === '' || !Number.isInteger(length) || length <= 0) return { error: 'missing_argument' };
      return length > state.fileLimit ? { error: 'file_upload_size_restricted' } : undefined;
    }
    case 'files.completeUploadExternal':
      return completeUpload(params, state);
    default:
      return undefined;
  }
}

/** Errors that say the call was malformed (a bug in what we send), as opposed to the workspace refusing it. */
export const RUNTIME_ERRORS: ReadonlySet<string> = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
