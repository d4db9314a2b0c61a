/** Events through the real Bolt app: link previews (chat.unfurl or a thread answer), @Trained mentions, retries, 429s, refusals. */
import { describe, expect, it } from 'vitest';
import { THREAD_HINT } from '../../../src/core/delivery.js';
import { appMention, CHANNEL, eventCallback, linkShared } from '../../stand-ins/slack/payloads.js';
import {
  allText,
  checkSafe,
  h,
  parseMessage,
  platformErrors,
  postsSince,
  reportedSince,
  waitForSince,
  withAdapterHarness,
} from './adapter-fixture.js';

let eventSeq = 0;
const nextEventId = (): string => `Ev${Date.now()}${++eventSeq}`;

withAdapterHarness();

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
