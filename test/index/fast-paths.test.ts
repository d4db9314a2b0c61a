/**
 * The shortcuts the index-builder takes on common rows (issue 17: builder CPU per row) give
 * what the general path gives. Each case pairs an input that takes a shortcut with near
 * misses that must not take it, or must take it and still be folded: each near miss would
 * come out differently if the shortcut let it through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsedKeys, rowCreditKeys } from '../../src/index/credits.js';
import { toDocument } from '../../src/index/document.js';
import { asciiTokens } from '../../src/index/ascii-tokens.js';
import { foldCaseInFull, unicodeTokens } from '../../src/index/fold.js';
import { albumKey, baseTitle, baseTitleInFull, titleKeys, titleKeysInFull, titleParts, versionOf } from '../../src/index/normalize.js';
import { foldLatin1 } from '../../src/index/latin-fold.js';
import { titleHash } from '../../src/index/title-hash.js';

describe('text already in token form', () => {
  it.each([
    // [input, tokens]: the first ones are returned as they stand, the rest are rebuilt.
    ['where chose with', 'where chose with'],
    ['a9 b', 'a9 b'],
    ['', ''],
    ['where  chose with', 'where chose with'],
    ['where chose with ', 'where chose with'],
    [' where', 'where'],
    ['where-chose', 'where chose'],
    ['rock & roll', 'rock and roll'],
    ["don't stop", 'dont stop'],
    ['Where Chose With', 'Where Chose With'],
  ])('%j gives %j, as the general path does', (input, expected) => {
    expect(asciiTokens(input)).toBe(expected);
    expect(unicodeTokens(input)).toBe(expected);
  });
});

describe('case folding', () => {
  it.each([
    // Letters no normalisation form takes apart, each folded by hand.
    ['Straße', 'strasse'],
    ['Iıİ', 'iii'],
    ['Søren', 'soren'],
    ['Łódź', 'lodz'],
    ['Ærø', 'aero'],
    ['Cœur Œuvre', 'coeur oeuvre'],
    ['Đđ', 'dd'],
    // Non-ASCII text without them: accents, ligatures, full-width letters, combining marks.
    ['Café', 'cafe'],
    ['ﬁre', 'fire'],
    ['Ｆｉｒｅ', 'fire'],
    ['e\u0301te\u0301', 'ete'],
    // ASCII once its marks are gone (no composition needed), and text a composition puts back together.
    ['Déjà Vu', 'deja vu'],
    ['Ñandú', 'nandu'],
    ['강남스타일', '강남스타일'],
    ['Йога', 'йога'],
    ['がんばれ', 'が ん ば れ'],
    ['Bohemian Rhapsody', 'bohemian rhapsody'],
  ])('keys %j as %j', (title, key) => {
    expect(titleKeys(title).key).toBe(key);
  });
});

describe('titles without brackets', () => {
  it('cut dashed suffixes for every dash, ASCII or not', () => {
    for (const title of ['Song - Live', 'Song – Live', 'Song — Live', 'Song | Live', 'Ｓｏｎｇ – Live']) {
      expect(baseTitle(title), title).toBe('song');
      expect(versionOf(title), title).toBe('live');
      expect(titleKeys(title).key, title).toBe('song live');
    }
    expect(baseTitle('Well-Known Song')).toBe('well known song');
  });

  it('lose an unbracketed featuring credit however it is written, and keep words that only contain one', () => {
    for (const title of ['Song ft. X', 'Song feat. X', 'Song featuring X', 'Song FT X'])
      expect(titleKeys(title), title).toEqual({ key: 'song', alternates: [], featured: ['x'] });
    for (const title of ['Left Feet', 'Soft Drift', 'Feature Film', 'Craft']) expect(titleKeys(title).featured, title).toEqual([]);
    expect(titleKeys('Soft Drift').key).toBe('soft drift');
  });

  it('also key a spelled-out title run together, with or without brackets', () => {
    expect(titleKeys('P.Y.T.')).toEqual({ key: 'p y t', alternates: ['pyt'], featured: [] });
    expect(titleKeys('S O S')).toEqual({ key: 's o s', alternates: ['sos'], featured: [] });
    expect(titleKeys('P.Y.T. - Live')).toEqual({ key: 'p y t live', alternates: ['pyt live'], featured: [] });
    expect(titleKeys('P.Y.T. (Live)')).toEqual({ key: 'p y t live', alternates: ['pyt live'], featured: [] });
    expect(titleKeys('Song - Live').alternates).toEqual([]);
  });

  it('are keyed as the same title with its brackets', () => {
    expect(titleKeys('Song (feat. Y) - Remastered 2011')).toEqual({ key: 'song', alternates: [], featured: ['y'] });
    expect(titleKeys('Song (Live)').key).toBe(titleKeys('Song - Live').key);
    expect(titleKeys('Gangnam Style (강남스타일)')).toEqual({
      key: 'gangnam style 강남스타일',
      alternates: ['gangnam style', '강남스타일'],
      featured: [],
    });
  });
});

describe('titles and albums of plain words', () => {
  // Words that take the shortcut, words it must leave alone (credits, versions, spelled-out
  // letters, noise), and characters that are not plain: each near miss keys differently.
  const WORDS = ['Love', 'me', 'TONIGHT', 'a', 'B', '2', '99', 'x', 'Soft', 'LEFT', 'Feet', 'ft', 'Ft', 'feat', 'FEAT', 'featuring'];
  const LATIN = ['Jóvenes', 'ÜBER', 'Ñandú', 'fét', 'Fêat', 'ý', 'É', 'Æther', 'Straße', 'Øre'];
  const MORE = ['Live', 'remix', 'Official', 'Video', 'with', 's', 'o', 'p', 'y', 't', 'the', 'and', 'Lyrics', 'prod'];
  const NEAR = ['Café', 'ﬁre', 'İ', '(Live)', '[x]', '-', ' - ', '|', '&', "don't", '.', 'P.Y.T.', '強', '\u00a0', '\t', '', ' '];
  const title = fc
    .array(
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...WORDS, ...MORE, ...LATIN) }, { weight: 1, arbitrary: fc.constantFrom(...NEAR) }),
      {
        minLength: 0,
        maxLength: 6,
      },
    )
    .chain((words) => fc.constantFrom(' ', ' ', ' ', '  ', '').map((sep) => words.join(sep)));

  it('are keyed as the general path keys them', () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 9, arbitrary: title }, { weight: 1, arbitrary: fc.string() }), (text) => {
        if (/^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(text)) plain += 1;
        expect(titleKeys(text), JSON.stringify(text)).toEqual(titleKeysInFull(text));
        expect(baseTitle(text), JSON.stringify(text)).toBe(baseTitleInFull(text));
        expect(titleParts(text), JSON.stringify(text)).toEqual({ base: baseTitleInFull(text), version: versionOf(text) });
      }),
      { seed: 20261201, numRuns: 20_000 },
    );
    // Not vacuous: most inputs were plain words.
    expect(plain).toBeGreaterThan(4000);
  });

  it('keep their credits, versions and spelled-out forms', () => {
    expect(titleKeys('Love Me Tonight')).toEqual({ key: 'love me tonight', alternates: [], featured: [] });
    expect(titleKeys('Song ft X')).toEqual({ key: 'song', alternates: [], featured: ['x'] });
    expect(titleKeys('S O S')).toEqual({ key: 's o s', alternates: ['sos'], featured: [] });
    expect(titleKeys('Soft Feet').key).toBe('soft feet');
    expect(baseTitle('Song Live')).toBe('song live');
    expect(titleParts('Song Live')).toEqual({ base: 'song live', version: undefined });
    expect(titleParts('Song (Live) - Radio Edit')).toEqual({ base: 'song', version: 'live, radio edit' });
    expect(titleParts('(Live)')).toEqual({ base: 'live', version: 'live' });
    expect(albumKey('Abbey Road')).toBe('abbey road');
  });
});

describe('case folding of accented Latin-1 letters', () => {
  const LATIN1 = Array.from({ length: 0x100 }, (_, c) => String.fromCharCode(c));

  it('gives what the general path gives, for each character of Latin-1, alone and among letters', () => {
    let taken = 0;
    for (const ch of LATIN1)
      for (const text of [ch, `a${ch}b`, `${ch}${ch}`, `X${ch}\u0301`]) {
        const fast = foldLatin1(text);
        if (fast === undefined) continue;
        if (text === ch && ch >= '\u0080') taken += 1;
        expect(fast, JSON.stringify(text)).toBe(foldCaseInFull(text));
      }
    // The 53 accented letters of Latin-1 that decompose to an ASCII letter and marks (À…ÿ).
    expect(taken).toBe(53);
  });

  it('gives what the general path gives on mixed text, and leaves other text to it', () => {
    const unit = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...LATIN1) },
      { weight: 1, arbitrary: fc.constantFrom('\u0301', '\u0308', 'ẞ', 'İ', 'ı', 'Ā', 'ǅ', 'ﬁ', 'Ｆ', '강', '😀', '\ud800', 'Ω', 'K') },
    );
    let taken = 0;
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
        const fast = foldLatin1(text);
        if (fast === undefined) return;
        taken += 1;
        expect(fast, JSON.stringify(text)).toBe(foldCaseInFull(text));
      }),
      { seed: 20261201, numRuns: 20_000 },
    );
    expect(taken).toBeGreaterThan(2000);
    expect(foldLatin1('Jóvenes Über')).toBe('jovenes uber');
    expect(foldLatin1('Straße')).toBeUndefined();
    expect(foldLatin1('Cafe\u0301')).toBeUndefined();
  });
});

describe('albums', () => {
  it.each([
    ['Nevermind', 'nevermind'],
    ['Nevermind (Deluxe Edition)', 'nevermind'],
    ['Nevermind [20th Anniversary]', 'nevermind'],
    ['Abbey Road - Remastered', 'abbey road'],
    // Nothing but a label: the album keeps its own words, bracketed or not.
    ['(Deluxe Edition)', 'deluxe edition'],
    ['Deluxe Edition', 'deluxe edition'],
  ])('keys %j as %j', (album, key) => {
    expect(albumKey(album)).toBe(key);
  });
});

describe('credits that name one artist plainly', () => {
  // Seeded words: plain ones, each word that joins names (any case, any place), and near misses.
  const WORDS = ['Daft', 'PUNK', 'the', 'The', 'ac', 'dc', '2', 'x', 'X', 'and', 'AND', 'feat', 'Ft', 'featuring', 'with', 'With'];
  const NEAR = ['Feat.', 'ft.', 'AC/DC', 'Jay-Z', "Guns N' Roses", 'Beyoncé', 'Ｄａｆｔ', 'ﬁve', 'P!nk', 'a,b', 'a&b', 'a+b'];
  function* names(count: number): Generator<string> {
    let seed = 4242;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    for (let i = 0; i < count; i++) {
      const words = Array.from({ length: 1 + next(4) }, () => (next(8) === 0 ? NEAR[next(NEAR.length)] : WORDS[next(WORDS.length)]) ?? '');
      const spaces = [' ', ' ', ' ', '  ', '\t'];
      let name = words.join(spaces[next(spaces.length)] ?? ' ');
      if (next(10) === 0) name = ` ${name}`;
      if (next(10) === 0) name = `${name} `;
      yield name;
    }
  }

  it('are keyed as the full parse keys them, alone or beside other cells', () => {
    let compared = 0;
    for (const name of names(5000)) {
      expect(rowCreditKeys([name]), JSON.stringify(name)).toEqual(parsedKeys(name));
      compared += 1;
    }
    expect(compared).toBe(5000);
    // Checked by name: a joining word between names, at an edge, or alone; "The" alone; digits.
    for (const name of ['Calvin Harris x Dua Lipa', 'Simon And Garfunkel', 'Bob Marley With The Wailers', 'Feat', 'X', 'The', 'Blink 182'])
      expect(rowCreditKeys([name]), name).toEqual(parsedKeys(name));
    expect(rowCreditKeys(['Calvin Harris x Dua Lipa'])).toEqual({
      solid: ['calvin harris x dua lipa', 'calvin harris and dua lipa'],
      parts: ['calvin harris', 'dua lipa'],
    });
    expect(rowCreditKeys(['The Killers', 'Killers', 'Mark Ronson feat Bruno Mars'])).toEqual({
      solid: ['killers', 'mark ronson feat bruno mars', 'mark ronson', 'bruno mars'],
      parts: [],
    });
  });
});

describe('credits of one cell', () => {
  it('are that cell keyed alone, and still merge with a credit in the title', () => {
    expect(rowCreditKeys(['Simon & Garfunkel'])).toEqual({ solid: ['simon and garfunkel'], parts: ['simon', 'garfunkel'] });
    expect(rowCreditKeys(['The Killers'])).toEqual({ solid: ['killers'], parts: [] });
    expect(rowCreditKeys(['Daft Punk'], ['Pharrell Williams'])).toEqual({ solid: ['daft punk', 'pharrell williams'], parts: [] });
    // A part of one cell that another names whole is solid only.
    expect(rowCreditKeys(['Simon'], ['Simon & Garfunkel'])).toEqual({ solid: ['simon', 'simon and garfunkel'], parts: ['garfunkel'] });
  });

  it('are a fresh copy each time', () => {
    const first = rowCreditKeys(['Simon & Garfunkel']);
    first.solid.push('changed');
    first.parts.pop();
    expect(rowCreditKeys(['Simon & Garfunkel'])).toEqual({ solid: ['simon and garfunkel'], parts: ['simon', 'garfunkel'] });
  });
});

describe('toDocument', () => {
  it('keeps non-blank artists, ids other than the row key, and hashes a lone key with its dataset', () => {
    const doc = toDocument({
      dataset: 'fma',
      rowKey: '7',
      title: 'Song',
      artists: ['  ', 'Daft Punk', ''],
      album: 'Nevermind [Deluxe]',
      platformIds: [
        { platform: 'fma', id: '7' },
        { platform: 'youtube', id: 'abc' },
        { platform: 'fma', id: '8' },
      ],
      rowKeyPlatform: 'fma',
    });
    expect(doc).toEqual({
      id: 'fma:7',
      dataset: 'fma',
      row_key: '7',
      title: 'Song',
      artists: ['Daft Punk'],
      title_norm: 'song',
      artists_norm: ['daft punk'],
      title_keys: [titleHash('song', 'fma')],
      platform_ids: ['youtube:abc', 'fma:8'],
      album: 'Nevermind [Deluxe]',
      album_norm: 'nevermind',
    });
  });

  it('hashes every form of a title that has several, and stores no ids when the only one is the row key', () => {
    const doc = toDocument({
      dataset: 'fma',
      rowKey: '8',
      title: 'Gangnam Style (강남스타일)',
      artists: ['PSY'],
      platformIds: [{ platform: 'fma', id: '8' }],
      rowKeyPlatform: 'fma',
    });
    expect(doc.title_alt).toEqual(['gangnam style', '강남스타일']);
    expect(doc.title_keys).toEqual(['gangnam style 강남스타일', 'gangnam style', '강남스타일'].map((k) => titleHash(k, 'fma')));
    expect(doc.platform_ids).toBeUndefined();
  });
});
