/**
 * A form the core asks for (`/trained list`: the lines to check) as a Slack modal: one
 * multi-line input for the command's option. Where to post the result, the option and the
 * empty-form message travel in `private_metadata`, which Slack hands back on submission; the
 * command is in the callback id. Nothing here knows which command it is.
 */
import type { types } from '@slack/bolt';
import type { FormRequest } from '../../src/core/types.js';
import { MAX_PLAIN_TEXT_INPUT, MAX_PRIVATE_METADATA } from './limits.js';

/** Modal callback ids: this prefix and the command's name (`trained_list`). */
export const FORM_CALLBACK_PREFIX = 'trained_';
export const FORM_CALLBACK = /^trained_[a-z][a-z0-9-]{0,31}$/;
const inputId = (option: string): string => `${option}_input`;

export interface FormTarget {
  channelId: string;
  threadTs?: string | undefined;
  workspaceId?: string | undefined;
}

export interface SubmittedForm extends FormTarget {
  command: string;
  option: string;
  empty: string;
}

export function formModal(form: FormRequest, target: FormTarget): types.ModalView {
  const metadata = JSON.stringify({ c: target.channelId, t: target.threadTs, w: target.workspaceId, o: form.option, e: form.empty });
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${form.command}`,
    private_metadata: metadata.slice(0, MAX_PRIVATE_METADATA),
    title: { type: 'plain_text', text: form.title },
    submit: { type: 'plain_text', text: form.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: form.option,
        label: { type: 'plain_text', text: form.label },
        hint: { type: 'plain_text', text: form.hint },
        element: {
          type: 'plain_text_input',
          action_id: inputId(form.option),
          multiline: true,
          max_length: MAX_PLAIN_TEXT_INPUT,
          placeholder: { type: 'plain_text', text: form.placeholder },
        },
      },
    ],
  };
}

/** Reads a submission back; undefined when the metadata is not ours (never trusted blindly). */
export function parseSubmission(callbackId: string, privateMetadata: string): SubmittedForm | undefined {
  if (!FORM_CALLBACK.test(callbackId)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(privateMetadata);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { c, t, w, o, e } = parsed as Record<string, unknown>;
  if (typeof c !== 'string' || !/^[A-Z0-9]{1,40}$/.test(c)) return undefined;
  if (typeof o !== 'string' || !/^[a-z_]{1,32}$/.test(o)) return undefined;
  return {
    command: callbackId.slice(FORM_CALLBACK_PREFIX.length),
    option: o,
    empty: typeof e === 'string' ? e.slice(0, 150) : 'This form needs an answer.',
    channelId: c,
    threadTs: typeof t === 'string' && /^\d+\.\d+$/.test(t) ? t : undefined,
    workspaceId: typeof w === 'string' ? w : undefined,
  };
}

/** The submitted text of the form's one input. */
export function submittedText(
  form: Pick<SubmittedForm, 'option'>,
  values: Record<string, Record<string, { value?: string | null | undefined }>>,
): string {
  return values[form.option]?.[inputId(form.option)]?.value ?? '';
}
