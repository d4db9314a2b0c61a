/**
 * One token per title key and dataset, for the exact title filter. Typesense 0.24.1 answers
 * `title_norm:=`you and me`` by gathering every row that holds all three words and only then
 * comparing whole values: for a title made of common words that is hundreds of thousands of
 * rows at 21.2M (10–44 ms a search, paid by every search of a title query that carries the
 * filter; measured, docs/operations.md). A hash of the key is one token, whose rows are the
 * title's own rows, so the same filter on `title_keys` costs what the title's rows cost.
 *
 * The dataset is part of the hash: a title's rows in one dataset are then one token too, so a
 * count per dataset costs that dataset's rows of the title. `… && dataset:=d` (or the dataset's
 * word as a query) costs the whole dataset's rows instead: 130–150 ms a count at 21.2M for
 * LAION-DISCO-12M, measured. A title asked over every dataset asks each dataset's hash.
 *
 * 64 bits of SHA-1 as hex (lower-case letters and digits: one token to Typesense, untouched by
 * its case folding). Two different keys share a hash with odds of about 1 in 10^12 even among
 * 10 million distinct titles; rank.ts compares every exact row's own title with the query's
 * keys anyway, so a shared hash could at worst add a row to a count, never to a claim.
 */
import { hash } from 'node:crypto';

/**
 * How the rows of an index hash their title keys (IndexInfo.titleHashes): `true`, the key alone
 * (the builder of 2026-11, kept readable); `'dataset'`, the dataset and the key.
 */
export type TitleHashing = true | 'dataset';

/**
 * The hash of one key; with a dataset, of that dataset's rows of the key. crypto.hash, the
 * one-shot form (Node ≥ 20.12): a third of createHash's time a key, which the builder pays per row.
 */
export function titleHash(key: string, dataset?: string): string {
  return hash('sha1', dataset === undefined ? key : `${dataset}\u0000${key}`, 'hex').slice(0, 16);
}

/** The hashes of a row's (or a query's) title keys, each once; with a dataset, that dataset's. */
export function titleHashes(keys: readonly string[], dataset?: string): string[] {
  return [...new Set(keys.map((k) => titleHash(k, dataset)))];
}
