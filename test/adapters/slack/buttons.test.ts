/**
 * Reply buttons and inline lists on Slack, through the real Bolt app, core and Typesense:
 * Share posts for everyone, More pages in place, Export and `/trained list …` post a CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackRow } from '../../../src/index/document.js';
import { startSlackHarness, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { blockAction, CHANNEL, slashCommand } from '../../stand-ins/slack/payloads.js';
import type { RecordedCall } from '../../stand-ins/slack/web-api.js';

const rows: TrackRow[] = [
  { dataset: 'laion-disco-12m', rowKey: 'boh00000001', title: 'Bohemian Rhapsody', artists: ['Queen'] },
  { dataset: 'sleeping-disco-9m', rowKey: 'boh00000002', title: 'Bohemian Rhapsody', artists: ['Queen'] },
  // More rows than one page (25), so the answer offers More.
  ...Array.from({ length: 30 }, (_, i) => ({
    dataset: 'fma',
    rowKey: `page${String(i).padStart(4, '0')}`,
    title: 'Paging Song',
    artists: ['Pager'],
  })),
];

interface Button {
  action_id?: string;
  value?: string;
}
interface Message {
  response_type?: string;
  text: string;
  blocks: { type: string; elements?: Button[] }[];
  replace_original?: boolean;
  delete_original?: boolean;
}

let h: SlackHarness;
let seq = 0;

beforeAll(async () => {
  h = await startSlackHarness({ rows });
});
afterAll(async () => {
  await h?.stop();
});

async function slash(text: string): Promise<Message> {
  const res = await h.command(slashCommand(text, h.api.responseUrl(`cmd-${++seq}`)));
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as Message;
}

function button(m: Message, kind: 'more' | 'export' | 'share'): Button {
  const found = m.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id?.startsWith(`trained_action:${kind}:`));
  expect(found?.value, `a ${kind} button`).toBeTruthy();
  return found ?? {};
}

async function press(b: Button, responseId: string, onEphemeral = true): Promise<number> {
  const start = h.api.calls.length;
  const res = await h.interaction(blockAction(b.action_id ?? '', b.value ?? '', h.api.responseUrl(responseId), onEphemeral));
  expect(res.status).toBe(200);
  return start;
}

async function since(start: number, method: string): Promise<RecordedCall> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const call = h.api.calls.slice(start).find((c) => c.method === method && c.status === 200 && c.error === undefined);
    if (call !== undefined) return call;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${method}`);
}

describe('reply buttons', () => {
  it('Share posts the answer for the channel, then deletes the private one', async () => {
    const start = await press(button(await slash('Bohemian Rhapsody - Queen'), 'share'), 'share-1');
    const call = await since(start, 'respond');
    const body = call.json as Message;
    expect(call.path).toBe('/respond/share-1');
    expect(body.response_type).toBe('in_channel');
    expect(body.delete_original).toBeUndefined();
    expect(JSON.stringify(body.blocks)).toContain('present in laion-disco-12m (row boh00000001)');
    expect(JSON.stringify(body.blocks)).not.toContain('trained_action:share');
    // delete_original on its own, after the public copy: the person sees one answer, and so does the channel.
    const deadline = Date.now() + 5000;
    while (h.api.visible('share-1').some((m) => m.source === 'original') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(h.api.visible('share-1')).toEqual([expect.objectContaining({ visibility: 'in_channel', source: 'response' })]);
  });

  const rowsShown = (m: { blocks: unknown }): number => (JSON.stringify(m.blocks).match(/present in fma \(row page\d{4}\)/g) ?? []).length;

  it('More shows the next page in place of the first', async () => {
    const first = await slash('Paging Song - Pager');
    // Every row of the core's page is shown, so paging skips none.
    expect(rowsShown(first)).toBe(25);
    const start = await press(button(first, 'more'), 'more-1');
    const body = (await since(start, 'respond')).json as Message;
    expect(body.replace_original).toBe(true);
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('(page 2)');
    expect(rowsShown(body)).toBe(5);
    expect(h.api.visible('more-1')).toEqual([expect.objectContaining({ source: 'original', visibility: 'ephemeral' })]);
    expect(rowsShown(h.api.visible('more-1')[0] ?? { blocks: [] })).toBe(5);
  });

  it('More on a message the channel sees answers privately and leaves that message as it is', async () => {
    const first = await slash('Paging Song - Pager');
    const start = await press(button(first, 'more'), 'more-public', false);
    const body = (await since(start, 'respond')).json as Message;
    expect(body.replace_original).toBeUndefined();
    expect(body.response_type).toBe('ephemeral');
    const shown = h.api.visible('more-public');
    // The shared message is untouched; page 2 is a new message only the presser sees.
    expect(shown).toEqual([
      expect.objectContaining({ source: 'original', visibility: 'in_channel', text: '(the message the button is on)' }),
      expect.objectContaining({ source: 'response', visibility: 'ephemeral' }),
    ]);
    expect(rowsShown(shown[1] ?? { blocks: [] })).toBe(5);
  });

  it('Export uploads the full list as a CSV file in the channel', async () => {
    const start = await press(button(await slash('Paging Song - Pager'), 'export'), 'export-1');
    expect(((await since(start, 'respond')).json as Message).response_type).toBe('ephemeral');
    expect((await since(start, 'files.completeUploadExternal')).params.channel_id).toBe(CHANNEL);
    const csv = (await since(start, 'upload')).raw;
    expect(csv).toContain('page0000');
    expect(csv).toContain('page0029');
  });

  it('a button whose continuation is not ours gets a short problem answer, not a crash', async () => {
    const start = await press({ action_id: 'trained_action:more:0', value: 'forged|value' }, 'forged');
    const body = (await since(start, 'respond')).json as Message;
    expect(body.text).toMatch(/no longer works/);
  });
});

describe('/trained list on one line', () => {
  it('posts the summary in the channel and the CSV next to it', async () => {
    const start = h.api.calls.length;
    const m = await slash('list Bohemian Rhapsody - Queen');
    expect(m.response_type).toBe('in_channel');
    expect(m.text).toContain('Checked 1 line');
    expect((await since(start, 'files.completeUploadExternal')).params.channel_id).toBe(CHANNEL);
    expect((await since(start, 'upload')).raw).toContain('laion-disco-12m:boh00000001');
  });
});
