import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../src/config.js';

describe('configuration', () => {
  it('needs nothing to run the console adapter on a local Typesense', () => {
    const c = loadConfig({});
    expect(c.typesense.nodes).toBeUndefined();
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.links.skipKeyword).toBe('!notrained');
  });
  it('parses a node list', () => {
    const c = loadConfig({ TYPESENSE_URL: 'http://127.0.0.1:8108, https://ts.example:443', TYPESENSE_API_KEY: 'k' });
    expect(c.typesense.nodes).toEqual([
      { host: '127.0.0.1', port: 8108, protocol: 'http' },
      { host: 'ts.example', port: 443, protocol: 'https' },
    ]);
  });
  it('names every bad variable at once', () => {
    let err: unknown;
    try {
      loadConfig({
        TYPESENSE_URL: 'ftp://x',
        RATE_USER_PER_MINUTE: 'lots',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: '   ',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text = String((err as Error).message);
    for (const name of ['TYPESENSE_URL', 'RATE_USER_PER_MINUTE', 'SLACK_SIGNING_SECRET', 'LOG_LEVEL']) expect(text).toContain(name);
  });
  it('requires a key with TYPESENSE_URL and an app token with Socket Mode', () => {
    expect(() => loadConfig({ TYPESENSE_URL: 'http://127.0.0.1:8108' })).toThrow(/TYPESENSE_API_KEY/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_SOCKET_MODE: 'true' })).toThrow(
      /SLACK_APP_TOKEN/,
    );
  });
  it('lists its secrets for the log scrubber', () => {
    const c = loadConfig({ DISCORD_TOKEN: 'discord-token-123', TYPESENSE_URL: 'http://h:1', TYPESENSE_API_KEY: 'search-key-123' });
    expect(secretsOf(c).sort()).toEqual(['discord-token-123', 'search-key-123']);
  });
});
