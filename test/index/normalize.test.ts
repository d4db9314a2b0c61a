import { describe, expect, it } from 'vitest';
import { artistKey, rowCreditKeys } from '../../src/index/credits.js';
import { asciiTokens } from '../../src/index/ascii-tokens.js';
import { unicodeTokens } from '../../src/index/fold.js';
import { baseTitle, normalizeArtist, normalizeTitle, versionOf } from '../../src/index/normalize.js';

// [input, expected title key]
const titles: [string, string][] = [
  ['Bohemian Rhapsody', 'bohemian rhapsody'],
  ['BOHEMIAN   RHAPSODY', 'bohemian rhapsody'],
  ['Bohemian Rhapsody (Official Video)', 'bohemian rhapsody'],
  ['Bohemian Rhapsody [Official Music Video]', 'bohemian rhapsody'],
  ['Bohemian Rhapsody (Remastered 2011)', 'bohemian rhapsody'],
  ['Bohemian Rhapsody - Remastered 2011', 'bohemian rhapsody'],
  ['Here Comes the Sun - 2019 Mix', 'here comes the sun 2019 mix'],
  ['Yesterday - Remastered', 'yesterday'],
  ['Let It Be - 2009 Remaster', 'let it be'],
  ['Hey Jude [Lyrics]', 'hey jude'],
  ['Hey Jude (Lyric Video)', 'hey jude'],
  ['Hey Jude (HD)', 'hey jude'],
  ['Hey Jude (Official Audio)', 'hey jude'],
  ['Blinding Lights (Visualizer)', 'blinding lights'],
  ['Stay (feat. Justin Bieber)', 'stay'],
  ['Stay [ft. Justin Bieber]', 'stay'],
  ['Stay feat. Justin Bieber', 'stay'],
  ['Stay ft Justin Bieber', 'stay'],
  ['Stay (featuring Justin Bieber)', 'stay'],
  ['Stay (with Justin Bieber)', 'stay'],
  ['Creep (Live)', 'creep live'],
  ['Creep (Acoustic)', 'creep acoustic'],
  ['Creep (Remix)', 'creep remix'],
  ['Creep - Live at Glastonbury', 'creep live at glastonbury'],
  ['Creep (Official Video) (Live)', 'creep live'],
  ['Creep (Instrumental)', 'creep instrumental'],
  ['Beyoncé', 'beyonce'],
  ['Café del Mar', 'cafe del mar'],
  ['Straße', 'strasse'],
  ['Sigur Rós – Hoppípolla', 'sigur ros hoppipolla'],
  ["Don't Stop Me Now", 'dont stop me now'],
  ['Don’t Stop Me Now', 'dont stop me now'],
  ['Rock & Roll', 'rock and roll'],
  ['Rock and Roll', 'rock and roll'],
  ['A.B.C.', 'a b c'],
  ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
  ['(Live)', 'live'],
  ['', ''],
  ['!!!', ''],
  ['Song (unclosed', 'song unclosed'],
  // Japanese, Chinese: spaced per character so parts of a title are findable
  ['夜に駆ける', '夜 に 駆 け る'],
  ['夜に駆ける (Official Music Video)', '夜 に 駆 け る'],
  ['紅蓮華', '紅 蓮 華'],
  ['月亮代表我的心', '月 亮 代 表 我 的 心'],
  ['ガッチャマン', 'ガ ッ チ ャ マ ン'],
  ['ＰＯＰ　ＳＴＡＲ', 'pop star'],
  // Korean keeps its words
  ['다이너마이트', '다이너마이트'],
  ['봄날 (Spring Day)', '봄날 spring day'],
  // Cyrillic: case folded, letters kept (й stays й)
  ['Группа Крови', 'группа крови'],
  ['Кукушка (Official Video)', 'кукушка'],
  ['Мой рок-н-ролл', 'мой рок н ролл'],
  // Arabic and Hebrew: vowel marks dropped so both spellings meet
  ['حَبِيبِي', 'حبيبي'],
  ['حبيبي', 'حبيبي'],
  ['שָׁלוֹם', 'שלום'],
  ['הללויה', 'הללויה'],
  // adversarial
  ['@everyone <@&1> <@2>', 'everyone 1 2'],
  ['[Official](https://evil.example)', 'https evil example'],
  ['`&&` || filter', 'filter'],
];

describe('normalizeTitle', () => {
  it('has a table of at least 40 cases', () => {
    expect(titles.length).toBeGreaterThanOrEqual(40);
  });
  it.each(titles)('%j → %j', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });
  it('keeps no mark without a letter to sit on, and no emoji presentation selector', () => {
    // Typesense drops these: a key holding one would be another key than its own words in every filter.
    expect(normalizeTitle('❤️ Heart')).toBe('heart');
    expect(normalizeTitle('1️⃣ One')).toBe('1 one');
    expect(normalizeTitle('\u0301Abc')).toBe('abc');
    expect(artistKey('✌️ Peace')).toBe('peace');
    // Marks on letters stay, whatever the script.
    expect(normalizeTitle('नमस्ते')).toBe('नमस्ते');
    expect(normalizeTitle('Ça va')).toBe('ca va');
  });

  it('is idempotent', () => {
    for (const [input] of titles) {
      const once = normalizeTitle(input);
      expect(normalizeTitle(once)).toBe(once);
    }
  });
  it('handles 10,000-character titles quickly and without throwing', () => {
    const long = '('.repeat(5000) + 'a -'.repeat(2000) + ' feat. '.repeat(500);
    const started = performance.now();
    expect(typeof normalizeTitle(long)).toBe('string');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('versions', () => {
  it('groups versions under one base title', () => {
    expect(baseTitle('Creep (Live)')).toBe('creep');
    expect(baseTitle('Creep (Acoustic)')).toBe('creep');
    expect(baseTitle('Creep - Remastered 2011')).toBe('creep');
    expect(versionOf('Creep (Live)')).toBe('live');
    expect(versionOf('Creep')).toBeUndefined();
  });
});

describe('artists', () => {
  it('normalises names', () => {
    expect(normalizeArtist('Beyoncé')).toBe('beyonce');
    expect(normalizeArtist('AC/DC')).toBe('ac dc');
    expect(normalizeArtist('Simon & Garfunkel')).toBe('simon and garfunkel');
    expect(normalizeArtist('YOASOBI')).toBe('yoasobi');
    expect(normalizeArtist('米津玄師')).toBe('米 津 玄 師');
  });
  it('keys a credit string by the whole and by each artist it credits for certain; joined names only as parts', () => {
    expect(rowCreditKeys(['Ingrid Michaelson', 'ZAYN'])).toEqual({ solid: ['ingrid michaelson', 'zayn'], parts: [] });
    expect(rowCreditKeys(['Calvin Harris feat. Rihanna'])).toEqual({
      solid: ['calvin harris feat rihanna', 'calvin harris', 'rihanna'],
      parts: [],
    });
    expect(rowCreditKeys(['Simon & Garfunkel'])).toEqual({ solid: ['simon and garfunkel'], parts: ['simon', 'garfunkel'] });
    expect(rowCreditKeys(['', '  '])).toEqual({ solid: [], parts: [] });
  });
});

describe('the ASCII fast path', () => {
  // Seeded, so a failure names a string that can be replayed.
  function* asciiStrings(count: number): Generator<string> {
    const pieces = [
      'a',
      'Z',
      '9',
      ' ',
      '  ',
      '\t',
      '\n',
      '&',
      '+',
      "'",
      '`',
      '-',
      '(',
      ')',
      '.',
      ',',
      '/',
      'feat',
      'x',
      '_',
      '\x00',
      '\x7f',
      '~',
    ];
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < count; n++) {
      let s = '';
      const len = Math.floor(next() * 14);
      for (let i = 0; i < len; i++) s += pieces[Math.floor(next() * pieces.length)] ?? '';
      yield s;
    }
  }

  it('cuts the same tokens as the general path for every ASCII string', () => {
    let compared = 0;
    for (const s of asciiStrings(20_000)) {
      expect(asciiTokens(s), JSON.stringify(s)).toBe(unicodeTokens(s));
      compared += 1;
    }
    expect(compared).toBe(20_000);
    // The cases the generator must have reached, checked by name.
    for (const s of ['a & & b', "rock ' & roll", 'a\t+\tb', ' & b', 'a &', "don't", 'a+b', '&&'])
      expect(asciiTokens(s), JSON.stringify(s)).toBe(unicodeTokens(s));
  });

  it('keys an artist the same whether it is seen first or again', () => {
    const first = rowCreditKeys(['Daft Punk feat. Pharrell Williams']);
    first.solid.push('mutated by a caller');
    expect(rowCreditKeys(['Daft Punk feat. Pharrell Williams']).solid).toEqual([
      'daft punk feat pharrell williams',
      'daft punk',
      'pharrell williams',
    ]);
  });
});
