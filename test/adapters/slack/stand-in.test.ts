/**
 * The Slack stand-in refuses what Slack refuses: one bad call per rule, sent straight to the
 * stand-in, answered as Slack answers (`{ ok: false, error }` with `response_metadata.messages`
 * for Block Kit, HTTP 400 with the error as text on a response_url), and response_url modelled
 * the way Slack documents it. The rules and their published sources are in
 * test/stand-ins/slack/{block-kit,web-api-rules,response-url}.ts; every call the adapter makes in
 * the other Slack tests passes the same checks (the harness fails a file otherwise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackWebApiStandIn } from '../../stand-ins/slack/web-api.js';

let api: SlackWebApiStandIn;
beforeAll(async () => {
  api = await new SlackWebApiStandIn().start();
  api.state.fileLimit = 1000;
});
afterAll(async () => {
  await api?.stop();
});

interface ApiAnswer {
  ok: boolean;
  error?: string;
  response_metadata?: { messages?: string[] };
  upload_url?: string;
  file_id?: string;
}

async function call(method: string, params: Record<string, unknown>): Promise<ApiAnswer> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(`${api.apiUrl}${method}`, { method: 'POST', body: form });
  return (await res.json()) as ApiAnswer;
}

async function respond(id: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(api.responseUrl(id), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

const section = (text: string): Record<string, unknown> => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'button',
  text: { type: 'plain_text', text: 'More' },
  action_id: 'a',
  value: 'v',
  ...extra,
});

/** A post of these blocks is refused with invalid_blocks, naming `pointer`. */
async function expectInvalidBlocks(blocks: unknown[], pointer: string): Promise<void> {
  const answer = await call('chat.postMessage', { channel: 'C0CHANNEL', text: 'fallback', blocks });
  expect(answer.ok).toBe(false);
  expect(answer.error).toBe('invalid_blocks');
  expect(answer.response_metadata?.messages?.join('\n')).toContain(`[json-pointer:${pointer}]`);
}

describe('Slack stand-in: Block Kit in messages (@slack/types, docs.slack.dev Block Kit reference)', () => {
  it('accepts a well-formed message', async () => {
    expect(
      await call('chat.postMessage', {
        channel: 'C0CHANNEL',
        text: 'x',
        blocks: [section('hi'), { type: 'actions', elements: [button()] }],
      }),
    ).toMatchObject({ ok: true });
  });

  it('refuses more than 50 blocks and section text over 3000 characters, empty or blank', async () => {
    await expectInvalidBlocks(
      Array.from({ length: 51 }, () => section('x')),
      '/blocks',
    );
    await expectInvalidBlocks([section('x'.repeat(3001))], '/blocks/0/text/text');
    await expectInvalidBlocks([section('')], '/blocks/0/text/text');
    await expectInvalidBlocks([section(' \n ')], '/blocks/0/text/text');
  });

  it('refuses more than 10 section fields or context elements, and more than 25 actions', async () => {
    const text = { type: 'mrkdwn', text: 'f' };
    await expectInvalidBlocks([{ type: 'section', fields: Array.from({ length: 11 }, () => text) }], '/blocks/0/fields');
    await expectInvalidBlocks([{ type: 'context', elements: Array.from({ length: 11 }, () => text) }], '/blocks/0/elements');
    await expectInvalidBlocks(
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }],
      '/blocks/0/elements',
    );
  });

  it('refuses button text over 75, values over 2000, action_id over 255 or repeated in a block', async () => {
    await expectInvalidBlocks(
      [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: 'b'.repeat(76) } })] }],
      '/blocks/0/elements/0/text/text',
    );
    await expectInvalidBlocks([{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }], '/blocks/0/elements/0/value');
    await expectInvalidBlocks([{ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }], '/blocks/0/elements/0/action_id');
    await expectInvalidBlocks([{ type: 'actions', elements: [button(), button()] }], '/blocks/0/elements/1/action_id');
  });

  it('refuses block_id over 255 or repeated, and a message with neither text nor blocks', async () => {
    await expectInvalidBlocks([{ ...section('x'), block_id: 'b'.repeat(256) }], '/blocks/0/block_id');
    await expectInvalidBlocks(
      [
        { ...section('x'), block_id: 'same' },
        { ...section('y'), block_id: 'same' },
      ],
      '/blocks/1/block_id',
    );
    expect(await call('chat.postMessage', { channel: 'C0CHANNEL', text: ' ' })).toMatchObject({ ok: false, error: 'no_text' });
  });

  it('answers not_in_channel where the bot is not a member (learnt from link_shared), without counting it as a malformed call', async () => {
    api.linkShared({ channel: 'C0OUTSIDE', message_ts: '1.1', is_bot_user_member: false, links: [{ url: 'https://youtu.be/x' }] });
    expect(await call('chat.postMessage', { channel: 'C0OUTSIDE', text: 'x' })).toMatchObject({ ok: false, error: 'not_in_channel' });
    expect(api.refusals.some((c) => c.error === 'not_in_channel')).toBe(false);
  });
});

describe('Slack stand-in: modals (views.open)', () => {
  const input = {
    type: 'input',
    block_id: 'lines',
    label: { type: 'plain_text', text: 'Songs' },
    element: { type: 'plain_text_input', action_id: 'i' },
  };
  const modal = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'modal',
    title: { type: 'plain_text', text: 'Check a list' },
    submit: { type: 'plain_text', text: 'Check' },
    blocks: [input],
    ...extra,
  });
  const open = (view: unknown): Promise<ApiAnswer> => call('views.open', { trigger_id: 't', view });

  it('accepts a well-formed modal and refuses one without a trigger_id', async () => {
    expect(await open(modal())).toMatchObject({ ok: true });
    expect(await call('views.open', { view: modal() })).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('refuses a title over 24 characters, a missing submit with an input, and more than 100 blocks', async () => {
    const refusedAt = async (view: unknown, pointer: string): Promise<void> => {
      const answer = await open(view);
      expect(answer).toMatchObject({ ok: false, error: 'invalid_arguments' });
      expect(answer.response_metadata?.messages?.join('\n')).toContain(`[json-pointer:${pointer}]`);
    };
    await refusedAt(modal({ title: { type: 'plain_text', text: 't'.repeat(25) } }), '/view/title/text');
    await refusedAt(modal({ submit: undefined }), '/view/submit');
    await refusedAt(modal({ blocks: Array.from({ length: 101 }, (_, i) => ({ ...section('x'), block_id: `b${i}` })) }), '/view/blocks');
    await refusedAt(modal({ private_metadata: 'm'.repeat(3001) }), '/view/private_metadata');
    await refusedAt(
      modal({ blocks: [{ ...input, element: { ...input.element, max_length: 3001 } }] }),
      '/view/blocks/0/element/max_length',
    );
  });
});

describe('Slack stand-in: chat.unfurl', () => {
  const url = 'https://youtu.be/dQw4w9WgXcQ';
  const unfurls = { [url]: { blocks: [section('preview')] } };
  beforeAll(() => {
    api.linkShared({ channel: 'C0CHANNEL', message_ts: '1700.1', unfurl_id: 'U.1', links: [{ url }] });
  });

  it('accepts channel with ts, or unfurl_id with source, keyed by the URLs of the message', async () => {
    expect(await call('chat.unfurl', { channel: 'C0CHANNEL', ts: '1700.1', unfurls })).toMatchObject({ ok: true });
    expect(await call('chat.unfurl', { unfurl_id: 'U.1', source: 'composer', unfurls })).toMatchObject({ ok: true });
  });

  it('refuses both target pairs at once, half a pair, or an unknown source', async () => {
    for (const target of [
      { channel: 'C0CHANNEL', ts: '1700.1', unfurl_id: 'U.1', source: 'composer' },
      { channel: 'C0CHANNEL' },
      { unfurl_id: 'U.1' },
      { unfurl_id: 'U.1', source: 'timeline' },
    ]) {
      expect(await call('chat.unfurl', { ...target, unfurls })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    }
  });

  it('refuses a URL that is not in the message, and invalid unfurl blocks', async () => {
    const other = { 'https://youtu.be/other': { blocks: [section('x')] } };
    expect(await call('chat.unfurl', { channel: 'C0CHANNEL', ts: '1700.1', unfurls: other })).toMatchObject({
      ok: false,
      error: 'cannot_unfurl_message',
    });
    const bad = { [url]: { blocks: [section('x'.repeat(3001))] } };
    expect(await call('chat.unfurl', { channel: 'C0CHANNEL', ts: '1700.1', unfurls: bad })).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
    });
  });
});

describe('Slack stand-in: files upload v2', () => {
  it('refuses a zero or over-limit length, an upload of other than the declared bytes, and unknown files', async () => {
    expect(await call('files.getUploadURLExternal', { filename: 'a.csv', length: 0 })).toMatchObject({
      ok: false,
      error: 'missing_argument',
    });
    expect(await call('files.getUploadURLExternal', { filename: 'a.csv', length: 1001 })).toMatchObject({
      ok: false,
      error: 'file_upload_size_restricted',
    });
    const ticket = await call('files.getUploadURLExternal', { filename: 'a.csv', length: 3 });
    expect((await fetch(ticket.upload_url ?? '', { method: 'POST', body: 'four' })).status).toBe(400);
    expect(await call('files.completeUploadExternal', { files: [{ id: ticket.file_id }], channel_id: 'C0CHANNEL' })).toMatchObject({
      ok: false,
      error: 'file_not_found',
    });
  });

  it('refuses thread_ts without channel_id, and a user id as channel_id', async () => {
    const ticket = await call('files.getUploadURLExternal', { filename: 'a.csv', length: 3 });
    expect((await fetch(ticket.upload_url ?? '', { method: 'POST', body: 'abc' })).status).toBe(200);
    const files = [{ id: ticket.file_id, title: 'a.csv' }];
    expect(await call('files.completeUploadExternal', { files, thread_ts: '1.2' })).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
    });
    expect(await call('files.completeUploadExternal', { files, channel_id: 'U0PERSON' })).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
    });
    expect(await call('files.completeUploadExternal', { files, channel_id: 'C0CHANNEL', thread_ts: '1.2' })).toMatchObject({ ok: true });
  });
});

describe('Slack stand-in: response_url', () => {
  const answer = { text: 'answer', blocks: [section('answer')] };

  it("after a slash command's ack, replace_original posts a second message and delete_original does nothing", async () => {
    api.ack(api.responseUrl('cmd'), { response_type: 'ephemeral', text: 'Checking…' });
    expect((await respond('cmd', { ...answer, replace_original: true })).status).toBe(200);
    expect(api.visible('cmd').map((m) => m.text)).toEqual(['Checking…', 'answer']);
    expect((await respond('cmd', { delete_original: true })).status).toBe(200);
    expect(api.visible('cmd')).toHaveLength(2);
  });

  it('on a public message, replace_original keeps it public whatever response_type says', async () => {
    api.setOrigin(api.responseUrl('public'), { kind: 'message', visibility: 'in_channel' });
    await respond('public', { ...answer, response_type: 'ephemeral', replace_original: true });
    expect(api.visible('public')).toEqual([expect.objectContaining({ source: 'original', visibility: 'in_channel', text: 'answer' })]);
  });

  it('deletes the original on its own, and refuses delete_original mixed with content', async () => {
    api.setOrigin(api.responseUrl('private'), { kind: 'message', visibility: 'ephemeral' });
    api.takeRefusals();
    expect(await respond('private', { ...answer, delete_original: true })).toEqual({ status: 400, text: 'invalid_payload' });
    expect(api.takeRefusals().map((c) => c.refused)).toEqual(['delete_original sent with text, blocks']);
    expect((await respond('private', { delete_original: true })).status).toBe(200);
    expect(api.visible('private')).toEqual([]);
  });

  it('refuses invalid blocks and a body without text, and takes at most 5 posts', async () => {
    expect(await respond('spent', { text: 'x', blocks: [section('x'.repeat(3001))] })).toEqual({ status: 400, text: 'invalid_blocks' });
    expect(await respond('spent', { response_type: 'ephemeral' })).toEqual({ status: 400, text: 'no_text' });
    api.takeRefusals();
    for (let i = 0; i < 3; i++) expect((await respond('spent', answer)).status).toBe(200);
    expect((await respond('spent', answer)).status).toBe(404);
  });
});
