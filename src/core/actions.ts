/**
 * Button continuations. An action id carries everything needed to answer the press (no
 * server-side session), so it works after a restart and on any replica, and it must fit
 * Discord's 100-character custom_id. Fields are `|`-separated with `\` escapes.
 */
import type { ActionKind } from './types.js';

export const MAX_ACTION_ID = 100;
const PREFIX = 't1';
const KIND_CODE: Record<ActionKind, string> = { more: 'm', export: 'x', share: 'h' };
const CODE_KIND: Record<string, ActionKind> = { m: 'more', x: 'export', h: 'share' };

export type ActionTarget =
  | { command: 'song'; title: string; artist?: string | undefined; dataset?: string | undefined; page: number }
  | { command: 'artist'; name: string }
  | { command: 'link'; url: string };

export interface DecodedAction {
  kind: ActionKind;
  target: ActionTarget;
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
export function encodeAction(kind: ActionKind, target: ActionTarget): string | undefined {
  let fields: string[];
  if (target.command === 'song') fields = ['s', String(target.page), target.dataset ?? '', target.title, target.artist ?? ''];
  else if (target.command === 'artist') fields = ['a', target.name];
  else fields = ['l', target.url];
  const id = [PREFIX, KIND_CODE[kind], ...fields.map(escape)].join('|');
  return id.length <= MAX_ACTION_ID ? id : undefined;
}

export function decodeAction(id: string): DecodedAction | undefined {
  if (id.length > MAX_ACTION_ID) return undefined;
  const [prefix, code, command, ...rest] = split(id);
  const kind = CODE_KIND[code ?? ''];
  if (prefix !== PREFIX || kind === undefined) return undefined;
  if (command === 's' && rest.length === 4) {
    const [page, dataset, title, artist] = rest as [string, string, string, string];
    const n = Number(page);
    if (!Number.isInteger(n) || n < 1 || n > 1000 || title === '') return undefined;
    return {
      kind,
      target: { command: 'song', page: n, title, ...(artist === '' ? {} : { artist }), ...(dataset === '' ? {} : { dataset }) },
    };
  }
  if (command === 'a' && rest.length === 1 && rest[0] !== '') return { kind, target: { command: 'artist', name: rest[0] ?? '' } };
  if (command === 'l' && rest.length === 1 && rest[0] !== '') return { kind, target: { command: 'link', url: rest[0] ?? '' } };
  return undefined;
}
