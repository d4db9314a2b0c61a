/**
 * Reliability check 17, in two layers, each tested alone so removing either fails a test:
 * every redacted path (src/log.ts REDACTED_PATHS) is blanked with no secret list at all, and
 * the scrubber blanks a configured secret in free text no path can name (an error message,
 * a URL), through the real logger the entry points build.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../../src/config.js';
import { createLogger, REDACTED_PATHS } from '../../src/log.js';

const SECRET = 'xoxb-secret-value-0123456789';

function capture(secrets: readonly string[] = []): { log: ReturnType<typeof createLogger>; text: () => string } {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', secrets, destination: { write: (line: string) => void lines.push(line) } });
  return { log, text: () => lines.join('') };
}

/** The object a redacted path names, holding SECRET there: `a.b`, `a["x-y"]`, `*.c` (any top-level key). */
function objectAt(path: string): Record<string, unknown> {
  const keys = [...path.matchAll(/([^.[\]"]+)|\["([^"]+)"\]/g)].map((m) => m[2] ?? m[1] ?? '');
  const root: Record<string, unknown> = {};
  let node = root;
  keys.forEach((key, i) => {
    const name = key === '*' ? 'anything' : key;
    if (i === keys.length - 1) node[name] = SECRET;
    else {
      const next: Record<string, unknown> = {};
      node[name] = next;
      node = next;
    }
  });
  return root;
}

/**
 * Where a secret can sit in a logged object, written here rather than read from the code, so a
 * path dropped from REDACTED_PATHS fails this test: top-level fields, one level down (`*.`),
 * request headers, and the configuration object.
 */
const MUST_BE_BLANKED = [
  'token',
  'apiKey',
  'adminKey',
  'searchKey',
  'signingSecret',
  'appToken',
  'botToken',
  'interactionToken',
  'authorization',
  'headers.authorization',
  'headers["x-typesense-api-key"]',
  'headers["x-slack-signature"]',
  'req.token',
  'client.apiKey',
  'handle.adminKey',
  'keys.searchKey',
  'slack.signingSecret',
  'slack.appToken',
  'slack.botToken',
  'interaction.interactionToken',
  'request.authorization',
  'config.discord.token',
  'config.slack.botToken',
  'config.slack.appToken',
  'config.slack.signingSecret',
  'config.typesense.apiKey',
];

describe('debug logs', () => {
  it.each([...new Set([...MUST_BE_BLANKED, ...REDACTED_PATHS])])('blank the path %s without any secret list', (path) => {
    const { log, text } = capture();
    log.debug(objectAt(path), 'a debug line');
    expect(text()).toContain('a debug line');
    expect(text()).toContain('[Redacted]');
    expect(text()).not.toContain(SECRET);
  });

  it('blank every configured secret in free text that no path names', () => {
    const config = loadConfig({
      TYPESENSE_URL: 'http://127.0.0.1:8108',
      TYPESENSE_API_KEY: 'typesense-search-key-abcdef',
      TYPESENSE_SETTINGS_KEY: 'typesense-settings-key-abcdef',
      DISCORD_TOKEN: 'discord-token-abcdef.ghijkl',
      SLACK_BOT_TOKEN: 'xoxb-bot-token-abcdef',
      SLACK_SIGNING_SECRET: 'slack-signing-secret-abcdef',
      SLACK_APP_TOKEN: 'xapp-app-token-abcdef',
      SLACK_SOCKET_MODE: 'true',
    });
    const secrets = secretsOf(config);
    expect(secrets).toHaveLength(6);
    const { log, text } = capture(secrets);
    for (const s of secrets) {
      log.error({ err: new Error(`request to https://api.example/?key=${s} failed`) }, `retrying with ${s}`);
      log.debug({ url: `wss://gateway.example/?token=${s}`, detail: [s] }, 'free text');
    }
    const out = text();
    expect(out).toContain('[Redacted]');
    for (const s of secrets) expect(out).not.toContain(s);
  });
});
