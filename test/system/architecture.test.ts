import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** Files under adapters/ (and their test-visible text) that break a rule, by rule. */
async function offending(dir: string, rule: RegExp): Promise<string[]> {
  const out: string[] = [];
  for (const file of await sources(dir)) if (rule.test(await readFile(file, 'utf8'))) out.push(file);
  return out;
}

const names = COMMANDS.map((c) => c.name).join('|');
/** The adapter rules of issue 14: each names what would make an adapter a second bot. */
const ADAPTER_RULES: Record<string, RegExp> = {
  // The place's settings decide delivery; only the core reads them.
  'imports the settings store': /from\s+['"][^'"]*src\/settings\//,
  // Action ids are the commands' continuations; only the core's registry reads them.
  'decodes action ids': /\bdecodeAction\b|from\s+['"][^'"]*src\/core\/actions\.js['"]/,
  // Per-command rules live in the declarations: `command === 'list'`, `case 'settings':`, `'song' !== x`.
  'branches on a command name': new RegExp(`(?:[!=]==|\\bcase)\\s*['"](?:${names})['"]|['"](?:${names})['"]\\s*[!=]==`),
  // Who sees an answer and how it is delivered: the core's Delivery, never an adapter's literal.
  'decides visibility or mode': /\b(?:visibility|mode)\s*:\s*['"](?:public|ephemeral|reply|thread|reaction|unfurl|form|silent)['"]/,
};

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
  it('keeps src/ and commands/ free of adapters (only the entry point, src/main.ts, starts them)', async () => {
    const files = [...(await sources('src')), ...(await sources('commands'))].filter((f) => !f.endsWith('src/main.ts'));
    const offenders: string[] = [];
    for (const file of files) if (/from\s+['"][^'"]*\/adapters\//.test(await readFile(file, 'utf8'))) offenders.push(file);
    expect(offenders).toEqual([]);
  });

  it('keeps the core free of the command files: createBot is given the registry', async () => {
    expect(await offending('src/core', /from\s+['"][^'"]*\/commands\//)).toEqual([]);
  });

  it.each(Object.entries(ADAPTER_RULES))('no adapter %s', async (_rule, pattern) => {
    expect(await offending('adapters', pattern)).toEqual([]);
  });

  it('detects each adapter rule (the checks themselves can fail)', () => {
    const broken: Record<string, string> = {
      'imports the settings store': "import type { PlaceSettingsStore } from '../../src/settings/store.js';",
      'decodes action ids': 'const kind = decodeAction(i.customId)?.kind;',
      'branches on a command name': "const settingsChange = command === 'settings' && Object.keys(options).length > 0;",
      'decides visibility or mode': "postReply(client, target, { ...reply, visibility: 'public' });",
    };
    for (const [rule, pattern] of Object.entries(ADAPTER_RULES)) expect(pattern.test(broken[rule] ?? '')).toBe(true);
    expect(ADAPTER_RULES['branches on a command name']?.test("case 'list':")).toBe(true);
    expect(ADAPTER_RULES['branches on a command name']?.test("const word = 'listing';")).toBe(false);
    expect(ADAPTER_RULES['decides visibility or mode']?.test("flags: delivery.visibility === 'ephemeral' ? 64 : 0")).toBe(false);
  });

  it('detects a platform import (the check itself can fail)', () => {
    expect(PLATFORM.test("import { Client } from 'discord.js';")).toBe(true);
    expect(PLATFORM.test("const { App } = require('@slack/bolt')")).toBe(true);
    expect(PLATFORM.test("import x from './discord.js-like';")).toBe(false);
  });
});
