/**
 * What the person waiting for the 338 MB Typesense download sees: bytes and a rate, taken from
 * what has really arrived on disk (pip prints nothing when not on a terminal), on one line
 * redrawn in place on a terminal and as occasional plain lines elsewhere.
 */
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusLine } from '../../src/status-line.js';
import { watchDownload } from '../../src/typesense/binary.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('download progress', () => {
  it('reports the bytes arrived under the download directory, with a rate, until stopped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trained-dl-'));
    try {
      const lines: string[] = [];
      const status = { update: (t: string) => void lines.push(t), done: (t: string) => void lines.push(t) };
      await mkdir(join(dir, 'pip-tmp'), { recursive: true });
      const watch = watchDownload(dir, status, 'Fetching typesense-server', 50);
      for (let i = 0; i < 4; i++) {
        await appendFile(join(dir, 'pip-tmp', 'part'), Buffer.alloc(1024 * 1024));
        await sleep(120);
      }
      expect(await watch.stop()).toBe(4 * 1024 * 1024);
      const last = lines.at(-1) ?? '';
      expect(last).toMatch(/^Fetching typesense-server: 4\.0 MB, \d+\.\d MB\/s$/);
      // It grew as the file did: an earlier line shows less.
      expect(lines.some((l) => /: [123]\.0 MB,/.test(l))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a terminal gets one line redrawn in place; a pipe gets a plain line at most every interval, and the last word always', () => {
    let now = 0;
    let tty = '';
    const onTerminal = statusLine({ isTTY: true, write: (t: string) => (tty += t) }, { now: () => now });
    onTerminal.update('a');
    now += 150;
    onTerminal.update('b');
    onTerminal.done('done');
    expect(tty).toBe('\r\x1b[2Ka\r\x1b[2Kb\r\x1b[2Kdone\n');
    let plain = '';
    const onPipe = statusLine({ write: (t: string) => (plain += t) }, { now: () => now });
    onPipe.update('1 MB');
    now += 1000;
    onPipe.update('2 MB');
    now += 5000;
    onPipe.update('7 MB');
    onPipe.done('done');
    expect(plain).toBe('1 MB\n7 MB\ndone\n');
  });
});
