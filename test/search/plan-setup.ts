/** What plan.test.ts and rank.test.ts share: planned(), a title query as planTitleQuery plans it, with fields overridden. */
import { planTitleQuery, type PlannedTitleQuery } from '../../src/search/plan.js';

export function planned(title: string, artist?: string, extra: Partial<PlannedTitleQuery> = {}): PlannedTitleQuery {
  const q = planTitleQuery({ title, artist });
  if (q === undefined) throw new Error(`no plan for ${title}`);
  return { ...q, ...extra };
}
