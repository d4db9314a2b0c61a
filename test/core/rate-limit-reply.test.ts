import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botFor, DATASET_INFO, invoke, PLACE, ROWS, testConfig, USER } from '../helpers/core-fixture.js';
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
      expect((await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }))).reply.tone).toBe('found');
      clock += 17_500;
      const first = await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }));
      // 60 s window, 17.5 s used: admitted again 42.5 s later, said as 43 s (rounded up, never too early).
      expect(first.reply.headline).toBe('Slow down a little: too many lookups in the last minute. Try again in 43 s.');
      clock += 40_000;
      // A second refusal in the same window is still answered (a command is never left silent), with the time left.
      const second = await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }));
      expect(second.reply.headline).toMatch(/Try again in 3 s\.$/);
      clock += 3_000;
      expect((await bot.handleCommand(invoke('song', { title: 'Food', artist: 'AWOL' }))).reply.tone).toBe('found');
    } finally {
      await bot.close();
    }
  });

  it('link messages: someone who asked hears when to try again each time; pasted links stay silent', async () => {
    const clock = 9_000_000;
    const settings = new MemorySettingsStore();
    await settings.set(PLACE, { autoReply: true });
    const bot = botFor(fx, { config: testConfig({ RATE_USER_PER_MINUTE: '1' }), settings, now: () => clock });
    const msg = (text: string, surface: 'message-action' | 'pasted') => ({
      text,
      user: USER,
      place: PLACE,
      platform: 'console' as const,
      surface,
    });
    try {
      await bot.handleMessage(msg('https://youtu.be/dQw4w9WgXcQ', 'message-action'));
      const refused = await bot.handleMessage(msg('https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J', 'message-action'));
      expect(refused.reply.headline).toBe('Slow down a little: too many lookups in the last minute. Try again in 60 s.');
      const again = await bot.handleMessage(msg('https://youtu.be/fJ9rUzIMcZQ', 'message-action'));
      expect(again.reply.headline).toBe('Slow down a little: too many lookups in the last minute. Try again in 60 s.');
      // Nobody asked about a pasted link: a refusal interrupts no conversation.
      expect((await bot.handleMessage(msg('https://youtu.be/dQw4w9WgXcQ', 'pasted'))).delivery.mode).toBe('silent');
    } finally {
      await bot.close();
    }
  });
});
