/**
 * The one-line text form of a command, used by the console and Slack's `/trained <text>`:
 *   song:<title> artist:<name> dataset:<id>   |  <title> - <artist> (or <artist> - <title>)   |  a bare link
 *   album:<title> artist:<name>  |  album <title>
 *   artist <name> / artist:<name>   |  link:<url>   |  about | help | list <lines> | settings auto_reply:on
 * Parsing returns a value; nothing here throws.
 */
import { extractLinks } from '../links/extract.js';
import type { OptionValue } from './types.js';

export type TextInvocation = { ok: true; command: string; options: Record<string, OptionValue> } | { ok: false; error: string };

export const USAGE =
  'Try: song:<title> artist:<name> · <title> - <artist> · a link · album:<title> · artist:<name> · about · help · list (one "title - artist" or link per line)';

/** Option keys recognised in `key:value` form, and the option each one sets. */
const KEYS: Record<string, string> = {
  song: 'title',
  title: 'title',
  album: 'album',
  artist: 'artist',
  dataset: 'dataset',
  link: 'url',
  url: 'url',
  name: 'name',
  auto_reply: 'auto_reply',
  mode: 'mode',
  previews: 'previews',
};
const BOOLEAN_OPTIONS = new Set(['auto_reply', 'previews']);
const WORD_COMMANDS = new Set(['about', 'help', 'list', 'settings', 'song', 'artist', 'link', 'album']);

/** Control characters (except newlines, which separate list lines) become spaces. */
export function stripControl(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += (c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? ' ' : ch;
  }
  return out;
}

/** `key:value` pairs, found in one scan: a key counts at the start or after whitespace. */
function keyValues(text: string): { pairs: [string, string][]; lead: string } {
  const marks: { key: string; start: number; valueStart: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && !/\s/.test(text[i - 1] ?? '')) continue;
    const near = text.slice(i, i + 11).indexOf(':');
    if (near < 0) continue;
    const colon = i + near;
    const key = text.slice(i, colon).toLowerCase();
    if (KEYS[key] !== undefined) marks.push({ key, start: i, valueStart: colon + 1 });
  }
  // "link:https://…" — a URL's own "https:" must not start a new key: only listed keys count, and "https" is not one.
  const pairs: [string, string][] = marks.map((m, idx) => [m.key, text.slice(m.valueStart, marks[idx + 1]?.start ?? text.length).trim()]);
  return { pairs, lead: marks.length > 0 ? text.slice(0, marks[0]?.start).trim() : text.trim() };
}

function parseBoolean(raw: string): boolean | undefined {
  const v = raw.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(v)) return true;
  if (['off', 'false', 'no', '0'].includes(v)) return false;
  return undefined;
}

function fromPairs(pairs: [string, string][], rawLead: string): TextInvocation {
  const lead = rawLead.toLowerCase();
  const options: Record<string, OptionValue> = {};
  for (const [key, value] of pairs) {
    const option = KEYS[key] ?? key;
    if (value === '') return { ok: false, error: `${key}: needs a value. ${USAGE}` };
    if (BOOLEAN_OPTIONS.has(option)) {
      const b = parseBoolean(value);
      if (b === undefined) return { ok: false, error: `${key}: must be on or off.` };
      options[option] = b;
    } else options[option] = value;
  }
  const keys = new Set(pairs.map(([k]) => KEYS[k]));
  if (lead === 'settings' || keys.has('auto_reply') || keys.has('mode') || keys.has('previews'))
    return { ok: true, command: 'settings', options };
  if (keys.has('url')) return { ok: true, command: 'link', options: { url: String(options.url) } };
  if (keys.has('album')) {
    const { album, artist } = options;
    return { ok: true, command: 'album', options: { album: String(album), ...(artist !== undefined ? { artist } : {}) } };
  }
  if (keys.has('title')) return { ok: true, command: 'song', options };
  if (lead === 'song' && keys.has('artist')) return { ok: false, error: `song needs a title. ${USAGE}` };
  if (keys.has('name') || keys.has('artist')) {
    const name = options.name ?? options.artist;
    if (lead !== '' && lead !== 'artist') return { ok: true, command: 'song', options: { ...options, title: rawLead } };
    return { ok: true, command: 'artist', options: { name: String(name) } };
  }
  return { ok: false, error: USAGE };
}

export function parseTextInvocation(input: string): TextInvocation {
  let text = stripControl(input).trim();
  if (text.toLowerCase().startsWith('/trained')) text = text.slice('/trained'.length).trim();
  if (text === '') return { ok: true, command: 'help', options: {} };
  const firstLineEnd = text.indexOf('\n');
  const firstLine = (firstLineEnd < 0 ? text : text.slice(0, firstLineEnd)).trim();
  const space = firstLine.search(/\s/);
  const word = (space < 0 ? firstLine : firstLine.slice(0, space)).toLowerCase();
  const rest = (space < 0 ? '' : text.slice(space)).trim();

  if (word === 'list') {
    return rest === ''
      ? { ok: false, error: 'list needs lines: one "title - artist" or link per line.' }
      : { ok: true, command: 'list', options: { lines: rest } };
  }
  const oneLine = firstLine;
  if (word === 'about' || word === 'help') return rest === '' ? { ok: true, command: word, options: {} } : { ok: false, error: USAGE };
  if (firstLineEnd >= 0) return { ok: true, command: 'list', options: { lines: text } };

  const { pairs, lead } = keyValues(oneLine);
  if (pairs.length > 0) return fromPairs(pairs, lead);
  if (word === 'settings')
    return rest === ''
      ? { ok: true, command: 'settings', options: {} }
      : { ok: false, error: 'settings takes auto_reply:on|off mode:reply|thread|reaction previews:on|off' };
  if (WORD_COMMANDS.has(word) && rest !== '') {
    if (word === 'artist') return { ok: true, command: 'artist', options: { name: rest } };
    if (word === 'link') return { ok: true, command: 'link', options: { url: rest } };
    if (word === 'album') return { ok: true, command: 'album', options: { album: rest } };
    // "title - artist" or "artist - title": the core tries both readings (readings.ts).
    if (word === 'song') return { ok: true, command: 'song', options: { title: rest } };
  }
  const links = extractLinks(oneLine, 1);
  if (links[0] !== undefined && links[0].url.length >= oneLine.length - 2)
    return { ok: true, command: 'link', options: { url: links[0].url } };
  if (/^https?:\/\//i.test(oneLine)) return { ok: true, command: 'link', options: { url: oneLine } };
  return { ok: true, command: 'song', options: { title: oneLine } };
}
