import { describe, expect, it } from 'vitest';

// Discord's published embed limits (discord.com/developers/docs/resources/message#embed-object-embed-limits),
// written here, not imported: a limit raised in the code must make these tests fail (reliability check 26).
const EMBED_TITLE_MAX = 256;
const EMBED_DESCRIPTION_MAX = 4096;
const EMBED_FIELDS_MAX = 25;
const EMBED_FIELD_NAME_MAX = 256;
const EMBED_FIELD_VALUE_MAX = 1024;
const EMBED_FOOTER_MAX = 2048;
const EMBED_TOTAL_MAX = 6000;
import { embedSize, reactionFor, renderReply, threadName, UNTITLED } from '../../../adapters/discord/render.js';
import { escapeMarkdown, truncate } from '../../../adapters/discord/text.js';
import { answer } from '../../../src/core/delivery.js';
import type { Delivery, Evidence, Reply, SongGroup } from '../../../src/core/types.js';

/** The renderer behind the core's delivery step: buttons filtered by `answer`, then rendered for that visibility. */
function render(r: Reply, d: Pick<Delivery, 'visibility'> = { visibility: 'ephemeral' }) {
  return renderReply(answer(r, { mode: 'reply', visibility: d.visibility, original: 'keep' }).reply, d);
}

/** Deterministic random Unicode: astral, combining marks, RTL, emoji, markdown and escape characters. */
function randomUnicode(seed: number, length: number): string {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state;
  };
  const pools = [
    [0x20, 0x7e],
    [0x300, 0x36f],
    [0x590, 0x6ff],
    [0x1f300, 0x1f6ff],
    [0x20000, 0x2a6df],
    [0x4e00, 0x9fff],
    [0x200b, 0x202e],
  ] as const;
  const special = ['\\', '[', ']', '(', ')', '@', '<', '>', '`', '*', '_', '\n'];
  let out = '';
  while ([...out].length < length) {
    const r = next();
    if (r % 5 === 0) out += special[next() % special.length];
    else {
      const [lo, hi] = pools[next() % pools.length]!;
      out += String.fromCodePoint(lo + (next() % (hi - lo + 1)));
    }
  }
  return [...out].slice(0, length).join('');
}

function evidence(title: string, i: number): Evidence {
  return {
    dataset: 'laion-disco-12m',
    datasetName: 'LAION-DISCO-12M',
    rowKey: `row-${i}-${title.slice(0, 40)}`,
    title,
    artists: [title],
    basis: i % 3 === 0 ? 'id' : i % 3 === 1 ? 'exact' : 'fuzzy',
    version: i % 4 === 0 ? title.slice(0, 20) : undefined,
  };
}

function reply(groups: SongGroup[], extra: Partial<Reply> = {}): Reply {
  return {
    tone: 'found',
    headline: 'Present in 1 dataset',
    body: ['Searched by title.'],
    groups,
    notes: ['not found in these datasets as indexed on 2026-11-01 is not the same as absent'],
    actions: [
      { kind: 'more', label: 'More', id: 'more:1' },
      { kind: 'export', label: 'Export CSV', id: 'export:1' },
      { kind: 'share', label: 'Share', id: 'share:1' },
    ],
    ...extra,
  };
}

function assertWithinLimits(payload: ReturnType<typeof renderReply>): void {
  let total = 0;
  for (const e of payload.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_FOOTER_MAX);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_FIELDS_MAX);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(EMBED_FIELD_NAME_MAX);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
    }
    total += embedSize(e);
  }
  expect(total).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
  // A lone surrogate would make Discord reject the JSON text as invalid UTF-8 once encoded.
  expect(JSON.stringify(payload.embeds)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
}

describe('Discord renderer', () => {
  it('renders a found reply as one ephemeral embed with More / Export / Share buttons and no mentions', () => {
    const p = render(reply([{ title: 'Song', artists: ['Band'], basis: 'exact', evidence: [evidence('Song', 1)] }]));
    expect(p.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(p.flags).toBe(64);
    expect(p.embeds).toHaveLength(1);
    expect(p.embeds[0]?.title).toBe('Present in 1 dataset');
    expect(p.embeds[0]?.fields?.[0]?.name).toBe('Song by Band');
    expect(p.embeds[0]?.fields?.[0]?.value).toContain('present in LAION\\-DISCO\\-12M \\(row row\\-1\\-Song\\)');
    expect(p.components[0]?.components.map((b) => b.custom_id)).toEqual(['more:1', 'export:1', 'share:1']);
  });

  it('words rows of a title alone as the same title with no artist, never "present in"', () => {
    const row = { ...evidence('Yesterday', 1), basis: 'title' as const };
    const p = render(reply([{ title: 'Yesterday', artists: ['Ray Charles'], basis: 'title', evidence: [row] }], { tone: 'candidates' }));
    const value = p.embeds[0]?.fields?.[0]?.value ?? '';
    expect(value).toContain('same title in LAION\\-DISCO\\-12M');
    expect(value).toContain('same title; no artist given');
    expect(value).not.toContain('present in');
    expect(reactionFor(reply([], { tone: 'candidates' }))).toBe('❔');
  });

  it('drops Share on a public message and sets no ephemeral flag', () => {
    const p = render(reply([]), { visibility: 'public' });
    expect(p.flags).toBe(0);
    expect(p.components[0]?.components.map((b) => b.custom_id)).toEqual(['more:1', 'export:1']);
    expect(render(reply([]), { visibility: 'public' }).flags).toBe(0);
  });

  it('drops a button whose continuation id Discord would refuse (over 100 characters)', () => {
    const p = render(reply([], { actions: [{ kind: 'more', label: 'More', id: 'x'.repeat(101) }] }));
    expect(p.components).toEqual([]);
  });

  it('attaches files for CSV exports', () => {
    const p = render(reply([], { attachments: [{ filename: 'trained.csv', contentType: 'text/csv', content: 'a,b\n1,2\n' }] }));
    expect(p.files).toEqual([{ name: 'trained.csv', contentType: 'text/csv', data: Buffer.from('a,b\n1,2\n') }]);
  });

  it('escapes a hostile dataset title: no masked link, no mention syntax, nothing pings', () => {
    const hostile = '@everyone <@&1> <@2> [Official](https://evil.example)';
    const p = render(
      reply([{ title: hostile, artists: [hostile], basis: 'exact', evidence: [evidence(hostile, 2)] }], {
        headline: hostile,
        body: [hostile],
      }),
    );
    const text = JSON.stringify(p.embeds);
    expect(text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(text).not.toMatch(/(?<!\\\\)<@/);
    expect(text).not.toMatch(/(?<!\\\\)@everyone/);
    expect(p.embeds[0]?.title).toBe('\\@everyone \\<\\@&1\\> \\<\\@2\\> \\[Official\\]\\(https\\://evil\\.example\\)');
    expect(p.allowed_mentions.parse).toEqual([]);
  });

  it('keeps 300-character random Unicode titles with 40 hits within every embed limit', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const titles = Array.from({ length: 40 }, (_, i) => randomUnicode(seed * 100 + i, 300));
      const manySongs = titles.map((t, i) => ({ title: t, artists: [t, t], basis: 'fuzzy' as const, evidence: [evidence(t, i)] }));
      const oneSongManyRows = [{ title: titles[0]!, artists: [titles[1]!], basis: 'exact' as const, evidence: titles.map(evidence) }];
      const long = { headline: titles[0]!.repeat(2), body: titles, notes: titles };
      for (const groups of [manySongs, oneSongManyRows]) {
        const p = render(reply(groups, long));
        assertWithinLimits(p);
        expect(p.embeds[0]?.fields?.length ?? 0).toBeGreaterThan(0);
      }
    }
  });

  it('never sends a field name, title or footer that is blank once Discord trims it', () => {
    // Whitespace, control and bidi characters only: escapeMarkdown turns the controls into spaces.
    const blank = '\u202e \t\u0007\u2066\u3000';
    const p = render(
      reply([{ title: blank, artists: [], basis: 'exact', evidence: [evidence(blank, 1)] }], { headline: blank, notes: [blank] }),
    );
    const embed = p.embeds[0];
    expect(embed?.fields?.[0]?.name).toBe(UNTITLED);
    expect(embed?.title).toBeUndefined();
    expect(embed?.footer).toBeUndefined();
    for (const f of embed?.fields ?? []) expect(f.value.trim()).not.toBe('');
  });

  it('says how many songs did not fit instead of dropping them silently', () => {
    const groups = Array.from({ length: 40 }, (_, i) => ({
      title: `Song ${i}`,
      artists: ['A'],
      basis: 'exact' as const,
      evidence: [evidence(`Song ${i}`, i)],
    }));
    const fields = render(reply(groups)).embeds[0]?.fields ?? [];
    expect(fields).toHaveLength(EMBED_FIELDS_MAX);
    expect(fields.at(-1)?.value).toMatch(/^and 16 more songs/);
  });

  it('names threads in plain text within 100 characters and picks a reaction per outcome', () => {
    expect(threadName(reply([], { headline: 'x'.repeat(300) })).length).toBeLessThanOrEqual(100);
    expect(threadName(reply([], { headline: '\n' }))).toBe('Trained');
    expect(reactionFor(reply([]))).toBe('📀');
    expect(reactionFor(reply([], { tone: 'not-found' }))).toBeUndefined();
  });

  it('truncates at code point boundaries and never leaves a dangling escape', () => {
    expect(truncate('a😀b', 3)).toBe('a…');
    expect(truncate(escapeMarkdown('a[b'), 3)).toBe('a…');
    expect(truncate('short', 10)).toBe('short');
  });
});
