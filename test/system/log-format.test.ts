/**
 * Logs a person reads on a terminal are pino-pretty lines; logs that go to a pipe or a file
 * (compose, systemd, a log shipper) stay one JSON object a line. The terminal is a real
 * pseudo-terminal (util-linux `script`), so the choice is made as in a real run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SECRET = 'xoxb-terminal-secret-0123456789';
const program = `
import { createLogger } from './src/log.ts';
const log = createLogger({ level: 'info', secrets: ['${SECRET}'] });
log.info({ guilds: 3 }, 'Discord adapter ready');
log.warn('token ${SECRET} in free text');
`;
const node = ['--import', 'tsx', '--input-type=module', '-e', program];

describe('log format', () => {
  it('on a terminal: human-readable lines (level name, message, fields), secrets still blanked', () => {
    const quoted = ['node', ...node].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const out = execFileSync('script', ['-qec', `${quoted} 2>&1`, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    // eslint-disable-next-line no-control-regex
    const text = out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Discord adapter ready\n\s+guilds: 3$/m);
    expect(text).toMatch(/WARN: token \[Redacted\] in free text/);
    expect(text).not.toContain('{"level"');
    expect(text).not.toContain(SECRET);
  });

  it('to a pipe: one JSON object a line', () => {
    const run = spawnSync('node', node, { encoding: 'utf8' });
    const lines = run.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [30, 'Discord adapter ready'],
      [40, 'token [Redacted] in free text'],
    ]);
    expect(lines[0]?.['guilds']).toBe(3);
  });
});
