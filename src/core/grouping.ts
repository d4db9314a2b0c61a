/** Turns search matches into song groups with evidence, in the order the port ranked them. */
import type { IndexInfo } from '../index/schema.js';
import type { Basis, TrackMatch } from '../search/port.js';
import type { Evidence, SongGroup } from './types.js';

const STRENGTH: Record<Basis, number> = { id: 4, exact: 3, title: 2, fuzzy: 1 };

export function strongest(a: Basis, b: Basis): Basis {
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/** What grouping reads of a dataset of the index: its name, version and place in the index's order. */
interface DatasetFacts {
  name: string;
  version: string | undefined;
  rank: number;
}

/** Each dataset's facts, looked up once a grouping (a reply groups up to hundreds of rows of a few datasets). */
function datasetFacts(info: IndexInfo | undefined): (id: string) => DatasetFacts {
  const known = new Map<string, DatasetFacts>();
  const datasets = info?.datasets ?? [];
  return (id) => {
    let facts = known.get(id);
    if (facts === undefined) {
      const at = datasets.findIndex((d) => d.id === id);
      const d = datasets[at];
      facts = { name: d?.name ?? id, version: d?.version, rank: at >= 0 ? at : datasets.length };
      known.set(id, facts);
    }
    return facts;
  };
}

function toEvidence(m: TrackMatch, facts: DatasetFacts): Evidence {
  // Field by field, in the order the optional fields' spreads gave: one object a row.
  const e = { dataset: m.dataset, datasetName: facts.name, rowKey: m.rowKey, title: m.title, artists: m.artists } as Evidence;
  if (m.album !== undefined) e.album = m.album;
  if (m.url !== undefined) e.url = m.url;
  e.basis = m.basis;
  if (facts.version !== undefined) e.version = facts.version;
  if (m.clip !== undefined) e.clip = m.clip;
  return e;
}

/**
 * Groups rows by song (base title + first artist). Candidates and rows that only share a
 * title never join a group of hits: each kind keeps its own groups so none can borrow a
 * hit's certainty.
 */
export function groupMatches(matches: readonly TrackMatch[], info: IndexInfo | undefined, maxGroups = 10): SongGroup[] {
  // Keyed by the rows' own strings (dataset, then row key; kind, then song key): no joined key built and hashed a row.
  const byKind = new Map<string, Map<string, SongGroup>>();
  const ordered: SongGroup[] = [];
  const seenRows = new Map<string, Set<string>>();
  const factsOf = datasetFacts(info);
  for (const m of matches) {
    let rows = seenRows.get(m.dataset);
    if (rows === undefined) seenRows.set(m.dataset, (rows = new Set()));
    if (rows.has(m.rowKey)) continue;
    rows.add(m.rowKey);
    const kind = m.basis === 'fuzzy' || m.basis === 'title' ? m.basis : 'hit';
    let groups = byKind.get(kind);
    if (groups === undefined) byKind.set(kind, (groups = new Map()));
    let g = groups.get(m.songKey);
    if (g === undefined) {
      if (ordered.length >= maxGroups) continue;
      g = { title: m.title, artists: m.artists, basis: m.basis, evidence: [] };
      groups.set(m.songKey, g);
      ordered.push(g);
    }
    g.basis = strongest(g.basis, m.basis);
    // Show the plainest title of the group (the one without version words) as its name.
    if (m.version === undefined && m.title.length < g.title.length) g.title = m.title;
    g.evidence.push(toEvidence(m, factsOf(m.dataset)));
  }
  // Within a song: the strongest rows first, datasets in the index's order, so answers read the same every time.
  const rank = (id: string): number => factsOf(id).rank;
  for (const g of ordered) g.evidence.sort((a, b) => STRENGTH[b.basis] - STRENGTH[a.basis] || rank(a.dataset) - rank(b.dataset));
  // Hits first; rows of a title alone by the artists carrying most of them.
  return ordered.sort((a, b) => STRENGTH[b.basis] - STRENGTH[a.basis] || (a.basis === 'title' ? b.evidence.length - a.evidence.length : 0));
}

/** Dataset ids holding at least one hit (id or exact basis): the ones whose publisher contact is shown. */
export function datasetsWithHits(groups: readonly SongGroup[]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (const e of g.evidence) if (e.basis === 'id' || e.basis === 'exact') out.add(e.dataset);
  return out;
}
