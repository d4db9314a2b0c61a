import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, MAX_ACTION_ID } from '../../src/core/actions.js';
import { toCsv } from '../../src/core/csv.js';
import { renderText } from '../../src/core/render-text.js';
import { describeReading, readingsOf } from '../../src/core/readings.js';
import { parseTextInvocation } from '../../commands/index.js';
import type { Reply } from '../../src/core/types.js';

describe('readingsOf', () => {
  it('tries a dashed query title first, artist first, and whole; an artist given apart is read as given', () => {
    expect(readingsOf('Rick Astley - Never Gonna Give You Up - Live')).toEqual([
      { title: 'Rick Astley - Never Gonna Give You Up', artist: 'Live', order: 'title-artist' },
      { title: 'Never Gonna Give You Up - Live', artist: 'Rick Astley', order: 'artist-title' },
      { title: 'Rick Astley - Never Gonna Give You Up - Live', order: 'title-only' },
    ]);
    expect(readingsOf('Freeway – Kurt Vile').map((r) => [r.title, r.artist])).toEqual([
      ['Freeway', 'Kurt Vile'],
      ['Kurt Vile', 'Freeway'],
      ['Freeway – Kurt Vile', undefined],
    ]);
    expect(readingsOf('Bohemian Rhapsody - Queen', 'Queen')).toEqual([
      { title: 'Bohemian Rhapsody - Queen', artist: 'Queen', order: 'as-given' },
    ]);
    expect(readingsOf('Nothing Else Matters')).toEqual([{ title: 'Nothing Else Matters', order: 'title-only' }]);
    expect(readingsOf('a-ha - Take On Me')[1]).toEqual({ title: 'Take On Me', artist: 'a-ha', order: 'artist-title' });
    expect(readingsOf(' - x')).toEqual([{ title: '- x', order: 'title-only' }]);
  });
  it('says which reading an answer used, only when there was a choice', () => {
    expect(describeReading({ title: 'Hello', artist: 'Adele', order: 'artist-title' }, 3)).toBe('read as "Hello" by Adele (artist first)');
    expect(describeReading({ title: 'Hello', artist: 'Adele', order: 'as-given' }, 1)).toBeUndefined();
  });
});

describe('parseTextInvocation', () => {
  it.each([
    ['song:Bohemian Rhapsody artist:Queen dataset:fma', 'song', { title: 'Bohemian Rhapsody', artist: 'Queen', dataset: 'fma' }],
    ['/trained song:Bohemian Rhapsody artist:Queen', 'song', { title: 'Bohemian Rhapsody', artist: 'Queen' }],
    ['Bohemian Rhapsody artist:Queen', 'song', { title: 'Bohemian Rhapsody', artist: 'Queen' }],
    // Both readings of a dash are the core's to try: the text form passes the line whole.
    ['Bohemian Rhapsody - Remastered 2011 - Queen', 'song', { title: 'Bohemian Rhapsody - Remastered 2011 - Queen' }],
    ['Nothing Else Matters', 'song', { title: 'Nothing Else Matters' }],
    ['song Food - AWOL', 'song', { title: 'Food - AWOL' }],
    // A command word before keys names the command, with or without keys (issue 18).
    ['song Food artist:AWOL', 'song', { title: 'Food', artist: 'AWOL' }],
    ['album:Nevermind artist:Nirvana', 'album', { album: 'Nevermind', artist: 'Nirvana' }],
    ['album Nevermind artist:Nirvana', 'album', { album: 'Nevermind', artist: 'Nirvana' }],
    ['album In Utero', 'album', { album: 'In Utero' }],
    ['https://youtu.be/dQw4w9WgXcQ', 'link', { url: 'https://youtu.be/dQw4w9WgXcQ' }],
    [
      'link:https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=x',
      'link',
      { url: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=x' },
    ],
    ['link https://example.com/x', 'link', { url: 'https://example.com/x' }],
    ['artist Kurt Vile', 'artist', { name: 'Kurt Vile' }],
    ['artist:Kurt Vile', 'artist', { name: 'Kurt Vile' }],
    ['about', 'about', {}],
    ['HELP', 'help', {}],
    ['', 'help', {}],
    ['list Food - AWOL\nFreeway - Kurt Vile', 'list', { lines: 'Food - AWOL\nFreeway - Kurt Vile' }],
    ['settings', 'settings', {}],
    ['settings auto_reply:on mode:thread previews:off', 'settings', { auto_reply: true, mode: 'thread', previews: false }],
  ])('%j → %s', (text, command, options) => {
    expect(parseTextInvocation(text)).toEqual({ ok: true, command, options });
  });

  it('returns a short usage message instead of throwing', () => {
    for (const bad of ['song:', 'list', 'about the band', 'settings auto_reply:maybe', 'settings loud']) {
      const parsed = parseTextInvocation(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error.length).toBeLessThan(200);
    }
  });

  it('turns control characters into spaces and survives 10,000 characters quickly', () => {
    expect(parseTextInvocation('song:\u0000Food\u0007 artist:\u001bAWOL')).toEqual({
      ok: true,
      command: 'song',
      options: { title: 'Food', artist: 'AWOL' },
    });
    const started = performance.now();
    const parsed = parseTextInvocation(`${'word '.repeat(2000)}artist:x`);
    expect(parsed.ok).toBe(true);
    parseTextInvocation('a:'.repeat(5000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('actions', () => {
  it('round-trip within 100 characters, escaping separators', () => {
    const fields = ['3', 'fma', 'A|B\\C', 'x|y'];
    const id = encodeAction('more', 's', fields);
    expect(id?.length).toBeLessThanOrEqual(MAX_ACTION_ID);
    expect(decodeAction(id ?? '')).toEqual({ kind: 'more', code: 's', fields });
    expect(encodeAction('more', 's', ['3', 'fma', 'x'.repeat(120), ''])).toBeUndefined();
    expect(decodeAction(encodeAction('export', 'a', ['Queen']) ?? '')).toEqual({ kind: 'export', code: 'a', fields: ['Queen'] });
    // Not ours: another prefix, an unknown kind, no command code.
    for (const forged of ['t2|m|s|1', 't1|z|s|1', 't1|m||1', 'x'.repeat(101)]) expect(decodeAction(forged)).toBeUndefined();
  });
});

describe('csv', () => {
  it('quotes and defuses formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=1+1'],
          ['"q"', '@cmd'],
        ],
      ),
    ).toBe('a,b\r\n"x,y",\'=1+1\r\n"""q""",\'@cmd\r\n');
  });
});

describe('renderText', () => {
  const reply: Reply = {
    tone: 'found',
    headline: '"Food" by AWOL: present in 1 of 4 datasets',
    body: ['@everyone look'],
    groups: [
      {
        title: 'Food',
        artists: ['AWOL'],
        basis: 'id',
        evidence: [
          { dataset: 'fma', datasetName: 'FMA', rowKey: '2', title: 'Food', artists: ['AWOL'], basis: 'id', url: 'https://x.example/2' },
        ],
      },
    ],
    notes: ['Not found in LAION-DISCO-12M (as indexed on 1 November 2026).'],
    actions: [{ kind: 'export', label: 'Export CSV', id: 't1|x|s|1||Food|AWOL' }],
    attachments: [{ filename: 'a.csv', contentType: 'text/csv', content: 'h\r\n1\r\n2\r\n' }],
  };
  it('prints headline, groups with evidence and basis, notes, attachments and actions', () => {
    const text = renderText(reply);
    expect(text).toContain('• Food by AWOL [same platform id (certain)]');
    expect(text).toContain('    present in FMA (row 2) https://x.example/2');
    expect(text).toContain('Attachment: a.csv (2 rows)');
    expect(text).toContain('Export CSV [export]');
    expect(text).not.toContain('@everyone');
  });
  it('truncates to a limit when asked', () => {
    expect(renderText(reply, 30).length).toBeLessThanOrEqual(30);
  });
});
