import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botFor, DATASET_INFO, invoke, PLACE, ROWS, testConfig, USER } from '../core-fixture.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';
import { MemorySettingsStore } from '../../src/settings/store.js';

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
});
afterAll(async () => {
  await fx.drop();
});

describe('a rate-limited user is told when to try again', () => {
  it('"Try again in N s", N counted from the window the user used up, for every refused command', async () => {
    let clock = 5_000_000;
    const bot = botFor(fx, { config: testConfig({ RATE_USER_PER_MINUTE: '1' }), now: () => clock });
    try {
      expect((await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }))).tone).toBe('found');
      clock += 17_500;
      const first = await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }));
      // 60 s window, 17.5 s used: admitted again 42.5 s later, said as 43 s (rounded up, never too early).
      expect(first.headline).toBe('Slow down a little: too many lookups in the last minute. Try again in 43 s.');
      clock += 40_000;
      // A second refusal in the same window is still answered (a command is never left silent), with the time left.
      const second = await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }));
      expect(second.headline).toMatch(/Try again in 3 s\.$/);
      clock += 3_000;
      expect((await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }))).tone).toBe('found');
    } finally {
      await bot.close();
    }
  });

  it('link messages: the first refusal says when, the next ones stay silent', async () => {
    const clock = 9_000_000;
    const settings = new MemorySettingsStore();
    await settings.set(PLACE, { autoReply: true });
    const bot = botFor(fx, { config: testConfig({ RATE_USER_PER_MINUTE: '1' }), settings, now: () => clock });
    const msg = (text: string) => ({ text, user: USER, place: PLACE, platform: 'console' as const, explicit: true });
    try {
      await bot.handleLinkMessage(msg('https://youtu.be/dQw4w9WgXcQ'));
      const refused = await bot.handleLinkMessage(msg('https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J'));
      expect(refused?.headline).toBe('Slow down a little: too many lookups in the last minute. Try again in 60 s.');
      expect(await bot.handleLinkMessage(msg('https://youtu.be/fJ9rUzIMcZQ'))).toBeUndefined();
    } finally {
      await bot.close();
    }
  });
});
