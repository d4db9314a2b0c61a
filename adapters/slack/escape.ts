/**
 * Slack mrkdwn treats `<…>` as links and mentions (`<!channel>`, `<@U1>`, `<https://x|label>`)
 * and `&` as the start of an entity. Every piece of dataset or user text goes through
 * `escapeMrkdwn` before it reaches a text object, so nothing can ping or masquerade as a link.
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ELLIPSIS = '…';

/**
 * Cuts already-escaped text to `max` characters without splitting an entity (`&amp;`) or a
 * surrogate pair, marking the cut with an ellipsis.
 */
export function clampEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - ELLIPSIS.length));
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

export function escapeAndClamp(text: string, max: number): string {
  return clampEscaped(escapeMrkdwn(text), max);
}

/** Plain-text objects are not parsed by Slack, but they still have length limits. */
export function clampPlain(text: string, max: number): string {
  return text.length <= max ? text : clampEscaped(text, max);
}

const SAFE_URL = /^https?:\/\/[^\s<>|"'`]+$/;

/**
 * A dataset's row link, only when it is a plain http(s) URL: a `|` or `>` inside would
 * let the dataset choose the label Slack shows (`<https://evil|Spotify>`).
 */
export function mrkdwnLink(url: string | undefined, label: string): string | undefined {
  if (url === undefined || url.length > 500 || !SAFE_URL.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  } catch {
    return undefined;
  }
  return `<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(label)}>`;
}
