/**
 * The Discord REST stand-in refuses what Discord refuses: one bad body per rule, sent straight
 * to the stand-in, answered with Discord's status and error JSON (400 with code 50035 and the
 * failing field's path, 50006, 40060, 413 with 40005). The rules and their published sources are
 * listed in test/stand-ins/discord/validate*.ts; every payload the adapter sends in the other
 * Discord tests passes the same checks (the stand-in's stop() fails otherwise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordStandIn, type DiscordStandIn } from '../../stand-ins/discord/index.js';

let stand: DiscordStandIn;
beforeAll(async () => {
  stand = await startDiscordStandIn({ attachmentSizeLimit: 1024 });
});
afterAll(async () => {
  stand.rest.takeRefusals();
  await stand?.stop();
});

interface Answer {
  status: number;
  json: { code?: number; errors?: Record<string, unknown> } | undefined;
}

async function send(method: string, path: string, body: unknown, file?: { name: string; bytes: number }): Promise<Answer> {
  const url = `${stand.rest.apiUrl}/v10${path}`;
  let init: RequestInit;
  if (file === undefined) init = { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  else {
    const form = new FormData();
    form.append('payload_json', JSON.stringify(body));
    form.append('files[0]', new Blob([new Uint8Array(file.bytes)]), file.name);
    init = { method, body: form };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as Answer['json']) };
}

/** The `_errors` Discord nests at `path` in an Invalid Form Body answer. */
function errorsAt(answer: Answer, ...path: (string | number)[]): unknown[] {
  let node: unknown = answer.json?.errors;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[String(key)];
  return ((node as { _errors?: unknown[] } | undefined)?._errors ?? []) as unknown[];
}

function expectFormError(answer: Answer, ...path: (string | number)[]): void {
  expect(answer.status).toBe(400);
  expect(answer.json?.code).toBe(50035);
  expect(errorsAt(answer, ...path), `errors at ${path.join('.')}: ${JSON.stringify(answer.json)}`).not.toEqual([]);
}

/** A fresh slash-command interaction's callback path; its token is registered as a chat-input interaction. */
function callbackPath(kind: 'command' | 'autocomplete' | 'button' = 'command'): string {
  const i =
    kind === 'command'
      ? stand.interaction.chatInput('song', { title: 'x' })
      : kind === 'autocomplete'
        ? stand.interaction.autocomplete('song', 'title', 'x')
        : stand.interaction.button('more');
  return `/interactions/${String(i['id'])}/${String(i['token'])}/callback`;
}

const reply = (data: Record<string, unknown>): { type: number; data: Record<string, unknown> } => ({ type: 4, data });
const embed = (e: Record<string, unknown>): Record<string, unknown> => ({ embeds: [{ color: 1, ...e }] });
const button = (b: Record<string, unknown>): Record<string, unknown> => ({ type: 2, style: 2, label: 'More', custom_id: 'c', ...b });
const row = (...components: Record<string, unknown>[]): Record<string, unknown> => ({ type: 1, components });
const channelPath = (): string => `/channels/${stand.channelIds[0]}/messages`;

describe('Discord stand-in: message bodies (builders validators, discord-api-docs message.mdx)', () => {
  it('accepts a well-formed answer, measuring after Discord trims whitespace', async () => {
    const ok = await send('POST', callbackPath(), reply(embed({ title: `  ${'t'.repeat(256)}  `, fields: [{ name: 'n', value: 'v' }] })));
    expect(ok.status).toBe(204);
  });

  it('refuses content over 2000 characters and more than 10 embeds', async () => {
    expectFormError(await send('POST', channelPath(), { content: 'x'.repeat(2001) }), 'content');
    expectFormError(await send('POST', channelPath(), { embeds: Array.from({ length: 11 }, () => ({ description: 'd' })) }), 'embeds');
  });

  it('refuses embed titles over 256, descriptions over 4096 and footers over 2048', async () => {
    expectFormError(await send('POST', callbackPath(), reply(embed({ title: 't'.repeat(257) }))), 'data', 'embeds', 0, 'title');
    expectFormError(
      await send('POST', callbackPath(), reply(embed({ description: 'd'.repeat(4097) }))),
      'data',
      'embeds',
      0,
      'description',
    );
    expectFormError(
      await send('POST', callbackPath(), reply(embed({ footer: { text: 'f'.repeat(2049) } }))),
      'data',
      'embeds',
      0,
      'footer',
      'text',
    );
  });

  it('refuses more than 25 fields, names over 256 and values over 1024', async () => {
    const fields = Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' }));
    expectFormError(await send('POST', callbackPath(), reply(embed({ fields }))), 'data', 'embeds', 0, 'fields');
    expectFormError(
      await send('POST', callbackPath(), reply(embed({ fields: [{ name: 'n'.repeat(257), value: 'v' }] }))),
      'data',
      'embeds',
      0,
      'fields',
      0,
    );
    expectFormError(
      await send('POST', callbackPath(), reply(embed({ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }))),
      'data',
      'embeds',
      0,
      'fields',
      0,
    );
  });

  it('refuses a field name that is only whitespace once trimmed', async () => {
    const answer = await send('POST', callbackPath(), reply(embed({ fields: [{ name: ' \u3000\t ', value: 'v' }] })));
    expectFormError(answer, 'data', 'embeds', 0, 'fields', 0, 'name');
  });

  it('refuses more than 6000 characters across the embeds of one message', async () => {
    const big = { description: 'd'.repeat(3500) };
    expectFormError(await send('POST', channelPath(), { embeds: [big, big] }), 'embeds');
  });

  it('refuses more than 5 action rows, more than 5 buttons a row, long labels and custom ids, and repeated ids', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => row(button({ custom_id: `r${i}` })));
    expectFormError(await send('POST', callbackPath(), reply({ components: rows })), 'data', 'components');
    const six = row(...Array.from({ length: 6 }, (_, i) => button({ custom_id: `b${i}` })));
    expectFormError(await send('POST', callbackPath(), reply({ components: [six] })), 'data', 'components', 0, 'components');
    expectFormError(
      await send('POST', callbackPath(), reply({ components: [row(button({ label: 'l'.repeat(81) }))] })),
      'data',
      'components',
      0,
      'components',
      0,
      'label',
    );
    expectFormError(
      await send('POST', callbackPath(), reply({ components: [row(button({ custom_id: 'c'.repeat(101) }))] })),
      'data',
      'components',
      0,
      'components',
      0,
      'custom_id',
    );
    const twice = [row(button({ custom_id: 'same' }), button({ custom_id: 'same' }))];
    expectFormError(
      await send('POST', callbackPath(), reply({ components: twice })),
      'data',
      'components',
      0,
      'components',
      1,
      'custom_id',
    );
    expectFormError(
      await send('POST', callbackPath(), reply({ components: [row(button({ label: undefined }))] })),
      'data',
      'components',
      0,
    );
  });

  it('refuses unknown allowed_mentions types and flags a route may not set', async () => {
    expectFormError(
      await send('POST', channelPath(), { content: 'x', allowed_mentions: { parse: ['here'] } }),
      'allowed_mentions',
      'parse',
    );
    // EPHEMERAL exists only for interaction responses.
    expectFormError(await send('POST', channelPath(), { content: 'x', flags: 64 }), 'flags');
    // A deferral may set only EPHEMERAL (SUPPRESS_EMBEDS is 4).
    expectFormError(await send('POST', callbackPath(), { type: 5, data: { flags: 4 } }), 'data', 'flags');
  });

  it('refuses an empty message with code 50006', async () => {
    const answer = await send('POST', callbackPath(), reply({ embeds: [], components: [] }));
    expect(answer).toMatchObject({ status: 400, json: { code: 50006 } });
  });

  it("refuses a file over the interaction's attachment_size_limit with 413 and code 40005", async () => {
    const small = await send('POST', callbackPath(), reply({ content: 'csv' }), { name: 'a.csv', bytes: 1024 });
    expect(small.status).toBe(204);
    const big = await send('POST', callbackPath(), reply({ content: 'csv' }), { name: 'a.csv', bytes: 1025 });
    expect(big).toMatchObject({ status: 413, json: { code: 40005 } });
  });
});

describe('Discord stand-in: interaction callbacks (receiving-and-responding.mdx)', () => {
  it('refuses a second answer to one interaction with code 40060', async () => {
    const path = callbackPath();
    expect((await send('POST', path, { type: 5 })).status).toBe(204);
    expect(await send('POST', path, reply({ content: 'again' }))).toMatchObject({ status: 400, json: { code: 40060 } });
  });

  it('refuses callback types that do not fit the interaction', async () => {
    // UPDATE_MESSAGE is for components; an autocomplete result only for autocomplete.
    expectFormError(await send('POST', callbackPath('command'), { type: 7, data: { content: 'x' } }), 'type');
    expectFormError(await send('POST', callbackPath('command'), { type: 8, data: { choices: [] } }), 'type');
    expectFormError(await send('POST', callbackPath('autocomplete'), reply({ content: 'x' })), 'type');
    expect((await send('POST', callbackPath('button'), { type: 7, data: { content: 'page 2' } })).status).toBe(204);
  });

  it('refuses more than 25 autocomplete choices and choice names over 100', async () => {
    const many = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    expectFormError(await send('POST', callbackPath('autocomplete'), { type: 8, data: { choices: many } }), 'data', 'choices');
    const long = [{ name: 'n'.repeat(101), value: 'v' }];
    expectFormError(await send('POST', callbackPath('autocomplete'), { type: 8, data: { choices: long } }), 'data', 'choices');
  });
});

describe('Discord stand-in: threads and command registration (channel.mdx, application-commands.mdx)', () => {
  it('refuses a thread name over 100 characters or empty', async () => {
    const path = `/channels/${stand.channelIds[0]}/messages/1/threads`;
    expectFormError(await send('POST', path, { name: 'n'.repeat(101) }), 'name');
    expectFormError(await send('POST', path, { name: '' }), 'name');
  });

  const commandsPath = (): string => `/applications/${stand.applicationId}/commands`;
  const str = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 3,
    name,
    description: 'd',
    ...extra,
  });
  const chat = (extra: Record<string, unknown>): Record<string, unknown>[] => [{ type: 1, name: 'trained', description: 'd', ...extra }];

  it('accepts the shapes the bot registers: subcommands, choices, autocomplete, contexts and integration types', async () => {
    const ok = await send('PUT', commandsPath(), [
      ...chat({
        options: [{ type: 1, name: 'song', description: 'd', options: [str('title', { required: true, autocomplete: true })] }],
        integration_types: [0, 1],
        contexts: [0, 1, 2],
      }),
      { type: 3, name: 'Check tracks in this message', integration_types: [0, 1], contexts: [0, 1, 2] },
    ]);
    expect(ok.status).toBe(200);
  });

  it('refuses bad names, long descriptions and unknown contexts or integration types', async () => {
    expectFormError(await send('PUT', commandsPath(), [{ type: 1, name: 'Trained', description: 'd' }]), 0, 'name');
    expectFormError(await send('PUT', commandsPath(), chat({ description: 'd'.repeat(101) })), 0, 'description');
    expectFormError(await send('PUT', commandsPath(), chat({ contexts: [3] })), 0, 'contexts');
    expectFormError(await send('PUT', commandsPath(), chat({ integration_types: [2] })), 0, 'integration_types');
    expectFormError(await send('PUT', commandsPath(), [{ type: 3, name: 'n'.repeat(33) }]), 0, 'name');
    expectFormError(await send('PUT', commandsPath(), [{ type: 3, name: 'Menu', description: 'no' }]), 0, 'description');
  });

  it('refuses more than 25 options, a required option after an optional one, and max_length over 6000', async () => {
    const many = Array.from({ length: 26 }, (_, i) => str(`o${i}`));
    expectFormError(await send('PUT', commandsPath(), chat({ options: many })), 0);
    expectFormError(
      await send('PUT', commandsPath(), chat({ options: [str('a'), str('b', { required: true })] })),
      0,
      'options',
      1,
      'required',
    );
    expectFormError(await send('PUT', commandsPath(), chat({ options: [str('a', { max_length: 6001 })] })), 0, 'options', 0, 'max_length');
  });

  it('refuses autocomplete together with choices, and a command over 8000 characters', async () => {
    const both = str('a', { autocomplete: true, choices: [{ name: 'x', value: 'x' }] });
    expectFormError(await send('PUT', commandsPath(), chat({ options: [both] })), 0, 'options', 0, 'autocomplete');
    const wide = Array.from({ length: 25 }, (_, i) => ({
      type: 1,
      name: `s${i}`,
      description: 'd'.repeat(100),
      options: Array.from({ length: 4 }, (_, j) => str(`o${j}`, { description: 'd'.repeat(100) })),
    }));
    expectFormError(await send('PUT', commandsPath(), chat({ options: wide })), 0);
  });
});
