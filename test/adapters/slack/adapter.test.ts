/**
 * The real Bolt app over HTTP on 127.0.0.1, the real core over a real Typesense, and the
 * Slack Web API stand-in: what the adapter actually sends for slash commands, link
 * previews, mentions, the shortcut, the list modal, buttons, retries and rate limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THREAD_HINT } from '../../../src/core/delivery.js';
import type { TrackRow } from '../../../src/index/document.js';
import { startSlackHarness, type SlackHarness } from '../../stand-ins/slack/harness.js';
import {
  appMention,
  CHANNEL,
  eventCallback,
  linkShared,
  messageShortcut,
  slashCommand,
  USER,
  viewSubmission,
} from '../../stand-ins/slack/payloads.js';
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

let h: SlackHarness;
let eventSeq = 0;
const nextEventId = (): string => `Ev${Date.now()}${++eventSeq}`;
/** Codes the adapter reported through onPlatformError, in order. */
const platformErrors: string[] = [];

beforeAll(async () => {
  h = await startSlackHarness({ rows, adapter: { onPlatformError: (code) => platformErrors.push(code) } });
});
afterAll(async () => {
  await h?.stop();
});

interface Message {
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

function parseMessage(params: Record<string, string>): Message {
  return { ...params, text: params.text ?? '', blocks: JSON.parse(params.blocks ?? '[]') as Message['blocks'] } as Message;
}

/** All mrkdwn text of a message plus its fallback. */
function allText(m: Message): string {
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

function checkSafe(m: Message): void {
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
async function reportedSince(index: number): Promise<string[]> {
  for (let i = 0; i < 200 && platformErrors.length === index; i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, 300));
  return platformErrors.slice(index);
}

function postsSince(index: number, method: string): RecordedCall[] {
  return h.api.calls.slice(index).filter((c) => c.method === method && c.status === 200 && c.error === undefined);
}

async function waitForSince(index: number, method: string, count = 1): Promise<RecordedCall[]> {
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

async function slash(text: string): Promise<Message> {
  const res = await h.command(slashCommand(text, h.api.responseUrl(`cmd-${++eventSeq}`)));
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as Message;
}

describe('/trained <text>', () => {
  it('answers "title - artist" ephemerally with the datasets, the basis and a Share button', async () => {
    const m = await slash('Bohemian Rhapsody - Queen');
    expect(m.response_type).toBe('ephemeral');
    // A quick answer is the ack itself: one message, nothing through response_url.
    expect(h.api.visible(`cmd-${eventSeq}`)).toEqual([expect.objectContaining({ source: 'ack', visibility: 'ephemeral' })]);
    const text = allText(m);
    expect(text).toContain('present in laion-disco-12m (row boh00000001)');
    expect(text).toContain('present in sleeping-disco-9m (row boh00000002)');
    const share = m.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id?.startsWith('trained_action:share'));
    expect(share?.value).toBeTruthy();
    checkSafe(m);
  });

  it('accepts "song: … artist: …", a link, "artist <name>", about and help', async () => {
    expect(allText(await slash('song: Bohemian Rhapsody artist: Queen'))).toContain('present in laion-disco-12m (row boh00000001)');
    expect(allText(await slash('https://youtu.be/dQw4w9WgXcQ'))).toContain('dQw4w9WgXcQ');
    expect(allText(await slash('<https://www.youtube.com/watch?v=dQw4w9WgXcQ>'))).toContain('laion-disco-12m');
    expect(allText(await slash('artist Queen'))).toMatch(/Queen/);
    expect(allText(await slash('about'))).toContain('laion-disco-12m');
    expect(allText(await slash('help'))).toContain('/trained');
    const bad = await slash('song:');
    expect(bad.response_type).toBe('ephemeral');
    expect(allText(bad)).toMatch(/needs a value/);
  });

  it('escapes hostile dataset text and keeps long titles within limits', async () => {
    // What Slack sends when someone types the hostile title: entities, not markup.
    const m = await slash('Hostile &lt;!channel&gt; &amp; &lt;https://evil|Spotify&gt; - Evil &lt;@U123&gt; &lt;!here&gt;');
    expect(allText(m)).toContain('present in fma (row 666)');
    expect(JSON.stringify(m.blocks)).toContain('*Hostile &lt;!channel&gt; &amp; &lt;https://evil|Spotify&gt;*');
    expect(JSON.stringify(m.blocks)).toContain('Evil &lt;@U123&gt; &lt;!here&gt;');
    checkSafe(m);
    // The index keeps 1,000 characters of a 3,000-character title; the artist's answer lists it.
    const long = await slash('artist Longband');
    expect(allText(long)).toContain('Longtitle ä&amp;&lt;ä&amp;&lt;');
    checkSafe(long);
  });

  it('changes channel settings, says so in the channel, and persists them in Typesense', async () => {
    const m = await slash('settings previews:off mode:thread');
    expect(m.response_type).toBe('in_channel');
    expect(allText(m)).toContain('previews: off');
    const place = { platform: 'slack' as const, workspaceId: 'T0TEAM', channelId: CHANNEL };
    expect(await h.settings.get(place)).toMatchObject({ previews: false, mode: 'thread' });
    await h.settings.set(place, { previews: true, mode: 'reply' });
  });
});

describe('link previews (link_shared → chat.unfurl)', () => {
  const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

  it('unfurls a pasted link with found, datasets and how sure', async () => {
    const start = h.api.calls.length;
    const res = await h.event(eventCallback(linkShared([url, 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC']), nextEventId()));
    expect(res.status).toBe(200);
    const [call] = await waitForSince(start, 'chat.unfurl');
    expect(call?.authorization).toBe('Bearer xoxb-stand-in-token-not-a-secret');
    expect(call?.params.channel).toBe(CHANNEL);
    expect(call?.params.ts).toBe('1700000100.000100');
    expect(call?.params.link_names).toBeUndefined();
    const unfurls = JSON.parse(call?.params.unfurls ?? '{}') as Record<string, unknown>;
    expect(unfurls).toEqual({
      [url]: {
        blocks: [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              verbatim: true,
              text: expect.stringMatching(/^\*Trained:\* .+\npresent in laion-disco-12m · same platform id \(certain\)$/) as unknown,
            },
          },
        ],
      },
      'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC': {
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', verbatim: true, text: expect.stringMatching(/^\*Trained:\* .+\nNot found in/) as unknown },
          },
        ],
      },
    });
  });

  it('unfurls a Spotify link with every dataset holding the song, saying which rows the id found', async () => {
    const spotify = 'https://open.spotify.com/track/7tFiyTwD0nx5a1eklYtX2J';
    const start = h.api.calls.length;
    await h.event(eventCallback(linkShared([spotify]), nextEventId()));
    const [call] = await waitForSince(start, 'chat.unfurl');
    const unfurls = JSON.parse(call?.params.unfurls ?? '{}') as Record<string, { blocks: { text: { text: string } }[] }>;
    expect(unfurls[spotify]?.blocks[0]?.text.text).toBe(
      '*Trained:* This track is present in 3 of 4 datasets: laion-disco-12m, sleeping-disco-9m, spotify-tracks.\n' +
        'present in spotify-tracks · same platform id (certain)\n' +
        'present in laion-disco-12m, sleeping-disco-9m · same title and artist as the linked track (strong)',
    );
  });

  it('unfurls links in the message composer by unfurl_id and source', async () => {
    const start = h.api.calls.length;
    await h.event(eventCallback(linkShared([url], { composer: true }), nextEventId()));
    const [call] = await waitForSince(start, 'chat.unfurl');
    expect(call?.params.unfurl_id).toBe('C123456.7890123.abcdef');
    expect(call?.params.source).toBe('composer');
    expect(call?.params.channel).toBeUndefined();
    expect(Object.keys(JSON.parse(call?.params.unfurls ?? '{}') as object)).toEqual([url]);
  });

  it('answers in the thread instead where the channel prefers it, and not at all with previews off', async () => {
    const place = { platform: 'slack' as const, workspaceId: 'T0TEAM', channelId: 'C0THREADS' };
    await h.settings.set(place, { mode: 'thread' });
    const start = h.api.calls.length;
    await h.event(eventCallback(linkShared([url], { channel: 'C0THREADS', messageTs: '1700000500.000100' }), nextEventId()));
    const [post] = await waitForSince(start, 'chat.postMessage');
    expect(post?.params.channel).toBe('C0THREADS');
    expect(post?.params.thread_ts).toBe('1700000500.000100');
    expect(allText(parseMessage(post?.params ?? {}))).toContain('laion-disco-12m');
    expect(postsSince(start, 'chat.unfurl')).toEqual([]);

    await h.settings.set(place, { previews: false });
    const quiet = h.api.calls.length;
    await h.event(eventCallback(linkShared([url], { channel: 'C0THREADS' }), nextEventId()));
    await new Promise((r) => setTimeout(r, 700));
    expect(h.api.calls.slice(quiet)).toEqual([]);
  });
});

describe('thread mode where the bot is not in the channel', () => {
  const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

  it('previews the link with a one-line hint instead of posting where Slack would refuse it', async () => {
    const place = { platform: 'slack' as const, workspaceId: 'T0TEAM', channelId: 'C0OUTSIDE' };
    await h.settings.set(place, { mode: 'thread' });
    const start = h.api.calls.length;
    const event = linkShared([url], { channel: 'C0OUTSIDE', messageTs: '1700000550.000100', botIsMember: false });
    await h.event(eventCallback(event, nextEventId()));
    const [call] = await waitForSince(start, 'chat.unfurl');
    expect(call?.params).toMatchObject({ channel: 'C0OUTSIDE', ts: '1700000550.000100' });
    const blocks = (JSON.parse(call?.params.unfurls ?? '{}') as Record<string, { blocks: unknown[] }>)[url]?.blocks ?? [];
    expect(JSON.stringify(blocks[0])).toContain('present in laion-disco-12m');
    expect(blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: THREAD_HINT, verbatim: true }] });
    // Nothing was posted (Slack would have answered not_in_channel).
    expect(h.api.calls.slice(start).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });
});

describe('@Trained mentions', () => {
  it('answers a query in a thread, with no link_names and no unfurling of dataset links', async () => {
    const start = h.api.calls.length;
    await h.event(eventCallback(appMention('<@U0BOT> Bohemian Rhapsody - Queen', '1700000600.000100'), nextEventId()));
    const [post] = await waitForSince(start, 'chat.postMessage');
    expect(post?.params).toMatchObject({ channel: CHANNEL, thread_ts: '1700000600.000100', unfurl_links: 'false', unfurl_media: 'false' });
    expect(post?.params.link_names).toBeUndefined();
    const m = parseMessage(post?.params ?? {});
    expect(m.text).toContain('Bohemian Rhapsody');
    expect(allText(m)).toContain('present in laion-disco-12m (row boh00000001)');
    expect(JSON.stringify(m.blocks)).not.toContain('trained_action:share');
    checkSafe(m);
  });

  it('answers a link inside an existing thread, in that thread', async () => {
    const start = h.api.calls.length;
    await h.event(
      eventCallback(appMention('<@U0BOT> <https://youtu.be/dQw4w9WgXcQ>', '1700000700.000200', '1700000700.000100'), nextEventId()),
    );
    const [post] = await waitForSince(start, 'chat.postMessage');
    expect(post?.params.thread_ts).toBe('1700000700.000100');
    expect(allText(parseMessage(post?.params ?? {}))).toContain('dQw4w9WgXcQ');
  });

  it('checks a mention with one song or link per line as a list, with its CSV in the thread', async () => {
    const start = h.api.calls.length;
    const text = '<@U0BOT> Bohemian Rhapsody - Queen\n<https://youtu.be/dQw4w9WgXcQ>';
    await h.event(eventCallback(appMention(text, '1700000750.000100'), nextEventId()));
    const [post] = await waitForSince(start, 'chat.postMessage');
    expect(post?.params.thread_ts).toBe('1700000750.000100');
    expect(allText(parseMessage(post?.params ?? {}))).toContain('Checked 2 lines');
    const [complete] = await waitForSince(start, 'files.completeUploadExternal');
    expect(complete?.params).toMatchObject({ channel_id: CHANNEL, thread_ts: '1700000750.000100' });
  });

  it('answers a retried event (same event_id, x-slack-retry-num) once', async () => {
    const id = nextEventId();
    const body = eventCallback(appMention('<@U0BOT> Never Gonna Give You Up - Rick Astley', '1700000800.000100'), id);
    const start = h.api.calls.length;
    await h.event(body);
    await h.event(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await h.event(body, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    await waitForSince(start, 'chat.postMessage');
    await new Promise((r) => setTimeout(r, 700));
    expect(postsSince(start, 'chat.postMessage')).toHaveLength(1);
  });

  it('waits out a 429 Retry-After and then posts', async () => {
    h.api.rateLimitOnce('chat.postMessage', 1);
    const start = h.api.calls.length;
    const reported = platformErrors.length;
    await h.event(eventCallback(appMention('<@U0BOT> Bohemian Rhapsody - Queen', '1700000900.000100'), nextEventId()));
    const [post] = await waitForSince(start, 'chat.postMessage');
    const limited = h.api.calls.slice(start).find((c) => c.method === 'chat.postMessage' && c.status === 429);
    expect(limited).toBeDefined();
    expect((post?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(postsSince(start, 'chat.postMessage')).toHaveLength(1);
    // Waited out and posted: not a platform error.
    expect(platformErrors.slice(reported)).toEqual([]);
  });

  it("reports Slack's error code once when a post is refused (not_in_channel)", async () => {
    h.api.failOnce('chat.postMessage', 'not_in_channel');
    const reported = platformErrors.length;
    const start = h.api.calls.length;
    await h.event(eventCallback(appMention('<@U0BOT> Bohemian Rhapsody - Queen', '1700000950.000100'), nextEventId()));
    const codes = await reportedSince(reported);
    expect(h.api.calls.slice(start).filter((c) => c.error === 'not_in_channel')).toHaveLength(1);
    expect(codes).toEqual(['not_in_channel']);
  });
});

describe('newsroom lists', () => {
  const LINES = 'Bohemian Rhapsody - Queen\nhttps://youtu.be/dQw4w9WgXcQ\nNo Such Song - Nobody';

  function csvOf(upload: RecordedCall | undefined): string {
    return upload?.raw ?? '';
  }

  it('"Check tracks in message" posts a summary and a CSV in the message thread', async () => {
    const start = h.api.calls.length;
    const res = await h.interaction(
      messageShortcut(LINES.replace('https://youtu.be/dQw4w9WgXcQ', '<https://youtu.be/dQw4w9WgXcQ>'), h.api.responseUrl('sc')),
    );
    expect(res.status).toBe(200);
    const [post] = await waitForSince(start, 'chat.postMessage');
    expect(post?.params).toMatchObject({ channel: CHANNEL, thread_ts: '1700000300.000100' });
    expect(allText(parseMessage(post?.params ?? {}))).toContain('Checked 3 lines');
    const [complete] = await waitForSince(start, 'files.completeUploadExternal');
    expect(complete?.params).toMatchObject({ channel_id: CHANNEL, thread_ts: '1700000300.000100' });
    const [upload] = await waitForSince(start, 'upload');
    const csv = csvOf(upload);
    expect(csv).toContain('input,best match,dataset(s),row keys,basis');
    expect(csv).toContain('Bohemian Rhapsody - Queen');
    expect(csv).toContain('laion-disco-12m:dQw4w9WgXcQ');
    expect(csv).toMatch(/No Such Song - Nobody,.*not found/);
    const [getUrl] = await waitForSince(start, 'files.getUploadURLExternal');
    expect(getUrl?.params.filename).toBe('trained-list.csv');
  });

  it('/trained list opens a modal; its submission posts the summary and the CSV in the channel', async () => {
    const start = h.api.calls.length;
    const res = await h.command(slashCommand('list', h.api.responseUrl('list')));
    expect(res.status).toBe(200);
    const [open] = await waitForSince(start, 'views.open');
    expect(open?.params.trigger_id).toMatch(/^trigger-/);
    const view = JSON.parse(open?.params.view ?? '{}') as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    expect(view.callback_id).toBe('trained_list');

    const empty = await h.interaction(
      viewSubmission(view.callback_id, view.private_metadata, { lines: { lines_input: { type: 'plain_text_input', value: '  ' } } }),
    );
    expect(JSON.parse(empty.text)).toMatchObject({ response_action: 'errors' });

    const submitted = h.api.calls.length;
    const ok = await h.interaction(
      viewSubmission(view.callback_id, view.private_metadata, { lines: { lines_input: { type: 'plain_text_input', value: LINES } } }),
    );
    expect(ok.status).toBe(200);
    const [post] = await waitForSince(submitted, 'chat.postMessage');
    expect(post?.params.channel).toBe(CHANNEL);
    expect(post?.params.thread_ts).toBeUndefined();
    const [complete] = await waitForSince(submitted, 'files.completeUploadExternal');
    expect(complete?.params.channel_id).toBe(CHANNEL);
    expect(csvOf((await waitForSince(submitted, 'upload'))[0])).toContain('No Such Song - Nobody');
  });

  it('tells the person how to get the CSV where the bot is not a member', async () => {
    h.api.failOnce('chat.postMessage', 'not_in_channel');
    const start = h.api.calls.length;
    const reported = platformErrors.length;
    await h.interaction(messageShortcut('Bohemian Rhapsody - Queen', h.api.responseUrl('sc-out'), '1700001000.000100'));
    const [answer] = await waitForSince(start, 'respond');
    const body = answer?.json as Message;
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('/invite @trained');
    expect(postsSince(start, 'files.completeUploadExternal')).toEqual([]);
    // Handled with advice, and still counted once.
    expect(await reportedSince(reported)).toEqual(['not_in_channel']);
  });

  it('reports a refused modal (views.open) from /trained list once, and apologises', async () => {
    h.api.failOnce('views.open', 'expired_trigger_id');
    const reported = platformErrors.length;
    const start = h.api.calls.length;
    const res = await h.command(slashCommand('list', h.api.responseUrl('list-expired')));
    expect(res.status).toBe(200);
    const [apology] = await waitForSince(start, 'respond');
    expect(JSON.stringify(apology?.json)).toMatch(/something went wrong/);
    expect(await reportedSince(reported)).toEqual(['expired_trigger_id']);
  });

  it("sends a modal's result to the person's messages with the app when the bot may not post in the channel", async () => {
    const before = h.api.calls.length;
    const res = await h.command(slashCommand('list', h.api.responseUrl('list-dm'), 'C0ELSEWHERE'));
    expect(res.status).toBe(200);
    const [opened] = await waitForSince(before, 'views.open');
    const view = JSON.parse(opened?.params.view ?? '{}') as { callback_id: string; private_metadata: string };
    h.api.failOnce('chat.postMessage', 'not_in_channel');
    const start = h.api.calls.length;
    await h.interaction(
      viewSubmission(view.callback_id, view.private_metadata, {
        lines: { lines_input: { type: 'plain_text_input', value: 'Bohemian Rhapsody - Queen' } },
      }),
    );
    const [dm] = await waitForSince(start, 'chat.postMessage');
    expect(dm?.params.channel).toBe(USER);
    expect(allText(parseMessage(dm?.params ?? {}))).toContain('/invite @trained');
    const [complete] = await waitForSince(start, 'files.completeUploadExternal');
    expect(complete?.params.channel_id).toBe(`D${USER.slice(1)}`);
  });
});
