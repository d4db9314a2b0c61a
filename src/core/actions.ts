/**
 * Button continuations. An action id carries everything needed to answer the press (no
 * server-side session), so it works after a restart and on any replica, and it must fit
 * Discord's 100-character custom_id. Fields are `|`-separated with `\` escapes: the version,
 * the kind, the command's action code, then the command's own fields, which only that
 * command reads (its `onAction`). Adapters pass ids through unread.
 */
import type { ActionKind } from './types.js';

export const MAX_ACTION_ID = 100;
const PREFIX = 't1';
const KIND_CODE: Record<ActionKind, string> = { more: 'm', export: 'x', share: 'h' };
const CODE_KIND: Record<string, ActionKind> = { m: 'more', x: 'export', h: 'share' };

export interface DecodedAction {
  kind: ActionKind;
  /** The action code of the command that made the button. */
  code: string;
  fields: string[];
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** Splits on unescaped `|`, one pass. */
function split(id: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < id.length; i++) {
    const ch = id[i];
    if (ch === '\\' && i + 1 < id.length) {
      current += id[i + 1];
      i++;
    } else if (ch === '|') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** undefined when the continuation does not fit in an action id (the button is then not offered). */
export function encodeAction(kind: ActionKind, code: string, fields: readonly string[]): string | undefined {
  const id = [PREFIX, KIND_CODE[kind], code, ...fields].map(escape).join('|');
  return id.length <= MAX_ACTION_ID ? id : undefined;
}

export function decodeAction(id: string): DecodedAction | undefined {
  if (id.length > MAX_ACTION_ID) return undefined;
  const [prefix, kindCode, code, ...fields] = split(id);
  const kind = CODE_KIND[kindCode ?? ''];
  if (prefix !== PREFIX || kind === undefined || code === undefined || code === '') return undefined;
  return { kind, code, fields };
}
