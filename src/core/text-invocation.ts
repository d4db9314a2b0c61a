/**
 * The one-line text form of the commands, used by Slack's `/trained <text>`, mentions and
 * the console, generated from the command declarations (each declares its `text` syntax):
 *   song:<title> artist:<name> dataset:<id>   |  <title> - <artist> (or <artist> - <title>)   |  a bare link
 *   album:<title> artist:<name>  |  album <title>
 *   artist <name> / artist:<name>   |  link:<url>   |  about | help | list <lines> | settings auto_reply:on
 * Option names and their aliases are the `key:` keys; parsing returns a value and never throws.
 */
import { extractLinks } from '../links/extract.js';
import type { CommandDeclaration, OptionDeclaration } from './commands.js';
import type { OptionValue } from './types.js';

export type TextInvocation = { ok: true; command: string; options: Record<string, OptionValue> } | { ok: false; error: string };

/** Just what the parser reads of a declaration. */
export type TextDeclaration = Pick<CommandDeclaration<unknown>, 'name' | 'options' | 'text'>;

/** Control characters (except newlines, which separate list lines) become spaces. */
export function stripControl(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += (c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? ' ' : ch;
  }
  return out;
}

function optionForm(o: OptionDeclaration): string {
  if (o.type === 'boolean') return `${o.name}:on|off`;
  if (o.choices !== undefined) return `${o.name}:${o.choices.map((c) => c.value).join('|')}`;
  return `${o.name}:<${o.name}>`;
}

/** The short typed form of a command: its declared hint, else its name and its options' `key:value` forms. */
export function textHint(d: TextDeclaration): string {
  return d.text?.hint ?? [d.name, ...d.options.map(optionForm)].join(' ');
}

/** The option a `key:` sets in a command, if that command knows the key. */
function optionOf(d: TextDeclaration, key: string): OptionDeclaration | undefined {
  const name = d.text?.aliases?.[key] ?? key;
  return d.options.find((o) => o.name === name);
}

function parseBoolean(raw: string): boolean | undefined {
  const v = raw.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(v)) return true;
  if (['off', 'false', 'no', '0'].includes(v)) return false;
  return undefined;
}

export function createTextParser(declarations: readonly TextDeclaration[]): (input: string) => TextInvocation {
  const keys = new Set(declarations.flatMap((d) => [...d.options.map((o) => o.name), ...Object.keys(d.text?.aliases ?? {})]));
  const longestKey = Math.max(0, ...[...keys].map((k) => k.length));
  const byName = new Map(declarations.map((d) => [d.name, d]));
  const usage = `Try: ${declarations.map(textHint).join(' · ')}`;
  const multiline = declarations.find((d) => d.text?.multiline === true && d.text.rest !== undefined);
  const bare = (kind: 'link' | 'text'): TextDeclaration | undefined => declarations.find((d) => d.text?.bare === kind);

  /** `key:value` pairs, found in one scan: a key counts at the start or after whitespace. */
  const keyValues = (text: string): { pairs: [string, string][]; lead: string } => {
    const marks: { key: string; start: number; valueStart: number }[] = [];
    for (let i = 0; i < text.length; i++) {
      if (i > 0 && !/\s/.test(text[i - 1] ?? '')) continue;
      const near = text.slice(i, i + longestKey + 1).indexOf(':');
      if (near < 0) continue;
      const key = text.slice(i, i + near).toLowerCase();
      if (keys.has(key)) marks.push({ key, start: i, valueStart: i + near + 1 });
    }
    // "link:https://…" — a URL's own "https:" must not start a new key: only declared keys count, and "https" is not one.
    const pairs: [string, string][] = marks.map((m, idx) => [m.key, text.slice(m.valueStart, marks[idx + 1]?.start ?? text.length).trim()]);
    return { pairs, lead: marks.length > 0 ? text.slice(0, marks[0]?.start).trim() : text.trim() };
  };

  /** The command the keys choose: named by the lead word, else the one that knows every key and can take what was given. */
  const choose = (pairs: readonly [string, string][], lead: string): TextDeclaration | undefined => {
    const named = byName.get(lead.toLowerCase());
    if (named !== undefined) return named;
    const fits = declarations.filter((d) => pairs.every(([k]) => optionOf(d, k) !== undefined));
    // A lead that is not a command word is the value of the command's `rest` option (`Bohemian Rhapsody artist:Queen`).
    if (lead !== '') return fits.find((d) => d.text?.rest !== undefined && pairs.every(([k]) => optionOf(d, k)?.name !== d.text?.rest));
    // Otherwise the command whose required options the keys all give (`artist:Kurt Vile` is the artist command).
    const given = (d: TextDeclaration): boolean =>
      d.options.filter((o) => o.required === true).every((o) => pairs.some(([k]) => optionOf(d, k)?.name === o.name));
    return fits.find(given) ?? fits[0];
  };

  /**
   * A lead that starts with a command word names that command, and the rest of the lead fills its
   * `rest` option (`album Nevermind artist:Nirvana`, as `song Food - AWOL` does without keys),
   * when that command knows every key given.
   */
  const namedByLead = (pairs: readonly [string, string][], rawLead: string): { d: TextDeclaration; rest: string } | undefined => {
    const space = rawLead.search(/\s/);
    if (space < 0) return undefined;
    const d = byName.get(rawLead.slice(0, space).toLowerCase());
    if (d?.text?.rest === undefined || !pairs.every(([k]) => optionOf(d, k) !== undefined)) return undefined;
    return { d, rest: rawLead.slice(space).trim() };
  };

  const fromPairs = (pairs: readonly [string, string][], rawLead: string): TextInvocation => {
    const byLead = namedByLead(pairs, rawLead);
    const d = byLead?.d ?? choose(pairs, rawLead);
    if (d === undefined) return { ok: false, error: usage };
    const options: Record<string, OptionValue> = {};
    for (const [key, value] of pairs) {
      const option = optionOf(d, key);
      if (option === undefined) return { ok: false, error: `Try ${textHint(d)}.` };
      // The command's own form, not the whole usage: the answer stays short.
      if (value === '') return { ok: false, error: `${key}: needs a value. Try ${textHint(d)}.` };
      if (option.type === 'boolean') {
        const b = parseBoolean(value);
        if (b === undefined) return { ok: false, error: `${key}: must be on or off.` };
        options[option.name] = b;
      } else options[option.name] = value;
    }
    const rest = d.text?.rest;
    if (rest !== undefined && rawLead !== '' && !byName.has(rawLead.toLowerCase())) options[rest] = byLead?.rest ?? rawLead;
    const missing = d.options.find((o) => o.required === true && options[o.name] === undefined);
    if (missing !== undefined)
      return { ok: false, error: `${d.name} needs ${missing.name === 'title' ? 'a title' : missing.name}. Try ${textHint(d)}.` };
    return { ok: true, command: d.name, options };
  };

  return (input) => {
    let text = stripControl(input).trim();
    if (text.toLowerCase().startsWith('/trained')) text = text.slice('/trained'.length).trim();
    if (text === '') return { ok: true, command: 'help', options: {} };
    const firstLineEnd = text.indexOf('\n');
    const firstLine = (firstLineEnd < 0 ? text : text.slice(0, firstLineEnd)).trim();
    const space = firstLine.search(/\s/);
    const word = (space < 0 ? firstLine : firstLine.slice(0, space)).toLowerCase();
    const rest = (space < 0 ? '' : text.slice(space)).trim();
    const named = byName.get(word);

    if (named !== undefined && named === multiline && named.text?.rest !== undefined) {
      const option = named.options.find((o) => o.name === named.text?.rest);
      return rest === ''
        ? { ok: false, error: `${named.name} needs ${option?.name ?? 'lines'}: ${option?.description ?? ''}.` }
        : { ok: true, command: named.name, options: { [named.text.rest]: rest } };
    }
    // A command without options takes no words after it.
    if (named !== undefined && named.options.length === 0)
      return rest === '' ? { ok: true, command: named.name, options: {} } : { ok: false, error: usage };
    if (firstLineEnd >= 0 && multiline?.text?.rest !== undefined)
      return { ok: true, command: multiline.name, options: { [multiline.text.rest]: text } };

    const { pairs, lead } = keyValues(firstLine);
    if (pairs.length > 0) return fromPairs(pairs, lead);
    if (named !== undefined && named.text?.rest === undefined)
      return rest === '' ? { ok: true, command: named.name, options: {} } : { ok: false, error: `Try ${textHint(named)}.` };
    if (named?.text?.rest !== undefined && rest !== '') return { ok: true, command: named.name, options: { [named.text.rest]: rest } };
    const link = bare('link');
    const links = extractLinks(firstLine, 1);
    if (link?.text?.rest !== undefined) {
      if (links[0] !== undefined && links[0].url.length >= firstLine.length - 2)
        return { ok: true, command: link.name, options: { [link.text.rest]: links[0].url } };
      if (/^https?:\/\//i.test(firstLine)) return { ok: true, command: link.name, options: { [link.text.rest]: firstLine } };
    }
    const other = bare('text');
    return other?.text?.rest !== undefined
      ? { ok: true, command: other.name, options: { [other.text.rest]: firstLine } }
      : { ok: false, error: usage };
  };
}
