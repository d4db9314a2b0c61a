/**
 * Chat platforms refuse a file over their per-file limit (Discord: the interaction's
 * `attachment_size_limit`, 10 MiB without boosts; Slack: 1 GB). An adapter passes its limit and
 * gets the reply back with each CSV cut at a row boundary to fit, and a line in the answer saying
 * how many rows the file holds and why, so nothing is dropped silently.
 */
import type { Reply, ReplyAttachment } from './types.js';

const encoder = new TextEncoder();

/** String offsets just after each CRLF that ends a CSV record (quoted cells may hold line breaks: RFC 4180). */
function recordEnds(csv: string): number[] {
  const ends: number[] = [];
  let inQuotes = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv.charCodeAt(i);
    if (c === 0x22) inQuotes = !inQuotes;
    else if (c === 0x0a && !inQuotes && i > 0 && csv.charCodeAt(i - 1) === 0x0d) ends.push(i + 1);
  }
  // A file without a final CRLF still ends its last record.
  if (csv.length > 0 && ends[ends.length - 1] !== csv.length) ends.push(csv.length);
  return ends;
}

export interface FittedCsv {
  content: string;
  /** Data rows (after the header) in the original and in the fitted file. */
  rows: number;
  keptRows: number;
}

/** The header and as many whole rows as fit in `maxBytes` (UTF-8). */
export function fitCsv(csv: string, maxBytes: number): FittedCsv {
  const ends = recordEnds(csv);
  const rows = Math.max(0, ends.length - 1);
  if (encoder.encode(csv).length <= maxBytes) return { content: csv, rows, keptRows: rows };
  // Binary search on the number of records whose UTF-8 size fits.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (encoder.encode(csv.slice(0, ends[mid - 1])).length <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  const content = lo === 0 ? '' : csv.slice(0, ends[lo - 1]);
  return { content, rows, keptRows: Math.max(0, lo - 1) };
}

/** 10485760 → "10 MiB", 4096 → "4 KiB", 1000000000 → "1 GB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9 && bytes % 1e9 === 0) return `${bytes / 1e9} GB`;
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * `reply` with every CSV attachment within `maxBytes`; when one is cut, the answer gains a line
 * such as "The CSV holds the first 812 of 1000 rows: Discord takes files up to 10 MiB here."
 */
export function fitAttachments(reply: Reply, maxBytes: number, platform: string): Reply {
  if (reply.attachments === undefined || reply.attachments.length === 0) return reply;
  const lines: string[] = [];
  const attachments: ReplyAttachment[] = reply.attachments.map((a) => {
    if (a.contentType !== 'text/csv') return a;
    const fitted = fitCsv(a.content, maxBytes);
    if (fitted.keptRows === fitted.rows) return a;
    lines.push(
      `The CSV holds the first ${fitted.keptRows} of ${fitted.rows} rows: ${platform} takes files up to ${formatBytes(maxBytes)} here.`,
    );
    return { ...a, content: fitted.content };
  });
  if (lines.length === 0) return reply;
  return { ...reply, body: [...(reply.body ?? []), ...lines], attachments };
}
