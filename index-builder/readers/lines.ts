/**
 * Lines cut from a byte stream with Buffer.indexOf (a native scan), a chunk's lines at a time:
 * shared by the line-based readers. The JSON Lines reader takes them as bytes and decodes only
 * the fields it reads; the TSV reader takes them decoded.
 */
import type { Readable } from 'node:stream';
import { SourceError } from '../sources.js';

/** A line longer than this is not a row of a dataset (a song with its lyrics is a few KB). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The non-blank lines of a byte stream as views of its chunks (no copy), without the line
 * break (LF or CRLF), a chunk's worth at a time. A file with no line breaks where the format
 * has them (a binary file, one huge JSON document) is stopped before its "first line" fills
 * the memory.
 */
export async function* byteLineChunks(stream: Readable, name: string, what: string): AsyncGenerator<Buffer[]> {
  // The start of a line that goes on in the next chunk: only it is copied, not the chunks it joins.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  const cut = (buf: Buffer, from: number, to: number): Buffer | undefined => {
    const end = to > from && buf[to - 1] === 0x0d ? to - 1 : to;
    return isBlank(buf, from, end) ? undefined : buf.subarray(from, end);
  };
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      const lines: Buffer[] = [];
      let from = 0;
      let at = buf.indexOf(0x0a);
      if (pendingBytes > 0 && at !== -1) {
        const joined = Buffer.concat([...pending, buf.subarray(0, at)]);
        pending = [];
        pendingBytes = 0;
        const bytes = cut(joined, 0, joined.length);
        if (bytes !== undefined) lines.push(bytes);
        line += 1;
        from = at + 1;
        at = buf.indexOf(0x0a, from);
      }
      for (; at !== -1; at = buf.indexOf(0x0a, from)) {
        const bytes = cut(buf, from, at);
        if (bytes !== undefined) lines.push(bytes);
        line += 1;
        from = at + 1;
      }
      if (from < buf.length) {
        pending.push(buf.subarray(from));
        pendingBytes += buf.length - from;
      }
      if (pendingBytes > MAX_LINE_BYTES)
        throw new SourceError(`${name}: line ${line} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB: not ${what}`);
      if (lines.length > 0) yield lines;
    }
  } catch (err) {
    throw err instanceof SourceError ? err : new SourceError(`${name}: ${(err as Error).message}`);
  }
  const rest = Buffer.concat(pending);
  const last = cut(rest, 0, rest.length);
  if (last !== undefined) yield [last];
}

/** The non-blank lines of a byte stream, decoded as UTF-8, a chunk's worth at a time. */
export async function* lineChunks(stream: Readable, name: string, what: string): AsyncGenerator<string[]> {
  for await (const lines of byteLineChunks(stream, name, what)) yield lines.map((bytes) => bytes.toString('utf8'));
}

/** Blank as String.prototype.trim sees the decoded text: ASCII blanks are settled on the bytes, anything beyond by trim. */
function isBlank(buf: Buffer, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = buf[i] ?? 0;
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    return c >= 0x80 && buf.toString('utf8', i, end).trim() === '';
  }
  return true;
}
