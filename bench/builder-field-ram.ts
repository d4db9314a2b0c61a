/**
 * What one indexed field costs in Typesense RAM: the same LAION-shaped rows imported twice on
 * fresh servers of their own, side by side in one run, as toDocument makes them now and without
 * the field. Issue 18: `album_norm` (the key /trained album: filters on); issue 17: `title_keys`
 * (the exact title filter's hashes). Part of `npm run bench -- builder`.
 */
import type { TrackDocument } from '../src/index/schema.js';
import { gb, ramPerMillion, type RamReading } from './builder-helpers.js';
import type { BenchContext } from './run.js';

export interface FieldCost {
  withField: RamReading;
  without: RamReading;
}

export async function fieldRam(
  ctx: BenchContext,
  field: keyof TrackDocument,
  what: string,
  count: number,
  docs: () => Iterable<TrackDocument>,
): Promise<FieldCost> {
  const withField = await ramPerMillion(ctx, count, docs);
  const without = await ramPerMillion(ctx, count, function* () {
    for (const d of docs()) {
      const rest = { ...d };
      delete rest[field];
      yield rest;
    }
  });
  console.log(
    `${field} (${what}): ${gb(withField.slope - without.slope)} per million rows by slope ` +
      `(${gb(withField.added - without.added)} as added); rows with it ${gb(withField.slope)} (${gb(withField.added)}), ` +
      `without ${gb(without.slope)} (${gb(without.added)})`,
  );
  return { withField, without };
}
