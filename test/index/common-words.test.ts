/**
 * The index's commonest title words (counted by the builder in bounded memory) and the fuzzy
 * title query without them: only common words, or words a typo from one, are ever left out, and
 * never all of a title's words.
 */
import { describe, expect, it } from 'vitest';
import {
  CommonWordCounter,
  commonWordSet,
  correctDecorations,
  fuzzyTitleQuery,
  LONG_DECORATION_WORDS,
  oneEditApart,
  titleOfCommonWords,
} from '../../src/index/common-words.js';
import { baseTitle } from '../../src/index/normalize.js';

describe('CommonWordCounter', () => {
  it('counts each word once per row, exactly while its counters suffice', () => {
    const c = new CommonWordCounter(100);
    for (const t of ['de de', 'love you', 'you', '', 'i love you']) c.addTitle(t);
    expect(c.rows).toBe(5);
    expect(c.common(0.4)).toEqual([
      { word: 'you', rows: 3 },
      { word: 'love', rows: 2 },
    ]);
    expect(c.common(0).map((w) => w.word)).toEqual(['you', 'love', 'de', 'i']);
  });

  it('never loses a word on more than (words seen) / counters rows, and undercounts it by at most that', () => {
    const counters = 50;
    const c = new CommonWordCounter(counters);
    let words = 0;
    // 2,000 rows of distinct words, so the counters overflow all the time; "you" only from row 200
    // on (after they are full), on every other row: 900 rows.
    for (let i = 0; i < 2000; i++) {
      const title = i >= 200 && i % 2 === 0 ? `you w${i}` : `w${i} x${i}`;
      c.addTitle(title);
      words += 2;
    }
    const you = c.common(0.1).find((w) => w.word === 'you');
    expect(you).toBeDefined();
    expect(you?.rows).toBeLessThanOrEqual(900);
    expect(you?.rows).toBeGreaterThanOrEqual(900 - words / counters);
    expect(c.common(0.1)).toHaveLength(1);
  });

  it('lists at most `max` words, the commonest first', () => {
    const c = new CommonWordCounter(100);
    for (const t of ['a b c', 'a b', 'a']) c.addTitle(t);
    expect(c.common(0, 2)).toEqual([
      { word: 'a', rows: 3 },
      { word: 'b', rows: 2 },
    ]);
  });
});

describe('oneEditApart', () => {
  it('is one insertion, deletion, substitution or neighbour swap, never zero or two', () => {
    expect(oneEditApart('love', 'lvoe')).toBe(true);
    expect(oneEditApart('love', 'lovee')).toBe(true);
    expect(oneEditApart('love', 'ove')).toBe(true);
    expect(oneEditApart('love', 'live')).toBe(true);
    expect(oneEditApart('love', 'love')).toBe(false);
    expect(oneEditApart('love', 'evol')).toBe(false);
    expect(oneEditApart('love', 'lo')).toBe(false);
    expect(oneEditApart('love', 'lvae')).toBe(false);
  });
});

describe('fuzzyTitleQuery', () => {
  const common = new Set(['you', 'the', 'love']);

  it('leaves out the common words when a rarer one remains', () => {
    expect(fuzzyTitleQuery('knows you die', common)).toBe('knows die');
    expect(fuzzyTitleQuery('the love of you', common)).toBe('of');
  });

  it('leaves out a word one typo from a common one when it is long enough for the server to correct (4+ characters)', () => {
    expect(fuzzyTitleQuery('lvoe beaujolais', common)).toBe('beaujolais');
    // A letter too many, too few or changed: a common word one letter longer, shorter or as long.
    const longer = new Set(['you', 'the', 'love', 'never', 'sweet']);
    expect(fuzzyTitleQuery('lovve beaujolais', longer)).toBe('beaujolais');
    expect(fuzzyTitleQuery('nevr beaujolais', longer)).toBe('beaujolais');
    expect(fuzzyTitleQuery('sweat beaujolais', longer)).toBe('beaujolais');
    expect(fuzzyTitleQuery('swetter beaujolais', longer)).toBe('swetter beaujolais');
    // Three letters: the server matches it as typed, so it walks no common word's rows.
    expect(fuzzyTitleQuery('yuo beaujolais', common)).toBe('yuo beaujolais');
  });

  it('asks a title of common words only whole, and every word without a list', () => {
    expect(fuzzyTitleQuery('love you', common)).toBe('love you');
    expect(fuzzyTitleQuery('knows you die', undefined)).toBe('knows you die');
    expect(fuzzyTitleQuery('knows you die', new Set())).toBe('knows you die');
  });
});

describe('correctDecorations', () => {
  it('reads a word one typo from a long version or noise word, in a bracketed or dashed part, as that word', () => {
    expect(correctDecorations('Nani Nani (Nistrumental)')).toBe('Nani Nani (instrumental)');
    expect(correctDecorations('Mêle De - Rmeastered')).toBe('Mêle De - remastered');
    expect(correctDecorations('Song [Offical Video]')).toBe('Song [official Video]');
  });

  it('leaves a title typed right, words outside the decorations and words two typos away as they are', () => {
    for (const title of ['Nani Nani (Instrumental)', 'Mêle De - Remastered', 'Acoustics', 'Extended Play', 'Song (Remastering Tapes)'])
      expect(correctDecorations(title)).toBe(title);
  });

  it('lists only words the normalisation reads as decorations', () => {
    for (const word of LONG_DECORATION_WORDS) expect(baseTitle(`Song (${word})`), word).toBe('song');
  });
});

describe('titleOfCommonWords', () => {
  it('is a title whose every word is common, or one typo from a common word', () => {
    const common = new Set(['you', 'love']);
    expect(titleOfCommonWords('love you', common)).toBe(true);
    expect(titleOfCommonWords('lvoe you', common)).toBe(true);
    expect(titleOfCommonWords('love you baby', common)).toBe(false);
    expect(titleOfCommonWords('love you', undefined)).toBe(false);
    expect(titleOfCommonWords('', common)).toBe(false);
  });
});

describe('commonWordSet', () => {
  it('holds the listed words on at least the threshold of rows', () => {
    const words = [
      { word: 'you', rows: 90_000 },
      { word: 'the', rows: 50_000 },
      { word: 'love', rows: 49_999 },
    ];
    expect([...commonWordSet(words)]).toEqual(['you', 'the']);
    expect([...commonWordSet(words, 100_000)]).toEqual([]);
    expect([...commonWordSet(undefined)]).toEqual([]);
  });
});
