/**
 * The same song written another way, read off the rows an exact search found: the title query
 * widened with those rows' other title forms and the credit's other names (title-round.ts
 * asks it as one more exact search).
 */
import { aliasKeys, creditMatches, rowCreditKeys } from '../index/credits.js';
import { titleKeys } from '../index/normalize.js';
import { clampQuery } from './filter.js';
import { MAX_PER_PAGE, type PlannedTitleQuery } from './plan.js';

/**
 * The same song's other forms, read off the rows that are it: a title in another script
 * ("봄날 (Spring Day)" → "봄날"), or another name of the very credit that matched ("IU
 * (아이유)" → "IU"). A second exact search with them finds the rows that write the song only
 * that other way, in whatever dataset. Co-credited artists are not added: another artist's
 * own song of the same title is not this one. undefined when the rows add no key.
 */
export function planSameSong(
  q: PlannedTitleQuery,
  rows: readonly { title: string; artists: readonly string[] }[],
): PlannedTitleQuery | undefined {
  if (q.credit === undefined || rows.length === 0) return undefined;
  const credit = q.credit;
  const keys = new Set(q.titleKeys);
  for (const r of rows) {
    const t = titleKeys(clampQuery(r.title));
    for (const k of [t.key, ...t.alternates]) keys.add(k);
  }
  const known = new Set(credit.segments.flatMap((s) => s.solid));
  const aliases = new Set<string>();
  for (const r of rows) {
    for (const cell of r.artists.map((a) => clampQuery(a))) {
      if (!creditMatches(credit, rowCreditKeys([cell]))) continue;
      for (const k of aliasKeys(cell)) if (!known.has(k)) aliases.add(k);
    }
  }
  if (keys.size === q.titleKeys.length && aliases.size === 0) return undefined;
  const added = aliases.size === 0 ? [] : [{ solid: [...aliases], fragments: [] }];
  return {
    ...q,
    titleKeys: [...keys],
    credit: { ...credit, segments: [...credit.segments, ...added] },
    page: 1,
    perPage: MAX_PER_PAGE,
  };
}
