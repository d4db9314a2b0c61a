/**
 * One token per title key, for the exact title filter. Typesense 0.24.1 answers
 * `title_norm:=`you and me`` by gathering every row that holds all three words and only then
 * comparing whole values: for a title made of common words that is hundreds of thousands of
 * rows at 21.2M (10–44 ms a search, paid by every search of a title query that carries the
 * filter; measured, docs/operations.md). A hash of the key is one token, whose rows are the
 * title's own rows, so the same filter on `title_keys` costs what the title's rows cost.
 *
 * 64 bits of SHA-1 as hex (lower-case letters and digits: one token to Typesense, untouched by
 * its case folding). Two different keys share a hash with odds of about 1 in 10^12 even among
 * 10 million distinct titles; rank.ts compares every exact row's own title with the query's
 * keys anyway, so a shared hash could at worst add a row to a count, never to a claim.
 */
import { createHash } from 'node:crypto';

export function titleHash(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}

/** The hashes of a row's (or a query's) title keys, each once. */
export function titleHashes(keys: readonly string[]): string[] {
  return [...new Set(keys.map(titleHash))];
}
