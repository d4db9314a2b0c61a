/** Turns search matches into song groups with evidence, in the order the port ranked them. */
import type { IndexInfo } from '../index/schema.js';
import type { Basis, TrackMatch } from '../search/port.js';
import type { Evidence, SongGroup } from './types.js';
import { datasetName } from './wording.js';

const STRENGTH: Record<Basis, number> = { id: 4, exact: 3, title: 2, fuzzy: 1 };

export function strongest(a: Basis, b: Basis): Basis {
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

export function toEvidence(m: TrackMatch, info: IndexInfo | undefined): Evidence {
  const version = info?.datasets.find((d) => d.id === m.dataset)?.version;
  return {
    dataset: m.dataset,
    datasetName: datasetName(info, m.dataset),
    rowKey: m.rowKey,
    title: m.title,
    artists: m.artists,
    ...(m.album !== undefined ? { album: m.album } : {}),
    ...(m.url !== undefined ? { url: m.url } : {}),
    basis: m.basis,
    ...(version !== undefined ? { version } : {}),
    ...(m.clip !== undefined ? { clip: m.clip } : {}),
  };
}

/**
 * Groups rows by song (base title + first artist). Candidates and rows that only share a
 * title never join a group of hits: each kind keeps its own groups so none can borrow a
 * hit's certainty.
 */
export function groupMatches(matches: readonly TrackMatch[], info: IndexInfo | undefined, maxGroups = 10): SongGroup[] {
  const groups = new Map<string, SongGroup>();
  const seenRows = new Set<string>();
  for (const m of matches) {
    const rowId = `${m.dataset}:${m.rowKey}`;
    if (seenRows.has(rowId)) continue;
    seenRows.add(rowId);
    const key = `${m.basis === 'fuzzy' || m.basis === 'title' ? m.basis : 'hit'}\u0000${m.songKey}`;
    let g = groups.get(key);
    if (g === undefined) {
      if (groups.size >= maxGroups) continue;
      g = { title: m.title, artists: m.artists, basis: m.basis, evidence: [] };
      groups.set(key, g);
    }
    g.basis = strongest(g.basis, m.basis);
    // Show the plainest title of the group (the one without version words) as its name.
    if (m.version === undefined && m.title.length < g.title.length) g.title = m.title;
    g.evidence.push(toEvidence(m, info));
  }
  // Within a song: the strongest rows first, datasets in the index's order, so answers read the same every time.
  const order = (info?.datasets ?? []).map((d) => d.id);
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length);
  for (const g of groups.values()) g.evidence.sort((a, b) => STRENGTH[b.basis] - STRENGTH[a.basis] || rank(a.dataset) - rank(b.dataset));
  // Hits first; rows of a title alone by the artists carrying most of them.
  return [...groups.values()].sort(
    (a, b) => STRENGTH[b.basis] - STRENGTH[a.basis] || (a.basis === 'title' ? b.evidence.length - a.evidence.length : 0),
  );
}

/** Dataset ids holding at least one hit (id or exact basis): the ones whose publisher contact is shown. */
export function datasetsWithHits(groups: readonly SongGroup[]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (const e of g.evidence) if (e.basis === 'id' || e.basis === 'exact') out.add(e.dataset);
  return out;
}
