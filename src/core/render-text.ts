/**
 * The plain-text rendering of a Reply: what the console prints and the fallback text
 * every adapter sends. Mention syntax from titles or users is broken up so that even a
 * platform that parses plain text cannot ping anyone with it.
 */
import { BASIS_LABEL, evidenceText, groupTitle } from './wording.js';
import type { Reply } from './types.js';

/** "@everyone", "@here", "<@123>", "<!channel>", "<#1>": a zero-width joiner after the sigil defuses them. */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here|channel)/gi, '@\u200b$1').replace(/<([@!#&])/g, '<\u200b$1');
}

const ACTION_HINT: Record<string, string> = { more: 'more', export: 'export', share: 'share' };

export function renderText(reply: Reply, maxChars = Number.POSITIVE_INFINITY): string {
  const lines: string[] = [reply.headline];
  for (const line of reply.body ?? []) lines.push(line);
  for (const g of reply.groups) {
    lines.push('');
    lines.push(`• ${groupTitle(g)} [${BASIS_LABEL[g.basis]}]`);
    for (const e of g.evidence) {
      const version = e.title !== g.title ? ` "${e.title}"` : '';
      lines.push(`    ${evidenceText(e)}${version}${e.url !== undefined ? ` ${e.url}` : ''}`);
    }
  }
  if (reply.notes.length > 0) lines.push('');
  for (const note of reply.notes) lines.push(note);
  if (reply.attachments !== undefined && reply.attachments.length > 0) {
    lines.push('');
    for (const a of reply.attachments) lines.push(`Attachment: ${a.filename} (${a.content.split('\n').length - 2} rows)`);
  }
  if (reply.actions.length > 0) {
    lines.push('');
    lines.push(`Actions: ${reply.actions.map((a) => `${a.label} [${ACTION_HINT[a.kind] ?? a.kind}]`).join(' · ')}`);
  }
  const text = defuseMentions(lines.join('\n'));
  if (text.length <= maxChars) return text;
  return `${text.slice(0, Math.max(0, maxChars - 2))} …`;
}
