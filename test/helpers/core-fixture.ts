/** Rows and bot wiring shared by the core, command, console and CLI tests (each file builds its own index). */
import { COMMANDS } from '../../commands/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createBot, type BotDeps, type RunningBot } from '../../src/core/bot.js';
import type { BotCore, CommandInvocation, LinkMessage, Place, Reply, UserRef } from '../../src/core/types.js';
import type { TrackRow } from '../../src/index/document.js';
import { silentLogger } from '../../src/log.js';
import { MemorySettingsStore } from '../../src/settings/store.js';
import type { FixtureIndex } from './typesense.js';

const yt = (id: string) => [{ platform: 'youtube' as const, id }];
const sp = (id: string) => [{ platform: 'spotify' as const, id }];

export const ROWS: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'dQw4w9WgXcQ',
    title: 'Never Gonna Give You Up',
    artists: ['Rick Astley'],
    album: 'Whenever You Need Somebody',
    platformIds: yt('dQw4w9WgXcQ'),
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  },
  {
    dataset: 'laion-disco-12m',
    rowKey: 'fJ9rUzIMcZQ',
    title: 'Bohemian Rhapsody (Official Video)',
    artists: ['Queen'],
    platformIds: yt('fJ9rUzIMcZQ'),
  },
  {
    dataset: 'laion-disco-12m',
    rowKey: 'live0000001',
    title: 'Bohemian Rhapsody (Live Aid)',
    artists: ['Queen'],
    platformIds: yt('live0000001'),
  },
  { dataset: 'sleeping-disco-9m', rowKey: 'fJ9rUzIMcZQ', title: 'Bohemian Rhapsody', artists: ['Queen'], platformIds: yt('fJ9rUzIMcZQ') },
  {
    dataset: 'spotify-tracks',
    rowKey: '7tFiyTwD0nx5a1eklYtX2J',
    title: 'Bohemian Rhapsody - Remastered 2011',
    artists: ['Queen'],
    platformIds: sp('7tFiyTwD0nx5a1eklYtX2J'),
    url: 'https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J',
  },
  {
    dataset: 'spotify-tracks',
    rowKey: '4u7EnebtmKWzUH433cf5Qv',
    title: 'Bohemian Rhapsody',
    artists: ['Panic! At The Disco'],
    platformIds: sp('4u7EnebtmKWzUH433cf5Qv'),
  },
  {
    dataset: 'spotify-tracks',
    rowKey: '2ZWlPOoWh0626oTaHrnl2a',
    title: "Don't Stop Me Now",
    artists: ['Queen'],
    platformIds: sp('2ZWlPOoWh0626oTaHrnl2a'),
  },
  {
    dataset: 'fma',
    rowKey: '2',
    title: 'Food',
    artists: ['AWOL'],
    album: 'AWOL - A Way Of Life',
    platformIds: [{ platform: 'fma', id: '2' }],
    url: 'http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food',
  },
  {
    dataset: 'spotify-tracks',
    rowKey: 'ping000000000000000001',
    title: '@everyone <@&1> <@2>',
    artists: ['<!channel>'],
    platformIds: sp('ping000000000000000001'),
  },
  // Thirty uploads of one song, for paging.
  ...Array.from({ length: 30 }, (_, i) => ({
    dataset: 'laion-disco-12m',
    rowKey: `page${String(i).padStart(7, '0')}`,
    title: 'Paging Song',
    artists: ['Pager'],
    platformIds: yt(`page${String(i).padStart(7, '0')}`),
  })),
];

export const DATASET_INFO = {
  builtAt: '2026-11-01T00:00:00.000Z',
  sample: true,
  datasets: [
    { id: 'laion-disco-12m', name: 'LAION-DISCO-12M', rowKeyPlatform: 'youtube' as const },
    { id: 'sleeping-disco-9m', name: 'Sleeping-DISCO-9M', rowKeyPlatform: 'youtube' as const },
    { id: 'fma', name: 'Free Music Archive', rowKeyPlatform: 'fma' as const },
    { id: 'spotify-tracks', name: 'Spotify Tracks Dataset', rowKeyPlatform: 'spotify' as const },
  ].map((d) => ({
    ...d,
    publisher: 'test',
    licence: 'test',
    homepage: 'https://example.org',
    version: 'v1',
    description: 'fixture.',
    claimedRows: 10,
    rows: ROWS.filter((r) => r.dataset === d.id).length,
  })),
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', RATE_USER_PER_MINUTE: '10000', RATE_PLACE_PER_MINUTE: '10000', ...env });
}

export const USER: UserRef = { id: 'u1', displayName: 'Tester' };
export const MANAGER: UserRef = { id: 'm1', canManagePlace: true };
export const PLACE: Place = { platform: 'console', workspaceId: 'w1', channelId: 'c1' };

export function botFor(fx: FixtureIndex, deps: Partial<BotDeps> = {}): RunningBot {
  return createBot({
    search: fx.search,
    config: testConfig(),
    log: silentLogger,
    settings: new MemorySettingsStore(),
    commands: COMMANDS,
    ...deps,
  });
}

export const invoke = (
  command: string,
  options: Record<string, string | boolean> = {},
  user: UserRef = USER,
  place: Place = PLACE,
): CommandInvocation => ({ command, options, user, place, platform: place.platform, surface: 'command' });

/** The reply of a command's answer (most tests look at what was said, not how it was delivered). */
export const replyOf = async (bot: BotCore, inv: CommandInvocation): Promise<Reply> => (await bot.handleCommand(inv)).reply;

/** A press of a button on a private answer, as the person who asked. */
export const pressOf = async (bot: BotCore, actionId: string, user: UserRef = USER, place: Place = PLACE): Promise<Reply> =>
  (await bot.handleAction({ actionId, user, place, platform: place.platform, onMessage: 'ephemeral' })).reply;

/** A message with links; undefined when the core chose to say nothing. */
export const linkReplyOf = async (bot: BotCore, msg: LinkMessage): Promise<Reply | undefined> => {
  const { reply, delivery } = await bot.handleMessage(msg);
  return delivery.mode === 'silent' ? undefined : reply;
};
