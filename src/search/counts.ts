/**
 * Rows of a filter per dataset, one search a dataset in one multi_search (no facet on
 * `dataset`, see schema.ts). `filter && dataset:=d` costs Typesense 0.24.1 time in proportion
 * to the dataset's rows, whatever the filter: every row id of the dataset is gathered first, and
 * LAION-DISCO-12M holds 58% of the index (24 ms of a 1M-row index for one count, measured; the
 * four counts of a popular title cost more than its search). So a dataset whose id is one word
 * to Typesense is asked as that word, a typo-free text query on `dataset`, over the filter's own
 * rows: the cost is the filter's, and the count is the same. Typesense reads the filter value
 * and the query word through the same tokenizer (dashes dropped, so "ab-c" and "a-bc" are one
 * dataset to both forms alike: loadDescriptors refuses such a pair), and a one-word value is
 * held exactly when its word is. An id that is not certainly one word is asked by filter.
 */
import type { SearchParams } from 'typesense';
import type { TrackDocument } from '../index/schema.js';
import { exactOne } from './filter.js';
import type { PlannedSearch } from './plan.js';

/** The single word a dataset id is indexed as, when that is certain: lower-case ASCII letters and digits joined by `-`. */
export function datasetWord(id: string): string | undefined {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? id.replace(/-/g, '') : undefined;
}

/** The filter form of one dataset's count: what a dataset whose id is not certainly one word is asked by. */
export function countByFilter(filter: string, dataset: string): SearchParams<TrackDocument> {
  return { q: '*', filter_by: `${filter} && ${exactOne('dataset', dataset)}`, per_page: 0 };
}

/** One counting search (per_page 0) of `filter`'s rows in each dataset, in the order given. */
export function datasetCounts(filter: string, datasets: readonly string[]): SearchParams<TrackDocument>[] {
  return datasets.map((d) => {
    const word = datasetWord(d);
    if (word === undefined) return countByFilter(filter, d);
    return {
      q: word,
      query_by: 'dataset',
      num_typos: 0,
      prefix: false,
      drop_tokens_threshold: 0,
      typo_tokens_threshold: 0,
      split_join_tokens: 'off',
      filter_by: filter,
      per_page: 0,
    };
  });
}

/** The rows per dataset the plan's `dataset-count` searches found (datasets with none left out); undefined when it has none. */
export function plannedCounts(plan: readonly PlannedSearch[], responses: readonly { found: number }[]): Record<string, number> | undefined {
  if (!plan.some((p) => p.role === 'dataset-count')) return undefined;
  const out: Record<string, number> = {};
  plan.forEach((p, i) => {
    const found = responses[i]?.found ?? 0;
    if (p.role === 'dataset-count' && p.dataset !== undefined && found > 0) out[p.dataset] = found;
  });
  return out;
}
