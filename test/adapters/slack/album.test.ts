/**
 * `/trained album:<title> artist:<name>` typed into Slack, through the real Bolt app against
 * the Slack stand-in: the text form is parsed, the answer lists the release's rows, and its
 * CSV goes up through the files upload v2 flow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackRow } from '../../../src/index/document.js';
import { startSlackHarness, type SlackHarness } from '../../stand-ins/slack/harness.js';
import { slashCommand } from '../../stand-ins/slack/payloads.js';

const rows: TrackRow[] = [
  {
    dataset: 'laion-disco-12m',
    rowKey: 'hTWKbfoikeg',
    title: 'Smells Like Teen Spirit',
    artists: ['Nirvana'],
    album: 'Nevermind (Remastered)',
  },
  { dataset: 'spotify-tracks', rowKey: '5ghIJDpPoe3CfHMGu71E6T', title: 'Come As You Are', artists: ['Nirvana'], album: 'Nevermind' },
  { dataset: 'fma', rowKey: '77', title: 'Other', artists: ['Other Band'], album: 'Nevermind' },
];

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ rows });
});
afterAll(async () => {
  await h?.stop();
});

async function uploaded(start: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const upload = h.api.calls.slice(start).find((c) => c.method === 'upload');
    if (upload !== undefined) return upload.raw ?? '';
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(
    `no upload; saw ${h.api.calls
      .slice(start)
      .map((c) => c.method)
      .join(', ')}`,
  );
}

describe('/trained album: on Slack', () => {
  it('answers the text form with the release’s rows and uploads its CSV', async () => {
    const start = h.api.calls.length;
    const res = await h.command(slashCommand('album: nevermind artist: Nirvana', h.api.responseUrl('album')));
    expect(res.status).toBe(200);
    const shown = [res.text, ...h.api.visible('album').map((v) => JSON.stringify(v))].join('\n');
    expect(shown).toContain('2 rows in 2 of 3 datasets');
    expect(shown).toContain('Come As You Are');
    expect(shown).not.toContain('Other Band');
    const csv = await uploaded(start);
    expect(csv).toContain('dataset_name,dataset,row_key,title,artists,album,url');
    expect(csv).toContain('spotify-tracks,5ghIJDpPoe3CfHMGu71E6T,Come As You Are,Nirvana,Nevermind');
  });

  it('a bare "album <title>" works too, and an album with no rows is not found, said carefully', async () => {
    const res = await h.command(slashCommand('album Bleach', h.api.responseUrl('bleach')));
    expect(res.status).toBe(200);
    const shown = [res.text, ...h.api.visible('bleach').map((v) => JSON.stringify(v))].join('\n');
    expect(shown).toContain('No rows of the album');
    expect(shown).toMatch(/Not found in these 3 datasets as indexed on/);
  });
});
