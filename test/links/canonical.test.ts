/**
 * The canonical-link shortcut (recogniseCanonical) answers exactly what parsing the link and
 * recognising it answers, on the forms it takes and on near misses of them: other hosts and
 * schemes, other cases, a character too many, a query or a fragment, characters the URL parser
 * would encode or read as a separator. Seeded, so a failure replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idOf } from '../../index-builder/mapping-values.js';
import { recogniseCanonical } from '../../src/links/canonical.js';
import { recogniseUrl } from '../../src/links/platforms.js';

const SEED = 20261201;
const settings = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/** What the general path makes of a text: parsed as a URL (undefined if it is none), then recognised. */
function general(text: string): ReturnType<typeof recogniseUrl> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return recogniseUrl(url);
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const SLUG_CHARS = `${ID_CHARS}.%~!$'*+,;=@`;
/** Characters a URL parser encodes, drops or reads as structure, and others no slug holds. */
const NEAR = [...'/?#&= \t\n\\"<>`{}|^é\u00a0\u0000', '%2e', '%2E', '..', '.', 'İ', 'K'];

const piece = (chars: string, minLength: number, maxLength: number) =>
  fc
    .array(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...chars) }, { weight: 1, arbitrary: fc.constantFrom(...NEAR) }), {
      minLength,
      maxLength,
    })
    .map((c) => c.join(''));

/** Mostly `usual`, sometimes one of the near misses. */
const mostly = <T>(usual: fc.Arbitrary<T>, near: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: usual }, { weight: 1, arbitrary: near });

const youtubeLink = fc
  .tuple(
    mostly(
      fc.constant('https://www.youtube.com/watch?v='),
      fc.constantFrom(
        'http://www.youtube.com/watch?v=',
        'https://youtube.com/watch?v=',
        'https://music.youtube.com/watch?v=',
        'https://WWW.YouTube.com/watch?v=',
        'HTTPS://www.youtube.com/watch?v=',
        'https://www.youtube.com/Watch?v=',
        'https://www.youtube.com/watch?V=',
        'https://www.youtube.com/watch/?v=',
        'https://www.youtube.com./watch?v=',
        'https://www.youtube.com/watch?feature=share&v=',
        ' https://www.youtube.com/watch?v=',
      ),
    ),
    mostly(fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 11, maxLength: 11 }), piece(ID_CHARS, 9, 13)),
    mostly(fc.constant(''), fc.constantFrom('&t=10', '#t=1', '/', ' ', '\n', '&v=AAAAAAAAAAA')),
  )
  .map(([prefix, id, suffix]) => prefix + id + suffix);

const geniusLink = fc
  .tuple(
    mostly(
      fc.constant('https://genius.com/'),
      fc.constantFrom(
        'http://genius.com/',
        'https://www.genius.com/',
        'https://Genius.com/',
        'HTTPS://genius.com/',
        'https://genius.com//',
        'https://genius.com/songs/',
        'https://genius.com./',
      ),
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...SLUG_CHARS), maxLength: 60 }) },
      { weight: 1, arbitrary: piece(SLUG_CHARS, 0, 40) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...SLUG_CHARS), minLength: 190, maxLength: 200 }) },
      { weight: 1, arbitrary: piece(SLUG_CHARS, 185, 205) },
    ),
    mostly(fc.constant('-lyrics'), fc.constantFrom('-Lyrics', '-LYRICS', '-lyric', '', '-lyrics/', '-lyrics?q=1', '-lyrics#x', '-lyrics ')),
  )
  .map(([prefix, slug, suffix]) => prefix + slug + suffix);

describe('canonical links', () => {
  it('are recognised as the parsed link is, and near misses are left to the parser', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof(youtubeLink, geniusLink), (text) => {
        const fast = recogniseCanonical(text);
        if (fast === undefined) return;
        taken += 1;
        expect(fast).toEqual(general(text));
      }),
      settings(20_000),
    );
    // Not vacuous: a good share of the inputs took the shortcut.
    expect(taken).toBeGreaterThan(3000);
  });

  it('take the shortcut in the forms the datasets write', () => {
    const cases: [string, string][] = [
      ['https://www.youtube.com/watch?v=mt_R_pzn1I8', 'mt_R_pzn1I8'],
      ['https://www.youtube.com/watch?v=-_-_-_-_-_-', '-_-_-_-_-_-'],
      ['https://genius.com/Tomodachi-ie-nani-chi-ie-taishita-byoin-lyrics', 'tomodachi-ie-nani-chi-ie-taishita-byoin-lyrics'],
      ['https://genius.com/Beyonce-crazy-in-love-lyrics', 'beyonce-crazy-in-love-lyrics'],
      ['https://genius.com/Guns-n-roses-sweet-child-o-mine-lyrics', 'guns-n-roses-sweet-child-o-mine-lyrics'],
      ['https://genius.com/Sigur-ros-hoppipolla-lyrics', 'sigur-ros-hoppipolla-lyrics'],
      ['https://genius.com/Bj%C3%B6rk-joga-lyrics', 'bj%c3%b6rk-joga-lyrics'],
      ['https://genius.com/x-lyrics', 'x-lyrics'],
    ];
    for (const [text, id] of cases) {
      const fast = recogniseCanonical(text);
      expect(fast?.id, text).toBe(id);
      expect(fast, text).toEqual(general(text));
    }
  });

  it('leave every other form to the parser', () => {
    for (const text of [
      'https://youtu.be/mt_R_pzn1I8',
      'https://www.youtube.com/watch?v=mt_R_pzn1I8&t=1',
      'https://www.youtube.com/watch?v=mt_R_pzn1I',
      'https://genius.com/-lyrics',
      'https://genius.com/Artist-song-Lyrics',
      'https://genius.com/Artist-song-lyrics/',
      'https://genius.com/songs/123',
      'https://genius.com/artists/Artist-lyrics',
      `https://genius.com/${'a'.repeat(194)}-lyrics`,
    ])
      expect(recogniseCanonical(text), text).toBeUndefined();
    // Left to the parser, not refused: these are still links the recogniser knows.
    expect(general('https://youtu.be/mt_R_pzn1I8')?.id).toBe('mt_R_pzn1I8');
    expect(general('https://genius.com/Artist-song-Lyrics')?.id).toBe('artist-song-lyrics');
    expect(general(`https://genius.com/${'a'.repeat(194)}-lyrics`)).toBeUndefined();
  });

  it('give the mapping the same ids as before, for the platform each is of', () => {
    expect(idOf('youtube', ' https://www.youtube.com/watch?v=mt_R_pzn1I8 ', true)).toBe('mt_R_pzn1I8');
    expect(idOf('genius', 'https://www.youtube.com/watch?v=mt_R_pzn1I8', true)).toBeUndefined();
    expect(idOf('genius', 'https://genius.com/Beyonce-crazy-in-love-lyrics', true)).toBe('beyonce-crazy-in-love-lyrics');
    expect(idOf('youtube', 'https://genius.com/Beyonce-crazy-in-love-lyrics', true)).toBeUndefined();
    expect(idOf('youtube', 'https://www.youtube.com/watch?v=mt_R_pzn1I8', false)).toBeUndefined();
  });
});
