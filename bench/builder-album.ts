/**
 * Issue 18: what `album_norm` (the key /trained album: filters on) costs in Typesense RAM.
 * The same LAION-shaped rows, each with an album, imported twice on fresh servers of their
 * own, side by side in one run: as toDocument makes them now, and without `album_norm`.
 * Part of `npm run bench -- builder`.
 */
import type { TrackDocument } from '../src/index/schema.js';
import { gb, ramPerMillion, type RamReading } from './builder-helpers.js';
import type { BenchContext } from './run.js';

export interface AlbumCost {
  withAlbum: RamReading;
  without: RamReading;
}

export async function albumRam(ctx: BenchContext, count: number, docs: () => Iterable<TrackDocument>): Promise<AlbumCost> {
  const withAlbum = await ramPerMillion(ctx, count, docs);
  const without = await ramPerMillion(ctx, count, function* () {
    for (const d of docs()) {
      const { album_norm: _key, ...rest } = d;
      yield rest;
    }
  });
  console.log(
    `album_norm (/trained album:): ${gb(withAlbum.slope - without.slope)} per million rows by slope ` +
      `(${gb(withAlbum.added - without.added)} as added); rows with it ${gb(withAlbum.slope)} (${gb(withAlbum.added)}), ` +
      `without ${gb(without.slope)} (${gb(without.added)}); every row carries an album here, as in LAION-DISCO-12M`,
  );
  return { withAlbum, without };
}
