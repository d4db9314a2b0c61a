/** An artist's coverage answer, shaped from the rows read for that artist. */
import { baseTitle } from '../index/normalize.js';
import type { ArtistCoverage } from './port.js';
import type { TrackHit } from './rank.js';

export function coverageOf(name: string, total: number, rowsByDataset: Record<string, number>, docs: readonly TrackHit[]): ArtistCoverage {
  const titles = new Map<string, { title: string; rows: number; datasets: Set<string> }>();
  for (const doc of docs) {
    const key = baseTitle(doc.title ?? doc.title_norm ?? '');
    const entry = titles.get(key) ?? { title: doc.title ?? key, rows: 0, datasets: new Set<string>() };
    entry.rows++;
    entry.datasets.add(doc.dataset ?? '');
    titles.set(key, entry);
  }
  const topTitles = [...titles.values()]
    .sort((a, b) => b.rows - a.rows || a.title.localeCompare(b.title))
    .slice(0, 10)
    .map((t) => ({ title: t.title, rows: t.rows, datasets: [...t.datasets].sort() }));
  return { artist: name, totalRows: total, rowsByDataset, distinctTitles: titles.size, topTitles, partial: docs.length < total };
}
