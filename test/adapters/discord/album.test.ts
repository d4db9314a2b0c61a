/**
 * `/trained album:` through the real discord.js against the Discord stand-in (which refuses
 * what Discord refuses): the subcommand is registered with its options, and the answer is an
 * embed with the release's rows plus its CSV as a file, with no mentions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommands } from '../../../adapters/discord/registration.js';
import { COMMANDS } from '../../../commands/index.js';
import type { TrackRow } from '../../../src/index/document.js';
import type { RecordedRequest } from '../../stand-ins/discord/index.js';
import { startDiscordHarness, type DiscordHarness } from '../../stand-ins/discord/harness.js';

const rows: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'hTWKbfoikeg',
    title: 'Smells Like Teen Spirit',
    artists: ['Nirvana'],
    album: 'Nevermind (Remastered)',
  },
  {
    dataset: 'spotify-tracks',
    rowKey: '5ghIJDpPoe3CfHMGu71E6T',
    title: 'Smells Like Teen Spirit',
    artists: ['Nirvana'],
    album: 'Nevermind',
  },
  { dataset: 'fma', rowKey: '77', title: 'Other', artists: ['Other Band'], album: 'Nevermind' },
];

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({ rows });
});
afterAll(async () => {
  await h?.stop();
});

async function answer(interaction: Record<string, unknown>): Promise<RecordedRequest> {
  h.stand.gateway.dispatch('INTERACTION_CREATE', interaction);
  const callback = (r: RecordedRequest): boolean =>
    r.method === 'POST' && r.path === `/interactions/${String(interaction['id'])}/${String(interaction['token'])}/callback`;
  const first = await h.stand.rest.waitFor(callback);
  if ((first.body as { type?: number }).type !== 5) return first;
  return h.stand.rest.waitFor(
    (r) => r.method === 'PATCH' && r.path === `/webhooks/${h.stand.applicationId}/${String(interaction['token'])}/messages/@original`,
  );
}

describe('/trained album on Discord', () => {
  it('is registered as a subcommand with a required album and an optional artist', () => {
    const [chat] = buildCommands(COMMANDS) as { options?: { name: string; options?: { name: string; required?: boolean }[] }[] }[];
    const sub = chat?.options?.find((o) => o.name === 'album');
    expect(sub?.options?.map((o) => [o.name, o.required === true])).toEqual([
      ['album', true],
      ['artist', false],
      ['public', false],
    ]);
  });

  it('answers with the release’s rows per dataset, the titles present and the CSV file', async () => {
    const request = await answer(h.stand.interaction.chatInput('album', { album: 'nevermind', artist: 'Nirvana' }));
    const text = JSON.stringify(request.body);
    expect(text).toContain('2 rows in 2 of 3 datasets');
    expect(text).toContain('Smells Like Teen Spirit');
    expect(text).not.toContain('Other Band');
    expect(text).toContain('"allowed_mentions":{"parse":[],"replied_user":false}');
    expect(request.files.map((f) => f.filename)).toEqual(['trained-album.csv']);
    expect(request.files[0]?.content).toContain('laion-disco-12m,hTWKbfoikeg,Smells Like Teen Spirit,Nirvana,Nevermind (Remastered)');
  });
});
