/** The song command's text cleaning: spaces collapsed, at most `max` characters (code points, not UTF-16 units). */
import { describe, expect, it } from 'vitest';
import { cleanText, MAX_TITLE_CHARS } from '../../src/core/song-lookup.js';

describe('cleanText', () => {
  it('collapses and trims whitespace, and reads only strings', () => {
    expect(cleanText('  Love \n\t Me  ')).toBe('Love Me');
    expect(cleanText(5)).toBe('');
    expect(cleanText(undefined)).toBe('');
  });

  it('cuts at the limit in characters: an emoji is one, though two UTF-16 units', () => {
    expect(cleanText('a'.repeat(MAX_TITLE_CHARS + 1))).toBe('a'.repeat(MAX_TITLE_CHARS));
    // 200 characters in 400 units: under the limit, kept whole.
    expect(cleanText('😀'.repeat(200))).toBe('😀'.repeat(200));
    // Never cut inside a surrogate pair.
    expect(cleanText(`${'😀'.repeat(MAX_TITLE_CHARS)}x`)).toBe('😀'.repeat(MAX_TITLE_CHARS));
    expect(cleanText('😀😀😀', 2)).toBe('😀😀');
  });
});
