/**
 * The `/trained list` modal: one multi-line input, one song or link per line. Where to post
 * the result travels in `private_metadata`, which Slack hands back on submission.
 */
import type { types } from '@slack/bolt';
import { MAX_PLAIN_TEXT_INPUT, MAX_PRIVATE_METADATA } from './limits.js';

export const LIST_MODAL_ID = 'trained_list';
export const LIST_BLOCK_ID = 'lines';
export const LIST_INPUT_ID = 'lines_input';

export interface ListTarget {
  channelId: string;
  threadTs?: string | undefined;
  workspaceId?: string | undefined;
}

export function listModal(target: ListTarget): types.ModalView {
  const metadata = JSON.stringify({ c: target.channelId, t: target.threadTs, w: target.workspaceId });
  return {
    type: 'modal',
    callback_id: LIST_MODAL_ID,
    private_metadata: metadata.slice(0, MAX_PRIVATE_METADATA),
    title: { type: 'plain_text', text: 'Check a list' },
    submit: { type: 'plain_text', text: 'Check' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: LIST_BLOCK_ID,
        label: { type: 'plain_text', text: 'Songs or links, one per line' },
        hint: { type: 'plain_text', text: 'Title - artist, or a track link. The result is posted here as a summary and a CSV file.' },
        element: {
          type: 'plain_text_input',
          action_id: LIST_INPUT_ID,
          multiline: true,
          max_length: MAX_PLAIN_TEXT_INPUT,
          placeholder: { type: 'plain_text', text: 'Bohemian Rhapsody - Queen\nhttps://open.spotify.com/track/…' },
        },
      },
    ],
  };
}

/** Reads the target back; undefined when the metadata is not ours (never trusted blindly). */
export function parseListTarget(privateMetadata: string): ListTarget | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(privateMetadata);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { c, t, w } = parsed as Record<string, unknown>;
  if (typeof c !== 'string' || !/^[A-Z0-9]{1,40}$/.test(c)) return undefined;
  return {
    channelId: c,
    threadTs: typeof t === 'string' && /^\d+\.\d+$/.test(t) ? t : undefined,
    workspaceId: typeof w === 'string' ? w : undefined,
  };
}

/** The submitted text of the modal's one input. */
export function submittedText(values: Record<string, Record<string, { value?: string | null | undefined }>>): string {
  return values[LIST_BLOCK_ID]?.[LIST_INPUT_ID]?.value ?? '';
}
