import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

const PLATFORM = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]/;

describe('architecture', () => {
  it('keeps the core platform-free: nothing under src/ or commands/ imports discord.js or Slack SDKs', async () => {
    const files = [...(await sources('src')), ...(await sources('commands'))];
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) if (PLATFORM.test(await readFile(file, 'utf8'))) offenders.push(file);
    expect(offenders).toEqual([]);
  });
  it('reads process.env only in configuration and entry points', async () => {
    const files = [
      ...(await sources('src')),
      ...(await sources('commands')),
      ...(await sources('adapters')),
      ...(await sources('index-builder')),
    ];
    const allowed = /(^|\/)(config\.ts|main\.ts|cli\.ts)$|src\/cli\//;
    const offenders: string[] = [];
    for (const file of files) if (!allowed.test(file) && /process\.env/.test(await readFile(file, 'utf8'))) offenders.push(file);
    expect(offenders).toEqual([]);
  });
  it('detects a platform import (the check itself can fail)', () => {
    expect(PLATFORM.test("import { Client } from 'discord.js';")).toBe(true);
    expect(PLATFORM.test("const { App } = require('@slack/bolt')")).toBe(true);
    expect(PLATFORM.test("import x from './discord.js-like';")).toBe(false);
  });
});
