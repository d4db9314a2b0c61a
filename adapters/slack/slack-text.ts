/**
 * Slack hands us text in its own markup: links as `<https://x|label>` or `<https://x>`,
 * mentions as `<@U1>` / `<!channel>`, and `&`, `<`, `>` as entities. The core wants what
 * the person typed, so these pure functions undo the markup (linear time, no throwing).
 */

const MARKUP = /<([^<>]{1,2000})>/g;

function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * `<https://x|label>` → `https://x`; mentions and special commands are dropped so they
 * cannot reach a query; entities are decoded last so `&lt;` never becomes markup.
 */
export function slackTextToPlain(text: string): string {
  const replaced = text.replace(MARKUP, (_whole, inner: string) => {
    const target = inner.split('|', 1)[0] ?? '';
    if (/^(https?:\/\/|mailto:)/i.test(target)) return target;
    if (/^[@#!]/.test(target)) return ' ';
    return inner;
  });
  return unescapeEntities(replaced).replace(/[ \t]{2,}/g, ' ');
}

/** The text of an app mention without the leading `<@BOT>` that addressed us. */
export function stripLeadingMention(text: string): string {
  return text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*/i, '');
}
