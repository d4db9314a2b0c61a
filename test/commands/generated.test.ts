/**
 * Drift: help, the Slack usage hint and the text parser's keys are generated from the command
 * declarations (commands/*.ts) and the platform list (src/links/platform-names.ts). Before issue 14
 * they were written by hand in three places and had drifted (help named 9 platforms, 14 are
 * recognised). These tests fail when a declaration or a platform is not reflected everywhere.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS, parseTextInvocation } from '../../commands/index.js';
import type { RunningBot } from '../../src/core/bot.js';
import type { OptionDeclaration } from '../../src/core/commands.js';
import { renderText } from '../../src/core/render-text.js';
import { textHint } from '../../src/core/text-invocation.js';
import { PLATFORM_NAMES } from '../../src/links/platform-names.js';
import { usageHint } from '../../adapters/slack/manifest.js';
import { botFor, DATASET_INFO, invoke, replyOf, ROWS, testConfig } from '../helpers/core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
let bot: RunningBot;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  bot = botFor(fx);
});
afterAll(async () => {
  await bot.close();
  await fx.drop();
});

/** A value the parser accepts for an option, as a person would type it. */
function sample(o: OptionDeclaration): string {
  if (o.type === 'boolean') return 'on';
  if (o.choices !== undefined) return o.choices[0]?.value ?? '';
  if (o.type === 'integer') return '3';
  return o.name === 'url' ? 'https://youtu.be/dQw4w9WgXcQ' : `some ${o.name}`;
}

describe('help', () => {
  it('lists every registered command with its description and typed form, and every recognised platform', async () => {
    const text = renderText(await replyOf(bot, invoke('help')));
    for (const c of COMMANDS) {
      expect(text).toContain(`/trained ${c.name}: ${c.description}`);
      expect(text).toContain(textHint(c));
    }
    const names = Object.values(PLATFORM_NAMES);
    expect(names.length).toBeGreaterThanOrEqual(14);
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain(testConfig().links.skipKeyword);
  });

  it('the link command advises every recognised platform when a link is not one', async () => {
    const text = renderText(await replyOf(bot, invoke('link', { url: 'https://example.com/not-a-track' })));
    for (const name of Object.values(PLATFORM_NAMES)) expect(text).toContain(name);
  });
});

describe('the Slack usage hint', () => {
  it('is each declaration’s typed form, in registry order, and the committed manifest carries it', async () => {
    expect(usageHint(COMMANDS)).toBe(COMMANDS.map(textHint).join(' | '));
    // Settings' options are generated, not listed by hand: every option and choice appears.
    const settings = COMMANDS.find((c) => c.name === 'settings');
    for (const o of settings?.options ?? []) expect(usageHint(COMMANDS)).toContain(`${o.name}:`);
    const manifest = parse(await readFile('slack-app-manifest.yml', 'utf8')) as {
      features: { slash_commands: { usage_hint: string }[] };
    };
    expect(manifest.features.slash_commands[0]?.usage_hint).toBe(usageHint(COMMANDS));
  });
});

describe('the text parser', () => {
  const keyed = COMMANDS.filter((c) => c.text?.multiline !== true);

  it.each(keyed.flatMap((c) => c.options.map((o) => [c.name, o.name, o] as const)))(
    '%s accepts its option %s as a key',
    (command, key, option) => {
      const d = COMMANDS.find((c) => c.name === command);
      const required = (d?.options ?? []).filter((o) => o.required === true && o.name !== key);
      const text = [command, ...required.map((o) => `${o.name}:${sample(o)}`), `${key}:${sample(option)}`].join(' ');
      const parsed = parseTextInvocation(text);
      expect(parsed).toMatchObject({ ok: true, command });
      if (parsed.ok) expect(parsed.options[option.name]).toBeDefined();
    },
  );

  it.each(keyed.flatMap((c) => Object.entries(c.text?.aliases ?? {}).map(([alias, name]) => [c.name, alias, name] as const)))(
    '%s accepts the alias %s for %s',
    (command, alias, name) => {
      const option = COMMANDS.find((c) => c.name === command)?.options.find((o) => o.name === name);
      expect(option).toBeDefined();
      const parsed = parseTextInvocation(`${alias}:${option === undefined ? '' : sample(option)}`);
      expect(parsed).toMatchObject({ ok: true, command });
      if (parsed.ok) expect(parsed.options[name]).toBeDefined();
    },
  );

  it('gives a multi-line command its rest option whole, and names every command in its usage', () => {
    const multi = COMMANDS.find((c) => c.text?.multiline === true);
    const rest = multi?.text?.rest ?? '';
    expect(parseTextInvocation('Food - AWOL\nhttps://youtu.be/dQw4w9WgXcQ')).toEqual({
      ok: true,
      command: multi?.name,
      options: { [rest]: 'Food - AWOL\nhttps://youtu.be/dQw4w9WgXcQ' },
    });
    // A command without options takes no words after it: the answer is the usage, every command's typed form.
    const usage = parseTextInvocation('about these words');
    expect(usage.ok).toBe(false);
    for (const c of COMMANDS) expect(usage.ok ? '' : usage.error).toContain(textHint(c));
  });
});
