/**
 * The sentences an answer may say (datasets.md, "What a result may claim"). Every
 * renderer uses these, so no platform can drift into "proof", "stolen" or "safe".
 */
import type { DatasetInfo, IndexInfo } from '../index/schema.js';
import type { Basis } from '../search/port.js';
import type { Evidence, QueryStatus, SongGroup } from './types.js';

export const BASIS_LABEL: Record<Basis, string> = {
  id: 'same platform id (certain)',
  exact: 'same title and artist (strong)',
  title: 'same title; no artist given',
  fuzzy: 'similar title (a candidate, not a match)',
};

/** How each query or link came out: every answer says one of these per query or link. */
export const STATUS_LABEL: Record<QueryStatus, string> = {
  found: 'found',
  candidates: 'candidates only',
  'not-found': 'not found',
  unchecked: 'unchecked',
};

export const NOT_TRAINING_CLAIM = 'Being in a dataset does not show that any given model was trained on it.';

export const SAMPLE_NOTE =
  'Sample data: this index holds the bundled sample rows (a few hundred), not the published datasets. Build the full index with trained-index.';

/** Dataset ids in the index's own order (the order /trained about lists them), so answers read the same every time. */
export function inIndexOrder(info: IndexInfo | undefined, ids: Iterable<string>): string[] {
  const order = (info?.datasets ?? []).map((d) => d.id);
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

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

/**
 * What the datasets that hold nothing say, for one query: "not found" only where the query
 * was searched and nothing turned up; where only similar titles did, "no exact match".
 */
export function absenceNotes(info: IndexInfo | undefined, notFoundIn: readonly string[], candidatesOnlyIn: readonly string[]): string[] {
  const named = (ids: readonly string[]): string => ids.map((id) => datasetName(info, id)).join(', ');
  const notes: string[] = [];
  if (notFoundIn.length > 0) notes.push(`Not found in ${named(notFoundIn)} (as indexed on ${indexDate(info)}).`);
  if (candidatesOnlyIn.length > 0) notes.push(`No exact match in ${named(candidatesOnlyIn)}: only similar titles, shown as candidates.`);
  return notes;
}

/** "present in LAION-DISCO-12M (row dQw4w9WgXcQ)"; "same title in …" for a title alone; "similar title in …" for a candidate. */
export function evidenceText(e: Evidence): string {
  const where = `${e.datasetName} (row ${e.rowKey})`;
  if (e.basis === 'fuzzy') return `similar title in ${where}`;
  return e.basis === 'title' ? `same title in ${where}` : `present in ${where}`;
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
