/** The rows, the harness (real Bolt app, core, Typesense, Web API stand-in) and call helpers of slash-command, events, newsroom-lists. */
import { afterAll, beforeAll, expect } from 'vitest';
import type { TrackRow } from '../../../src/index/document.js';
import { startSlackHarness, type SlackHarness } from '../../stand-ins/slack/harness.js';
import type { RecordedCall } from '../../stand-ins/slack/web-api.js';

// Slack's published limits (Block Kit: 50 blocks a message, 3000 characters a section), not the code's constants.
const MAX_BLOCKS_PER_MESSAGE = 50;
const MAX_SECTION_TEXT = 3000;

const HOSTILE_TITLE = 'Hostile <!channel> & <https://evil|Spotify>';
const HOSTILE_ARTIST = 'Evil <@U123> <!here>';
const LONG_TITLE = 'Longtitle ' + 'ä&<'.repeat(1000);

const rows: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'dQw4w9WgXcQ',
    title: 'Never Gonna Give You Up',
    artists: ['Rick Astley'],
    platformIds: [{ platform: 'youtube', id: 'dQw4w9WgXcQ' }],
    rowKeyPlatform: 'youtube',
  },
  { dataset: 'laion-disco-12m', rowKey: 'boh00000001', title: 'Bohemian Rhapsody', artists: ['Queen'] },
  { dataset: 'sleeping-disco-9m', rowKey: 'boh00000002', title: 'Bohemian Rhapsody', artists: ['Queen'] },
  // The same song keyed by a Spotify id: a Spotify link is answered for the YouTube-era rows above too.
  {
    dataset: 'spotify-tracks',
    rowKey: '7tFiyTwD0nx5a1eklYtX2J',
    title: 'Bohemian Rhapsody - Remastered 2011',
    artists: ['Queen'],
    platformIds: [{ platform: 'spotify', id: '7tFiyTwD0nx5a1eklYtX2J' }],
    rowKeyPlatform: 'spotify',
  },
  { dataset: 'fma', rowKey: '666', title: HOSTILE_TITLE, artists: [HOSTILE_ARTIST], url: 'https://evil|Spotify' },
  { dataset: 'fma', rowKey: '777', title: LONG_TITLE, artists: ['Longband'] },
];

/** The importing test file's harness (a live binding: set in withAdapterHarness's beforeAll). */
export let h: SlackHarness;
/** Codes the adapter reported through onPlatformError, in order. */
export const platformErrors: string[] = [];

/** Starts a harness over the rows above before the calling file's tests, and stops it after them. */
export function withAdapterHarness(): void {
  beforeAll(async () => {
    h = await startSlackHarness({ rows, adapter: { onPlatformError: (code) => platformErrors.push(code) } });
  });
  afterAll(async () => {
    await h?.stop();
  });
}

export interface Message {
  response_type?: string;
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    elements?: { type: string; text?: string | { text: string }; value?: string; action_id?: string }[];
  }[];
  replace_original?: boolean;
  delete_original?: boolean;
}

export function parseMessage(params: Record<string, string>): Message {
  return { ...params, text: params.text ?? '', blocks: JSON.parse(params.blocks ?? '[]') as Message['blocks'] } as Message;
}

/** All mrkdwn text of a message plus its fallback. */
export function allText(m: Message): string {
  return [m.text, JSON.stringify(m.blocks)].join('\n');
}

/** Every text object Slack displays (button values are opaque to Slack and never shown). */
function shownTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) shownTexts(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) shownTexts(v, out);
  }
  return out;
}

export function checkSafe(m: Message): void {
  expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
  for (const b of m.blocks) if (b.text !== undefined) expect(b.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
  const texts = [...shownTexts(m.blocks), m.text];
  expect(texts.length).toBeGreaterThan(2);
  for (const t of texts) {
    expect(t).not.toMatch(/<[!@#]/);
    expect(t).not.toContain('<https://evil');
  }
}

/** The platform errors reported since `index`, once at least one arrived and a moment passed for any second report. */
export async function reportedSince(index: number): Promise<string[]> {
  for (let i = 0; i < 200 && platformErrors.length === index; i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, 300));
  return platformErrors.slice(index);
}

export function postsSince(index: number, method: string): RecordedCall[] {
  return h.api.calls.slice(index).filter((c) => c.method === method && c.status === 200 && c.error === undefined);
}

export async function waitForSince(index: number, method: string, count = 1): Promise<RecordedCall[]> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = postsSince(index, method);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(
    `timed out waiting for ${method}; saw ${h.api.calls
      .slice(index)
      .map((c) => c.method)
      .join(', ')}`,
  );
}
