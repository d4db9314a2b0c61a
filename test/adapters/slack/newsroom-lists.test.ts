/** Newsroom lists: the "Check tracks in message" shortcut and the `/trained list` modal, their CSVs, and where the bot may not post. */
import { describe, expect, it } from 'vitest';
import { CHANNEL, messageShortcut, slashCommand, USER, viewSubmission } from '../../stand-ins/slack/payloads.js';
import type { RecordedCall } from '../../stand-ins/slack/web-api.js';
import {
  allText,
  h,
  parseMessage,
  platformErrors,
  postsSince,
  reportedSince,
  waitForSince,
  withAdapterHarness,
  type Message,
} from './adapter-fixture.js';

withAdapterHarness();

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
