/**
 * The sentences an answer may say (datasets.md, "What a result may claim"). Every
 * renderer uses these, so no platform can drift into "proof", "stolen" or "safe".
 */
import type { DatasetInfo, IndexInfo } from '../index/schema.js';
import type { Basis } from '../search/port.js';
import type { Evidence, SongGroup } from './types.js';

export const BASIS_LABEL: Record<Basis, string> = {
  id: 'same platform id (certain)',
  exact: 'same title and artist (strong)',
  fuzzy: 'similar title (a candidate, not a match)',
};

export const NOT_TRAINING_CLAIM = 'Being in a dataset does not show that any given model was trained on it.';

export const SAMPLE_NOTE =
  'Sample data: this index holds the bundled sample rows (a few hundred), not the published datasets. Build the full index with trained-index.';

export function datasetName(info: IndexInfo | undefined, id: string): string {
  return info?.datasets.find((d) => d.id === id)?.name ?? id;
}

/** "25 November 2026" from an ISO timestamp; the raw text when it is not a date. */
export function indexDate(info: IndexInfo | undefined): string {
  if (info === undefined) return 'an unknown date';
  const d = new Date(info.builtAt);
  if (Number.isNaN(d.getTime())) return info.builtAt;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function datasetList(datasets: readonly DatasetInfo[]): string {
  return datasets.map((d) => d.name).join(', ');
}

/** "not found in these 4 datasets as indexed on 1 November 2026: A, B, C, D" */
export function notFoundNote(info: IndexInfo | undefined, scope?: readonly DatasetInfo[]): string {
  const datasets = scope ?? info?.datasets ?? [];
  const n = datasets.length;
  const these = n === 1 ? 'this dataset' : `these ${n} datasets`;
  return `Not found in ${these} as indexed on ${indexDate(info)}: ${datasetList(datasets)}. That does not mean it was never used for training.`;
}

/** Datasets that hold none of the shown rows, said the same careful way. */
export function absentNote(info: IndexInfo | undefined, presentIds: ReadonlySet<string>): string | undefined {
  const absent = (info?.datasets ?? []).filter((d) => !presentIds.has(d.id));
  if (absent.length === 0) return undefined;
  return `Not found in ${datasetList(absent)} (as indexed on ${indexDate(info)}).`;
}

/** "present in LAION-DISCO-12M (row dQw4w9WgXcQ)" or, for a candidate, "similar title in … (row …)". */
export function evidenceText(e: Evidence): string {
  const where = `${e.datasetName} (row ${e.rowKey})`;
  return e.basis === 'fuzzy' ? `similar title in ${where}` : `present in ${where}`;
}

export function groupTitle(g: SongGroup): string {
  const by = g.artists.length > 0 ? ` by ${g.artists.join(', ')}` : '';
  return `${g.title}${by}`;
}

export function sampleNotes(info: IndexInfo | undefined): string[] {
  return info?.sample === true ? [SAMPLE_NOTE] : [];
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Ends a sentence taken from dataset metadata without doubling its own full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
