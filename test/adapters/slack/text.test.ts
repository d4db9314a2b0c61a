import { describe, expect, it } from 'vitest';
import { formModal, parseSubmission, submittedText } from '../../../adapters/slack/form-modal.js';
import type { FormRequest } from '../../../src/core/types.js';
import { slackTextToPlain, stripLeadingMention } from '../../../adapters/slack/slack-text.js';

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
  it('is linear on adversarial input', () => {
    const text = '<'.repeat(50_000) + 'https://x' + '|'.repeat(50_000);
    const started = performance.now();
    slackTextToPlain(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

const FORM: FormRequest = {
  command: 'list',
  option: 'lines',
  title: 'Check a list',
  label: 'L',
  hint: 'H',
  placeholder: 'P',
  submit: 'Check',
  empty: 'E',
};

describe('form modal (the list modal)', () => {
  it('round-trips its target through private_metadata and refuses foreign metadata', () => {
    const view = formModal(FORM, { channelId: 'C1', threadTs: '1.2', workspaceId: 'T1' });
    expect(parseSubmission(view.callback_id ?? '', view.private_metadata ?? '')).toEqual({
      command: 'list',
      option: 'lines',
      empty: 'E',
      channelId: 'C1',
      threadTs: '1.2',
      workspaceId: 'T1',
    });
    expect(parseSubmission('trained_list', '{"c":"<!channel>","o":"lines"}')).toBeUndefined();
    expect(parseSubmission('trained_list', 'nope')).toBeUndefined();
    expect(parseSubmission('elsewhere', view.private_metadata ?? '')).toBeUndefined();
    expect(submittedText({ option: 'lines' }, { lines: { lines_input: { value: 'a\nb' } } })).toBe('a\nb');
  });
});
