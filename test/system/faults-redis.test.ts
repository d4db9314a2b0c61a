import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../helpers/redis.js';

interface Counts {
  answered: number;
  refused: number;
  failed: number;
}

class BotProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;
  stderr = '';
  constructor(redisUrl: string, namespace: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/limited-bot.ts', redisUrl, namespace, '10'], { stdio: 'pipe' });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (this.waiting === undefined) this.lines.push(line);
      else this.waiting(line);
      this.waiting = undefined;
    });
  }
  async go(n: number): Promise<Counts> {
    this.child.stdin.write(`go ${n}\n`);
    const line = this.lines.shift() ?? (await new Promise<string>((resolve) => (this.waiting = resolve)));
    return JSON.parse(line) as Counts;
  }
  async quit(): Promise<number | null> {
    this.child.stdin.end('quit\n');
    return new Promise((resolve) => this.child.once('exit', resolve));
  }
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis({ restartable: true });
});
afterAll(async () => {
  await redis.stop();
});

describe('a per-user limit shared through Redis', () => {
  it('holds across two bot processes', { timeout: 60_000 }, async () => {
    const ns = `t${randomBytes(4).toString('hex')}`;
    const a = new BotProcess(redis.url, ns);
    const b = new BotProcess(redis.url, ns);
    // 10 per minute for one user: 8 + 8 requests across two processes admit exactly 10.
    const [ra, rb] = await Promise.all([a.go(8), b.go(8)]);
    expect(ra.failed + rb.failed).toBe(0);
    expect(ra.answered + rb.answered).toBe(10);
    expect(ra.refused + rb.refused).toBe(6);
    expect(await a.quit()).toBe(0);
    expect(await b.quit()).toBe(0);
  });

  it('reports a Redis outage, keeps answering, and recovers when Redis is back', { timeout: 60_000 }, async () => {
    const ns = `t${randomBytes(4).toString('hex')}`;
    const bot = new BotProcess(redis.url, ns);
    expect((await bot.go(3)).answered).toBe(3);
    await redis.stop();
    const during = await bot.go(2);
    expect(during.answered + during.refused + during.failed).toBe(2); // every request got an answer
    expect(bot.stderr).toMatch(/redis|limiter/i); // the error was reported
    await redis.start();
    // Recovered: a request goes through the shared store again (no new store error), within a bounded wait.
    const storeErrors = () => (bot.stderr.match(/shared store/g) ?? []).length;
    let recovered = false;
    for (let i = 0; i < 60 && !recovered; i++) {
      const before = storeErrors();
      const after = await bot.go(1);
      expect(after.answered).toBe(1); // answered throughout, shared or not
      recovered = storeErrors() === before;
      if (!recovered) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(true);
    const errorsSoFar = storeErrors();
    expect((await bot.go(3)).answered).toBe(3);
    expect(storeErrors()).toBe(errorsSoFar);
    expect(await bot.quit()).toBe(0);
  });
});
