/**
 * The exact filters of a title query, as pure functions: the title's rows (keys as text, or their
 * hashes: title-hash.ts) and the credited artist's (`artists_norm`, `artist_parts`). plan.ts puts
 * them into searches; album.ts filters by the credit, artist-reads.ts keeps to the token ceiling.
 */
import type { QueryCredit } from '../index/credits.js';
import type { IndexInfo } from '../index/schema.js';
import { titleHash } from '../index/title-hash.js';
import { exactAny, exactOne } from './filter.js';
import type { PlannedTitleQuery } from './plan.js';
import { remembered } from './remembered.js';

/**
 * Typesense 0.24.1 stalls (a server thread held for tens of seconds, measured) on an exact
 * filter over a string[] field whose value has more than ~32 tokens when a document holds
 * that value; 30 tokens take 2 ms. Longer keys are never put in such a filter: their rows
 * come from a typo-free text search or the title's rows and are compared in rank.ts.
 * (Plain string fields and `q` searches of 200 tokens are unaffected.)
 */
export const MAX_ARRAY_FILTER_TOKENS = 24;
/** A credit naming more artists than this is matched by its solid keys only (filter size). */
const MAX_SOLID_KEYS = 16;

export function filterable(key: string): boolean {
  return key.split(' ').length <= MAX_ARRAY_FILTER_TOKENS;
}

/**
 * The form of the exact title filter: the keys as text (`title_norm`, `title_alt`), or their
 * hashes in `title_keys` (title-hash.ts), of the key alone or of each dataset and the key. The
 * same rows in every form; the hashes cost only the title's rows, and the dataset's hashes only
 * the title's rows in that dataset (so no `dataset:=` filter beside them).
 */
export type TitleFilterForm = { by: 'text' } | { by: 'key-hash' } | { by: 'dataset-hash'; datasets: readonly string[] };

export const TEXT_FORM: TitleFilterForm = { by: 'text' };

/** The title filter's form an index's info allows (the text form when it names no dataset to hash with). */
export function titleFilterForm(
  info: { titleHashes?: IndexInfo['titleHashes']; datasets: readonly { id: string }[] } | undefined,
): TitleFilterForm {
  if (info?.titleHashes === true) return { by: 'key-hash' };
  if (info?.titleHashes === 'dataset' && info.datasets.length > 0) return { by: 'dataset-hash', datasets: info.datasets.map((d) => d.id) };
  return TEXT_FORM;
}

/**
 * Rows whose title key, or one of whose other forms, is one of the query's keys: as hashes, one
 * token each, when the index has them (title-hash.ts), of the dataset asked or of every dataset.
 * The same rows either way: a row's other forms are stored only when filterable (document.ts),
 * so a longer query key can only ever match a row's `title_norm`, which every form asks
 * whatever its length.
 */
export function titleFilter(q: Pick<PlannedTitleQuery, 'titleKeys' | 'form' | 'dataset'>): string {
  switch (q.form.by) {
    case 'text':
      return titleClause(q.titleKeys);
    case 'key-hash':
      return exactAny('title_keys', queryHashes(q.titleKeys));
    case 'dataset-hash':
      return exactAny(
        'title_keys',
        hashedDatasets(q, q.form).flatMap((d) => queryHashes(q.titleKeys, d)),
      );
  }
}

/** Per dataset (and none), a query key's hash, remembered: every search of a round and the same-song search hash the same keys. */
const hashers = new Map<string | undefined, (key: string) => string>();

/** A query's title hashes (title-hash.ts titleHashes, remembered), each once. */
function queryHashes(keys: readonly string[], dataset?: string): string[] {
  let hashOf = hashers.get(dataset);
  if (hashOf === undefined) {
    // Datasets are the index's few, or one asked for: a cap keeps odd names from piling up.
    if (hashers.size >= 64) hashers.clear();
    hashOf = remembered((key) => titleHash(key, dataset));
    hashers.set(dataset, hashOf);
  }
  return [...new Set(keys.map(hashOf))];
}

/** The datasets whose hashes a title filter asks: the one asked for, or every one of the index. */
export function hashedDatasets(q: Pick<PlannedTitleQuery, 'dataset'>, form: { datasets: readonly string[] }): readonly string[] {
  return q.dataset === undefined ? form.datasets : [q.dataset];
}

/** The dataset clause beside a title filter: none when the filter's hashes are that dataset's already. */
export function titleScope(q: Pick<PlannedTitleQuery, 'form' | 'dataset'>): string | undefined {
  return q.dataset === undefined || q.form.by === 'dataset-hash' ? undefined : exactOne('dataset', q.dataset);
}

/** titleFilter on an index without hashes: `title_norm`, and `title_alt` for the filterable keys. */
export function titleClause(keys: readonly string[]): string {
  const alt = keys.filter(filterable);
  const norm = keys.length === 1 ? exactOne('title_norm', keys[0] ?? '') : exactAny('title_norm', keys);
  return alt.length === 0 ? norm : `(${norm} || ${exactAny('title_alt', alt)})`;
}

/**
 * Rows crediting the artist: any solid key of the query in `artists_norm`, or every piece of
 * a joined name ("Calvin Harris x Dua Lipa") credited, solid or as a part. undefined when no
 * key is short enough to filter on: then rank.ts compares the title's rows itself.
 */
export function creditClause(credit: QueryCredit): string | undefined {
  const solid = [...new Set(credit.segments.flatMap((s) => s.solid))].filter(filterable).slice(0, MAX_SOLID_KEYS);
  const groups = credit.segments
    .filter((s) => s.fragments.length >= 2 && s.fragments.every(filterable))
    .map((s) => `(${s.fragments.map((f) => `(${exactAny('artists_norm', [f])} || ${exactAny('artist_parts', [f])})`).join(' && ')})`);
  const clauses = [...(solid.length > 0 ? [exactAny('artists_norm', solid)] : []), ...groups];
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : `(${clauses.join(' || ')})`;
}

/**
 * The one key a credit is matched by when it has a single solid key and no joined pieces (the
 * common case: one artist), else undefined. Only such a credit can be asked as a text query
 * whose rows include every row its filter matches.
 */
export function singleCreditKey(credit: QueryCredit): string | undefined {
  const solid = [...new Set(credit.segments.flatMap((s) => s.solid))].filter(filterable);
  const groups = credit.segments.filter((s) => s.fragments.length >= 2 && s.fragments.every(filterable));
  return solid.length === 1 && groups.length === 0 ? solid[0] : undefined;
}
