/** bench/pin.ts: the server's threads on the first core this process may use, this process on the rest, and back. */
import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { pinApart, pinnedApart } from '../../bench/pin.js';

/** A process's affinity as taskset prints it (hex mask). */
const mask = (pid: number): string =>
  /affinity mask: ([0-9a-f]+)/.exec(execFileSync('taskset', ['-p', String(pid)], { encoding: 'utf8' }))?.[1] ?? '?';

describe('pinApart', () => {
  it('parts the server from this process on two or more cores, and undoes it', async () => {
    const server = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = server.pid ?? NaN;
      const before = { server: mask(pid), own: mask(process.pid) };
      const allowed = BigInt(`0x${before.own}`);
      const first = allowed & -allowed;
      const cores = availableParallelism();
      const pinned = pinApart(pid);
      if (cores < 2) {
        expect(pinned).toBeUndefined();
        return;
      }
      expect(pinnedApart()).toBe(true);
      expect(mask(pid)).toBe(first.toString(16));
      expect(mask(process.pid)).toBe((allowed & ~first).toString(16));
      expect(pinned?.line).toMatch(/^pinned \(taskset\): Typesense on core \d+, this process and its children on cores [\d,]+$/);
      pinned?.undo();
      expect(pinnedApart()).toBe(false);
      expect({ server: mask(pid), own: mask(process.pid) }).toEqual(before);
    } finally {
      server.kill();
    }
  });
});
