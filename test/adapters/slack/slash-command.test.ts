/** `/trained <text>` through the real Bolt app: the ephemeral answer, accepted forms, escaping and limits, channel settings. */
import { describe, expect, it } from 'vitest';
import { CHANNEL, slashCommand } from '../../stand-ins/slack/payloads.js';
import { allText, checkSafe, h, withAdapterHarness, type Message } from './adapter-fixture.js';

let eventSeq = 0;

withAdapterHarness();

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
