import { describe, expect, it } from 'vitest';
import { EventDedupe } from '../../../adapters/slack/event-dedupe.js';
import { listModal, parseListTarget, submittedText } from '../../../adapters/slack/list-modal.js';
import { linksInSlackText, listLines, slackTextToPlain, stripLeadingMention } from '../../../adapters/slack/slack-text.js';

describe('Slack text to plain text', () => {
  it('unwraps links, drops mentions, decodes entities last', () => {
    expect(slackTextToPlain('<https://open.spotify.com/track/abc?si=1&amp;x=2|open.spotify.com/track/abc>')).toBe(
      'https://open.spotify.com/track/abc?si=1&x=2',
    );
    expect(slackTextToPlain('Song &amp; Dance - <!channel> Band')).toBe('Song & Dance - Band');
    expect(slackTextToPlain('a &lt;!channel&gt; b')).toBe('a <!channel> b');
    expect(slackTextToPlain('hey <@U123|bob> check <#C1|general>')).toBe('hey check ');
  });
  it('strips the mention that addressed the bot', () => {
    expect(stripLeadingMention('<@U0BOT> Song - Band')).toBe('Song - Band');
    expect(stripLeadingMention('  <@U0BOT>: <https://youtu.be/x>')).toBe('<https://youtu.be/x>');
  });
  it('lists marked-up links once, in order', () => {
    expect(linksInSlackText('<https://a.example/1> x <https://b.example/2|b> <https://a.example/1> <mailto:x@y|x>')).toEqual([
      'https://a.example/1',
      'https://b.example/2',
    ]);
  });
  it('is linear on adversarial input', () => {
    const text = '<'.repeat(50_000) + 'https://x' + '|'.repeat(50_000);
    const started = performance.now();
    slackTextToPlain(text);
    linksInSlackText(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it('splits lists into trimmed lines and says how many were dropped', () => {
    expect(listLines(' a \n\n b\r\nc\n', 2)).toEqual({ lines: ['a', 'b'], dropped: 1 });
  });
});

describe('event dedupe', () => {
  it('claims an id once within the TTL, again after it', () => {
    let now = 0;
    const d = new EventDedupe(1000, 100, () => now);
    expect(d.claim('Ev1')).toBe(true);
    expect(d.claim('Ev1')).toBe(false);
    now = 1001;
    expect(d.claim('Ev1')).toBe(true);
  });
  it('stays bounded', () => {
    const d = new EventDedupe(60_000, 50, () => 0);
    for (let i = 0; i < 500; i++) d.claim(`Ev${i}`);
    expect(d.size).toBeLessThanOrEqual(50);
  });
});

describe('list modal', () => {
  it('round-trips its target through private_metadata and refuses foreign metadata', () => {
    const view = listModal({ channelId: 'C1', threadTs: '1.2', workspaceId: 'T1' });
    expect(parseListTarget(view.private_metadata ?? '')).toEqual({ channelId: 'C1', threadTs: '1.2', workspaceId: 'T1' });
    expect(parseListTarget('{"c":"<!channel>"}')).toBeUndefined();
    expect(parseListTarget('nope')).toBeUndefined();
    expect(submittedText({ lines: { lines_input: { value: 'a\nb' } } })).toBe('a\nb');
  });
});
