/**
 * The mapping's shortcuts on common rows give what their general path gives (issue 17: the
 * builder's CPU per row). Seeded with fast-check, so a failure replays and shrinks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropByArtist, dropByArtistInFull } from '../../index-builder/mapping-values.js';

const SEED = 20261201;
const settings = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/** Words of titles and names, with letters whose case changes length or script (İ, ẞ, Kelvin sign, final sigma). */
const word = fc.string({
  unit: fc.constantFrom(...'abyBYxz', 'İ', 'ß', 'ẞ', '\u212a', 'Σ', 'ς', 'é', '\u0307'),
  minLength: 1,
  maxLength: 6,
});
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const space = fc.constantFrom(' ', ' ', ' ', ' ', '\u00a0', '', '  ', '\t');
const by = fc.constantFrom('by', 'by', 'by', 'BY', 'bY', 'By', 'b y', 'bye', 'y');

describe('dropping " by Artist" from a title', () => {
  it('gives what the full comparison gives, with or without the words', () => {
    const titled = fc
      .tuple(name, space, by, space, name, fc.constantFrom('same', 'same', 'upper', 'other'), fc.constantFrom('', '', ' ', '\u00a0', '.'))
      .map(([title, s1, b, s2, artist, how, end]) => {
        // The artist as the row names it: the same one (in another case, maybe), or another.
        const rowArtist = how === 'same' ? artist : how === 'upper' ? artist.toUpperCase() : `${artist}x`;
        return [`${title}${s1}${b}${s2}${artist}${end}`, rowArtist] as const;
      });
    let dropped = 0;
    fc.assert(
      fc.property(fc.oneof(titled, fc.tuple(fc.string(), fc.string())), ([title, artist]) => {
        const full = dropByArtistInFull(title, artist);
        if (full !== title) dropped += 1;
        expect(dropByArtist(title, artist)).toBe(full);
      }),
      settings(20_000),
    );
    // Not vacuous: many titles did lose their credit.
    expect(dropped).toBeGreaterThan(500);
  });

  it('drops the credit Genius writes, and keeps a title that only ends like one', () => {
    expect(dropByArtist('HUMBLE.\u00a0by\u00a0Kendrick\u00a0Lamar', 'Kendrick Lamar')).toBe('HUMBLE.');
    expect(dropByArtist('Song BY ARTIST', 'Artist')).toBe('Song');
    expect(dropByArtist('Stand By Me', 'Me')).toBe('Stand');
    expect(dropByArtist('Stand By Me', 'Ben E. King')).toBe('Stand By Me');
    expect(dropByArtist(' by Artist', 'Artist')).toBe(' by Artist');
    expect(dropByArtist('Goodbye Artist', 'Artist')).toBe('Goodbye Artist');
  });
});
