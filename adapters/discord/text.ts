/**
 * Text helpers for untrusted strings (dataset titles, user input) going into Discord
 * markdown. Pure; no discord.js.
 */

/**
 * Every punctuation mark Discord's markdown or autolinking reacts to. Discord's parser
 * treats a backslash before any non-alphanumeric character as an escape, so escaping
 * more than strictly needed is harmless. `[`, `]`, `(`, `)` stop masked links; `<`, `@`
 * stop mention syntax from rendering; `:` stops autolinks and custom emoji.
 */
const MARKDOWN_SPECIAL = /[\\*_~`|>#\-[\]()<@:!.+=]/g;
/** Control characters, line/paragraph separators and bidi overrides: one line, shown as written. */
const UNSAFE_LAYOUT = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

export function oneLine(text: string): string {
  return text.replace(UNSAFE_LAYOUT, ' ');
}

/**
 * Cuts `text` to at most `max` UTF-16 code units, at a code point boundary, ending with
 * an ellipsis when cut, and never leaving a dangling escape backslash.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const cp of text) {
    if (out.length + cp.length > max - 1) break;
    out += cp;
  }
  const trailing = /\\+$/.exec(out)?.[0].length ?? 0;
  if (trailing % 2 === 1) out = out.slice(0, -1);
  return `${out}…`;
}
