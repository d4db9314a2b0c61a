/**
 * Lines cut from a byte stream with Buffer.indexOf (a native scan) and decoded one by one, a
 * chunk's lines at a time: shared by the line-based readers (JSON Lines, TSV).
 */
import type { Readable } from 'node:stream';
import { SourceError } from '../sources.js';

/** A line longer than this is not a row of a dataset (a song with its lyrics is a few KB). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The non-blank lines of a byte stream, a chunk's worth at a time. A file with no line
 * breaks where the format has them (a binary file, one huge JSON document) is stopped before
 * its "first line" fills the memory.
 */
export async function* lineChunks(stream: Readable, name: string, what: string): AsyncGenerator<string[]> {
  let rest: Buffer = Buffer.alloc(0);
  let line = 1;
  const decode = (buf: Buffer, from: number, to: number): string | undefined => {
    const end = to > from && buf[to - 1] === 0x0d ? to - 1 : to;
    if (end <= from) return undefined;
    const text = buf.toString('utf8', from, end);
    return text.trim() === '' ? undefined : text;
  };
  try {
    for await (const chunk of stream) {
      const buf: Buffer = rest.length === 0 ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
      const lines: string[] = [];
      let from = 0;
      for (let at = buf.indexOf(0x0a); at !== -1; at = buf.indexOf(0x0a, from)) {
        const text = decode(buf, from, at);
        if (text !== undefined) lines.push(text);
        line += 1;
        from = at + 1;
      }
      rest = buf.subarray(from);
      if (rest.length > MAX_LINE_BYTES)
        throw new SourceError(`${name}: line ${line} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB: not ${what}`);
      if (lines.length > 0) yield lines;
    }
  } catch (err) {
    throw err instanceof SourceError ? err : new SourceError(`${name}: ${(err as Error).message}`);
  }
  const last = decode(rest, 0, rest.length);
  if (last !== undefined) yield [last];
}
