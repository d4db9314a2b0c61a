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

/**
 * Made once: `toLocaleDateString` with options builds a new formatter on every call, which cost
 * ~140 µs a call and most of a link answer's own JS (CPU profile of the core's id lookups); a shared one, 1.5 µs.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The last date formatted: every reply names the one build's date, and Intl's format costs ~30 µs a lookup. */
let lastDate = { builtAt: '', text: '' };

/** "25 November 2026" from an ISO timestamp; the raw text when it is not a date. */
export function indexDate(info: IndexInfo | undefined): string {
  if (info === undefined) return 'an unknown date';
  if (lastDate.builtAt === info.builtAt && lastDate.text !== '') return lastDate.text;
  const d = new Date(info.builtAt);
  const text = Number.isNaN(d.getTime()) ? info.builtAt : DAY.format(d);
  lastDate = { builtAt: info.builtAt, text };
  return text;
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

/** Datasets that hold none of the shown rows (an album's), said the same careful way. */
export function absentNote(info: IndexInfo | undefined, presentIds: ReadonlySet<string>): string | undefined {
  const absent = (info?.datasets ?? []).filter((d) => !presentIds.has(d.id));
  if (absent.length === 0) return undefined;
  return `Not found in ${datasetList(absent)} (as indexed on ${indexDate(info)}).`;
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

/** 75 → "1:15". */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "a 10-second clip (0:30–0:40) of this video": a row that is a window of the linked media, not the whole of it. */
export function clipText(clip: { start: number; end: number }): string {
  return `a ${Math.round(clip.end - clip.start)}-second clip (${clock(clip.start)}–${clock(clip.end)}) of this video`;
}

/** "present in LAION-DISCO-12M (row dQw4w9WgXcQ)"; "same title in …" for a title alone; "similar title in …" for a candidate. */
export function evidenceText(e: Evidence): string {
  const where = `${e.datasetName} (row ${e.rowKey})`;
  if (e.basis === 'fuzzy') return `similar title in ${where}`;
  if (e.basis === 'title') return `same title in ${where}`;
  return e.clip === undefined ? `present in ${where}` : `present in ${where}: ${clipText(e.clip)}`;
}

export function groupTitle(g: SongGroup): string {
  const by = g.artists.length > 0 ? ` by ${g.artists.join(', ')}` : '';
  // A row with no title (MusicCaps) is answered by its link: say what it is instead of an empty name.
  if (g.title.trim() === '') {
    const clip = g.evidence.find((e) => e.clip !== undefined)?.clip;
    return clip === undefined ? `(no title in the dataset)${by}` : `(no title in the dataset: ${clipText(clip)})${by}`;
  }
  return `${g.title}${by}`;
}

/**
 * "The publisher of FMA lists this contact: …" for each dataset shown holding the song, from
 * the routes its publisher documents (descriptor `contacts`, with where and when they were read).
 * Nothing for a publisher that documents none. Neutral: no advice, no claim.
 */
export function contactNotes(info: IndexInfo | undefined, datasetIds: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of inIndexOrder(info, datasetIds)) {
    const d = info?.datasets.find((x) => x.id === id);
    const routes = d?.contacts ?? [];
    if (d === undefined || routes.length === 0) continue;
    const listed = routes.map((c) => `${c.url.replace(/^mailto:/, '')}${c.note !== undefined ? ` (${c.note})` : ''}`).join('; ');
    out.push(`The publisher of ${d.name} lists ${routes.length === 1 ? 'this contact' : 'these contacts'}: ${listed}.`);
  }
  return out;
}

export function sampleNotes(info: IndexInfo | undefined): string[] {
  return info?.sample === true ? [SAMPLE_NOTE] : [];
}

/** One formatter for every count: `toLocaleString` builds a new one each call (~10 µs). */
const COUNT = new Intl.NumberFormat('en-US');

/** A count as en-US writes it: a whole number under 1,000 is its digits, the rest asks Intl (a few µs a call). */
function count(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0) ? String(n) : COUNT.format(n);
}

export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Ends a sentence taken from dataset metadata without doubling its own full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
