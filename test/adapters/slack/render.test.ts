import { describe, expect, it } from 'vitest';
import { answer } from '../../../src/core/delivery.js';
import type { Evidence, Reply, SongGroup } from '../../../src/core/types.js';
import { clampEscaped, escapeMrkdwn, mrkdwnLink } from '../../../adapters/slack/escape.js';
import { MAX_FALLBACK_TEXT } from '../../../adapters/slack/limits.js';
import { renderReply, renderUnfurl, UNTITLED, type Block } from '../../../adapters/slack/render.js';
import { blockProblems } from '../../stand-ins/slack/block-kit.js';

// Slack's published Block Kit limits (docs.slack.dev/reference/block-kit: 50 blocks in a message, section and
// mrkdwn text 3000 characters, button text 75), written here, not imported: a limit raised in the code must make
// these tests fail (reliability check 26). MAX_FALLBACK_TEXT is our own budget, not Slack's.
const MAX_BLOCKS_PER_MESSAGE = 50;
const MAX_SECTION_TEXT = 3000;
const MAX_BUTTON_TEXT = 75;

function evidence(over: Partial<Evidence> = {}): Evidence {
  return {
    dataset: 'fma',
    datasetName: 'FMA',
    rowKey: '42',
    title: 'Song',
    artists: ['Band'],
    basis: 'exact',
    url: 'https://freemusicarchive.org/music/Band/Album/Song',
    ...over,
  };
}

function group(title: string, artists: string[], rows: Evidence[]): SongGroup {
  return { title, artists, basis: rows[0]?.basis ?? 'exact', evidence: rows };
}

function reply(over: Partial<Reply> = {}): Reply {
  return { tone: 'found', headline: 'Found in 1 dataset', groups: [], notes: [], actions: [], ...over };
}

/** Every string Slack would parse as mrkdwn in the payload. */
function mrkdwnTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(visit);
    }
  };
  visit(blocks);
  return out;
}

function sectionTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text !== undefined ? [b.text.text] : []));
}

const HOSTILE = '<!channel> & <https://evil|Spotify> <@U123> <!here>';

describe('Slack escaping', () => {
  it('escapes &, < and > so nothing pings or masks a link', () => {
    expect(escapeMrkdwn('<!channel> & <https://evil|Spotify>')).toBe('&lt;!channel&gt; &amp; &lt;https://evil|Spotify&gt;');
  });
  it('cuts escaped text without splitting an entity or a surrogate pair', () => {
    const cut = clampEscaped(escapeMrkdwn('a'.repeat(8) + '&&&&'), 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut).not.toMatch(/&[a-z]{0,3}…$/);
    const emoji = clampEscaped('ab😀😀😀', 4);
    expect(emoji).toBe('ab…');
  });
  it('links only plain http(s) row URLs and never lets the URL pick the label', () => {
    expect(mrkdwnLink('https://www.youtube.com/watch?v=abc&t=1', 'open')).toBe('<https://www.youtube.com/watch?v=abc&amp;t=1|open>');
    expect(mrkdwnLink('https://evil|Spotify', 'open')).toBeUndefined();
    expect(mrkdwnLink('https://a>b', 'open')).toBeUndefined();
    expect(mrkdwnLink('javascript:alert(1)', 'open')).toBeUndefined();
  });
});

describe('renderReply', () => {
  it('renders a found reply with dataset wording, basis and an escaped fallback', () => {
    const r = reply({
      groups: [
        group(
          'Song',
          ['Band'],
          [evidence(), evidence({ dataset: 'laion', datasetName: 'LAION-DISCO-12M', rowKey: 'dQw4w9WgXcQ', basis: 'id' })],
        ),
      ],
      notes: ['Not found in Spotify Tracks as indexed on 2026-11-01.'],
      actions: [{ kind: 'share', label: 'Share in channel', id: 'share:1' }],
    });
    const msg = renderReply(r);
    const text = sectionTexts(msg.blocks).join('\n');
    expect(text).toContain('present in FMA (row 42)');
    expect(text).toContain('present in LAION-DISCO-12M (row dQw4w9WgXcQ)');
    expect(text).toContain('same platform id (certain)');
    expect(text).toContain('<https://freemusicarchive.org/music/Band/Album/Song|open>');
    expect(msg.text).toContain('Found in 1 dataset');
    const actions = msg.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({ elements: [{ type: 'button', value: 'share:1', action_id: 'trained_action:share:0' }] });
    for (const t of mrkdwnTexts(msg.blocks)) expect(t).not.toMatch(/proof|stolen|trained on this/i);
  });

  it('escapes hostile dataset and user text everywhere, including the fallback', () => {
    const r = reply({
      headline: `Results for ${HOSTILE}`,
      body: [HOSTILE],
      groups: [
        group(HOSTILE, [HOSTILE], [evidence({ datasetName: HOSTILE, rowKey: HOSTILE, version: HOSTILE, url: 'https://evil|Spotify' })]),
      ],
      notes: [HOSTILE],
      actions: [{ kind: 'more', label: HOSTILE, id: 'more:1' }],
    });
    const msg = renderReply(r);
    const texts = mrkdwnTexts(msg.blocks);
    expect(texts.length).toBeGreaterThanOrEqual(4);
    for (const t of [...texts, msg.text]) {
      expect(t).not.toMatch(/<[!@#]/);
      expect(t).not.toContain('<https://evil');
    }
    for (const t of texts) {
      expect(t).not.toContain('<!channel>');
      expect(t).not.toContain('<!here>');
      expect(t).not.toContain('<@U123>');
      expect(t).not.toContain('<https://evil');
      expect(t).toContain('&lt;!channel&gt;');
    }
    // Text objects are verbatim: Slack does not turn bare names or URLs into links or mentions.
    const visit = JSON.stringify(msg.blocks);
    expect(visit).not.toContain('"verbatim":false');
    expect((JSON.parse(visit) as unknown[]).length).toBe(msg.blocks.length);
  });

  it('keeps 3,000-character titles and 40 songs inside Block Kit limits', () => {
    const long = 'T&<'.repeat(1000);
    const groups = Array.from({ length: 40 }, (_, i) =>
      group(
        `${long}${i}`,
        [long],
        Array.from({ length: 30 }, (_, j) => evidence({ rowKey: `${i}-${j}`, title: long })),
      ),
    );
    const r = reply({ headline: long, body: [long, long, long, long], groups, notes: Array.from({ length: 15 }, () => long) });
    const msg = renderReply(r);
    expect(msg.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    for (const t of mrkdwnTexts(msg.blocks)) expect(t.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(blockProblems(msg.blocks, 'message')).toEqual([]);
    expect(msg.text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
    expect(sectionTexts(msg.blocks).some((t) => t.includes('…and 30 more songs'))).toBe(false);
    expect(mrkdwnTexts(msg.blocks).some((t) => t.includes('…and 30 more songs'))).toBe(true);
    // Each song shows rows even when its title is 3,000 characters long.
    expect(sectionTexts(msg.blocks).filter((t) => t.includes('present in FMA')).length).toBeGreaterThan(5);
  });

  it('keeps random Unicode titles inside the limits', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const unicode = (n: number): string =>
      Array.from({ length: n }, () =>
        String.fromCodePoint(rand() < 0.1 ? 0x1f300 + Math.floor(rand() * 500) : 0x20 + Math.floor(rand() * 0x3000)),
      ).join('');
    const groups = Array.from({ length: 40 }, () =>
      group(unicode(300), [unicode(300)], [evidence({ title: unicode(300), datasetName: unicode(300) })]),
    );
    const msg = renderReply(reply({ headline: unicode(300), groups, actions: [{ kind: 'more', label: unicode(300), id: 'm' }] }));
    expect(msg.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    expect(blockProblems(msg.blocks, 'message')).toEqual([]);
    for (const t of mrkdwnTexts(msg.blocks)) expect(t.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    const button = msg.blocks.find((b) => b.type === 'actions');
    expect(JSON.stringify(button)).toBeTruthy();
    const label = (button as { elements: { text: { text: string } }[] }).elements[0]?.text.text ?? '';
    expect(label.length).toBeLessThanOrEqual(MAX_BUTTON_TEXT);
    expect(JSON.stringify(msg)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('shows every row of a core page (25), over several sections when the rows need them', () => {
    const rows = Array.from({ length: 25 }, (_, i) => evidence({ rowKey: `row${i}`, datasetName: `Dataset ${'x'.repeat(150)}` }));
    const msg = renderReply(reply({ groups: [group('Song', ['Band'], rows)] }));
    const texts = sectionTexts(msg.blocks);
    for (const i of [0, 12, 24]) expect(texts.join('\n')).toContain(`(row row${i})`);
    expect(texts.length).toBeGreaterThan(2);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
  });

  it('never sends a text object that is empty or only whitespace', () => {
    const blank = ' \n\t ';
    const msg = renderReply(
      reply({ headline: blank, body: [blank, 'kept', ''], notes: [blank], groups: [group(blank, [], [evidence({ title: blank })])] }),
    );
    expect(blockProblems(msg.blocks, 'message')).toEqual([]);
    expect(sectionTexts(msg.blocks).join('\n')).toContain(`*${UNTITLED}*`);
    expect(msg.blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('shows the buttons the core left: a shared message has no Share button', () => {
    const r = reply({ actions: [{ kind: 'share', label: 'Share', id: 's' }] });
    const shared = answer(r, { mode: 'reply', visibility: 'public', original: 'keep' }).reply;
    expect(renderReply(shared).blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('renderUnfurl', () => {
  it('says found, in which datasets and how sure, in one compact block', () => {
    const r = reply({
      groups: [group('Song', ['Band'], [evidence({ basis: 'id' }), evidence({ datasetName: 'Spotify Tracks', basis: 'exact' })])],
    });
    r.groups[0] = { ...r.groups[0]!, basis: 'id' };
    const { blocks } = renderUnfurl(r);
    expect(blocks).toHaveLength(1);
    // Which rows were found by the link's id, and which by the linked track's title and artist.
    expect(sectionTexts(blocks)[0]).toBe(
      '*Trained:* Found in 1 dataset\npresent in FMA · same platform id (certain)\npresent in Spotify Tracks · same title and artist as the linked track (strong)',
    );
  });
  it('never says "present in" of a candidate or of a title alone', () => {
    const r = reply({
      tone: 'candidates',
      groups: [group('Song', ['Band'], [evidence({ basis: 'fuzzy' }), evidence({ datasetName: 'Spotify Tracks', basis: 'title' })])],
    });
    expect(sectionTexts(renderUnfurl(r).blocks)[0]).toBe(
      '*Trained:* Found in 1 dataset\nsame title in Spotify Tracks · same title; no artist given\nsimilar titles in FMA · similar title (a candidate, not a match)',
    );
  });
  it('says not found with the note, escaped', () => {
    const r = reply({
      tone: 'not-found',
      headline: 'Not found <!channel>',
      notes: ['Not found in these 4 datasets as indexed on 2026-11-01.'],
    });
    expect(sectionTexts(renderUnfurl(r).blocks)[0]).toBe(
      '*Trained:* Not found &lt;!channel&gt;\nNot found in these 4 datasets as indexed on 2026-11-01.',
    );
  });
  it('adds a one-line hint under the preview when asked, still a valid unfurl', () => {
    const { blocks } = renderUnfurl(reply(), 'Invite Trained & see <this>');
    expect(blocks[1]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Invite Trained &amp; see &lt;this&gt;', verbatim: true }],
    });
    expect(blockProblems(blocks, 'unfurl')).toEqual([]);
  });
});
