/** What a build did, for the person running it (text summary) and for machines (--json). */

export interface RejectSummary {
  reason: string;
  count: number;
  /** The first few rows with this reason, as `file:row` (row = 1-based data row in that file). */
  firstRows: string[];
}

export interface SourceReport {
  dataset: string;
  location: string;
  files: string[];
  /** Data rows read from the files (every row, good or bad). */
  read: number;
  /** Rows the server accepted (a duplicate id counts each time it is sent). */
  imported: number;
  rejected: number;
  rejects: RejectSummary[];
  /** Columns in the file that the descriptor does not use (reported for unverified layouts). */
  unmappedColumns: string[];
  /** Optional fields the descriptor names that the file lacks. */
  missingOptional: string[];
  /** Which column each field was read from (`title ← song_url's page path …` when no title column exists). */
  used: string[];
  /** Ids in kept rows that could not be read (`youtube_links: not a youtube link`), with the first rows. */
  idProblems: RejectSummary[];
  seconds: number;
}

export interface DatasetCount {
  dataset: string;
  imported: number;
  /** Documents of this dataset in the collection after the build. */
  indexed: number;
  /** Rows that shared an id with another row (e.g. a Spotify track listed once per genre) and became one document. */
  duplicatesMerged: number;
}

export interface BuildReport {
  collection: string;
  alias: string;
  incremental: boolean;
  /** True when an interrupted build of the same sources was picked up. */
  resumed: boolean;
  sample: boolean;
  builtAt: string;
  sources: SourceReport[];
  datasets: DatasetCount[];
  read: number;
  imported: number;
  rejected: number;
  duplicatesMerged: number;
  seconds: number;
  rowsPerSecond: number;
  /** Times the server answered 503 / dropped a request and the batch was retried after a pause. */
  backoffs: number;
  /** The collection the alias pointed at before, dropped after the swap. */
  replaced: string | undefined;
  /** The autocomplete collection now behind `<alias>_suggest`: distinct keys kept. */
  suggestions: { titles: number; artists: number; seconds: number };
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function formatReport(r: BuildReport): string {
  const lines: string[] = [];
  const mode = r.incremental ? 'updated' : r.resumed ? 'built (resumed)' : 'built';
  lines.push(`Index ${mode}: collection ${r.collection}, alias "${r.alias}"${r.sample ? ' (sample data)' : ''}`);
  for (const s of r.sources) {
    lines.push(`  ${s.dataset} ← ${s.location}`);
    lines.push(`    read ${fmt(s.read)}, imported ${fmt(s.imported)}, rejected ${fmt(s.rejected)} in ${s.seconds.toFixed(1)} s`);
    for (const j of s.rejects)
      lines.push(`    rejected ${fmt(j.count)}: ${j.reason} (rows ${j.firstRows.join(', ')}${j.count > j.firstRows.length ? ', …' : ''})`);
    if (s.used.length > 0) lines.push(`    fields: ${s.used.join('; ')}`);
    for (const p of s.idProblems)
      lines.push(
        `    ids skipped in ${fmt(p.count)} kept rows: ${p.reason} (rows ${p.firstRows.join(', ')}${p.count > p.firstRows.length ? ', …' : ''})`,
      );
    if (s.unmappedColumns.length > 0) lines.push(`    columns not used: ${s.unmappedColumns.join(', ')}`);
    if (s.missingOptional.length > 0) lines.push(`    optional fields not in the file: ${s.missingOptional.join(', ')}`);
  }
  for (const d of r.datasets) {
    lines.push(
      `  ${d.dataset}: ${fmt(d.indexed)} in the index${d.duplicatesMerged > 0 ? `, ${fmt(d.duplicatesMerged)} duplicate rows merged` : ''}`,
    );
  }
  lines.push(
    `Total: read ${fmt(r.read)}, imported ${fmt(r.imported)}, rejected ${fmt(r.rejected)}, duplicates merged ${fmt(r.duplicatesMerged)}; ` +
      `${r.seconds.toFixed(1)} s, ${fmt(Math.round(r.rowsPerSecond))} rows/s${r.backoffs > 0 ? `, ${r.backoffs} backoffs` : ''}`,
  );
  lines.push(
    `Autocomplete: ${fmt(r.suggestions.titles)} titles and ${fmt(r.suggestions.artists)} artists (most frequent first) in ${r.suggestions.seconds.toFixed(1)} s`,
  );
  if (r.replaced !== undefined) lines.push(`Replaced collection ${r.replaced}.`);
  return lines.join('\n');
}
