/**
 * The title hashes are part of the index's format: the bot asks for exactly the tokens the
 * builder wrote, so their value is pinned here (64 bits of SHA-1, hex), both forms: the key
 * alone (indexes of the first hashing builder, info `titleHashes: true`) and the dataset
 * with the key (`'dataset'`).
 */
import { describe, expect, it } from 'vitest';
import { titleHash, titleHashes } from '../../src/index/title-hash.js';

describe('titleHash', () => {
  it('is the first 16 hex digits of SHA-1 of the key, or of dataset NUL key', () => {
    expect(titleHash('you and me')).toBe('fcb18d81136e71e6');
    expect(titleHash('intro', 'fma')).toBe('f44ba945fb2c30a5');
    expect(titleHash('intro', 'spotify-tracks')).not.toBe(titleHash('intro', 'fma'));
  });

  it('hashes each key once', () => {
    expect(titleHashes(['a', 'b', 'a'], 'fma')).toEqual([titleHash('a', 'fma'), titleHash('b', 'fma')]);
  });
});
