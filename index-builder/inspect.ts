/**
 * `trained-index inspect PATH`: what an operator needs when a file's layout changed. Reads
 * the first rows of a source (any format the builder reads), prints its columns with sample
 * values, how the closest descriptor's fields map to them (and which are missing), how the
 * sample rows map, and a descriptor to start from, so the mapping is fixed with
 * `--descriptors DIR` in minutes, without code. Nothing is sent to Typesense.
 *
 * A file that does not read as a dataset (a link to some other file) has none of its
 * content printed: only that it is not one.
 */
import { joinOf, type DatasetDescriptor, type Format } from './datasets/descriptor.js';
import { compileMapping, fieldColumns, WrongFileError, type FieldColumn, type RawRow } from './mapping.js';
import { Malformed, openFile, type OpenedFile } from './readers/index.js';
import { readableHeader } from './readers/types.js';
import { joinInput, resolveInputs, SourceError, type Input } from './sources.js';

export interface InspectOptions {
  path: string;
  descriptors: readonly DatasetDescriptor[];
  /** Compare with this dataset's descriptor instead of the closest one. */
  dataset?: string | undefined;
  rows?: number;
}

const SAMPLE_ROWS = 5;

/** A value for one line of a terminal: no control characters (no escape sequences from a file), short. */
export function sampleText(value: unknown, max = 40): string {
  let t: string;
  if (value === null || value === undefined) t = '∅';
  else if (typeof value === 'string') t = JSON.stringify(value);
  else if (typeof value === 'bigint') t = value.toString();
  else t = JSON.stringify(value) ?? String(value);
  // eslint-disable-next-line no-control-regex
  t = t.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '·');
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : t;
}

function typeOf(path: string): Format | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.parquet')) return { type: 'parquet' };
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return { type: 'jsonl' };
  if (lower.endsWith('.tsv')) return { type: 'tsv' };
  if (lower.endsWith('.csv')) return { type: 'csv' };
  return undefined;
}

/** A stand-in descriptor for files no descriptor describes: its format, and a mapping guessed from common column names. */
function guessed(format: Format, columns: readonly string[]): DatasetDescriptor {
  const find = (re: RegExp): string | undefined => columns.find((c) => re.test(c));
  return {
    id: 'new-dataset',
    name: 'New dataset',
    publisher: 'who publishes it',
    licence: 'its licence',
    homepage: 'https://example.org/where-it-is-published',
    version: 'the file names or commit',
    claimedRows: 0,
    description: 'One neutral sentence: what the dataset holds and who published it when.',
    format,
    mapping: {
      rowKey: find(/^(track_?id|song_?id|id|ytid|video_?id)$/i) ?? find(/id$/i) ?? columns[0] ?? 'id',
      title: find(/^(title|track_?name|track_?title|song_?title|name)$/i) ?? find(/title|name/i) ?? 'title',
      artists: { column: find(/^artists?(_names?)?$/i) ?? find(/artist/i) ?? 'artist' },
    },
  };
}

interface Candidate {
  descriptor: DatasetDescriptor;
  inputs: Input[];
  file: OpenedFile;
  fields: FieldColumn[];
  score: number;
}

async function open(descriptor: DatasetDescriptor, path: string): Promise<Candidate | undefined> {
  let inputs: Input[];
  try {
    inputs = await resolveInputs(descriptor, path);
  } catch {
    return undefined;
  }
  const first = inputs[0];
  if (first === undefined) return undefined;
  const file = await openFile(descriptor, first);
  // Columns a joined file adds (FMA's raw_tracks.csv → track_url) count as found when that file is there.
  const join = joinOf(descriptor.format);
  const joined = join !== undefined && (await joinInput(descriptor, first)) !== undefined ? Object.values(join.columns) : [];
  const fields = fieldColumns(descriptor, new Set([...file.columns, ...joined]));
  const named = fields.filter((f) => !f.optional || f.column !== undefined);
  const score = named.filter((f) => f.column !== undefined || f.fallback !== undefined).length / Math.max(1, named.length);
  return { descriptor, inputs, file, fields, score };
}

async function sampleRows(file: OpenedFile, n: number): Promise<(RawRow | Malformed)[]> {
  for await (const batch of file.batches(0, file.columns, n)) return batch.rows.slice(0, n);
  return [];
}

function columnLines(columns: readonly string[], rows: readonly (RawRow | Malformed)[]): string[] {
  const good = rows.filter((r): r is RawRow => !(r instanceof Malformed));
  const width = Math.min(28, Math.max(8, ...columns.map((c) => c.length)));
  return columns.map((c) => {
    const values = good.slice(0, 3).map((r) => sampleText(r[c]));
    return `  ${(c === '' ? '(unnamed)' : c).padEnd(width)}  ${values.join(' | ')}`;
  });
}

function fieldLines(fields: readonly FieldColumn[]): string[] {
  const width = Math.max(...fields.map((f) => f.field.length));
  return fields.map((f) => {
    const state =
      f.column !== undefined
        ? `found: ${f.column}`
        : f.fallback !== undefined
          ? `missing: read from ${f.fallback}`
          : f.optional
            ? 'missing (optional: left empty)'
            : 'MISSING: the build stops';
    return `  ${f.field.padEnd(width)}  ${f.wanted.padEnd(30)}  ${state}`;
  });
}

/** The descriptor with each field's candidates narrowed to the column this file has. */
function snippet(c: Candidate): string {
  const found = new Map(c.fields.map((f) => [f.wanted, f.column]));
  const narrow = (value: unknown): unknown => {
    if (typeof value === 'string' || Array.isArray(value)) {
      const key = typeof value === 'string' ? value : value.length === 1 ? String(value[0]) : `one of (${value.join(' | ')})`;
      return found.get(key) ?? value;
    }
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'column' ? narrow(v) : v]));
    return value;
  };
  const m = c.descriptor.mapping as unknown as Record<string, unknown>;
  const mapping = Object.fromEntries(
    Object.entries(m).map(([k, v]) =>
      k === 'url' || k === 'rowKeyPattern' ? [k, v] : [k, Array.isArray(v) && k !== 'rowKey' && k !== 'title' ? v.map(narrow) : narrow(v)],
    ),
  );
  return JSON.stringify({ ...c.descriptor, mapping }, null, 2);
}

async function mappedLines(c: Candidate, rows: readonly (RawRow | Malformed)[]): Promise<string[]> {
  let compiled;
  const joined = c.fields
    .filter((f) => f.field === 'url' && f.column !== undefined && !c.file.columns.includes(f.column))
    .map((f) => f.wanted);
  try {
    compiled = compileMapping(c.descriptor, c.file.name, [...c.file.columns, ...joined]);
  } catch (err) {
    if (err instanceof WrongFileError) return [`  ${err.message}`];
    throw err;
  }
  const out: string[] = [`  ${compiled.used.join('; ')}`];
  let ok = 0;
  for (const [i, raw] of rows.entries()) {
    const r = raw instanceof Malformed ? { ok: false as const, reason: raw.reason } : compiled.map(raw);
    if (!r.ok) {
      out.push(`  row ${i + 1}: rejected (${r.reason})`);
      continue;
    }
    ok += 1;
    if (ok > 2) continue;
    const ids = (r.row.platformIds ?? []).map((p) => `${p.platform}:${p.id}`).join(', ');
    out.push(
      `  row ${i + 1}: ${sampleText(r.row.title)} by ${r.row.artists.map((a) => sampleText(a)).join(' + ') || '∅'}; row key ${sampleText(r.row.rowKey)}${ids === '' ? '' : `; ids ${sampleText(ids, 120)}`}`,
    );
  }
  out.unshift(`How the first ${rows.length} rows map (${ok} kept):`);
  return out;
}

export async function inspect(opts: InspectOptions): Promise<string> {
  const tried = opts.dataset === undefined ? opts.descriptors : opts.descriptors.filter((d) => d.id === opts.dataset);
  if (tried.length === 0)
    throw new SourceError(`unknown dataset "${opts.dataset ?? ''}" (known: ${opts.descriptors.map((d) => d.id).join(', ')})`);
  const candidates: Candidate[] = [];
  // A file is only read as the format its name says (a .csv never as parquet); a directory as any.
  const named = typeOf(opts.path)?.type;
  let failure: unknown;
  try {
    for (const d of tried.filter((x) => named === undefined || x.format.type === named)) {
      const c = await open(d, opts.path).catch((err: unknown) => {
        failure ??= err;
        return undefined;
      });
      if (c !== undefined) candidates.push(c);
    }
    if (candidates.length === 0 && failure instanceof SourceError) throw failure;
    let best = candidates.sort((a, b) => b.score - a.score)[0];
    if (best === undefined || best.score === 0) {
      const format = typeOf(opts.path) ?? best?.descriptor.format;
      if (format === undefined) throw new SourceError(`${opts.path}: no .parquet, .jsonl or .csv file found, and no descriptor reads it`);
      const probe = await open(guessed(format, []), opts.path);
      if (probe === undefined) throw new SourceError(`${opts.path}: no ${format.type} file to read`);
      candidates.push(probe);
      const descriptor = guessed(format, probe.file.columns);
      best = { ...probe, descriptor, fields: fieldColumns(descriptor, new Set(probe.file.columns)), score: 0 };
    }
    return await describe(best, opts);
  } finally {
    for (const c of candidates) await c.file.close();
  }
}

async function describe(best: Candidate, opts: InspectOptions): Promise<string> {
  const { file, descriptor } = best;
  const names = best.inputs.map((i) => i.name);
  const out: string[] = [
    `${opts.path}: ${descriptor.format.type}, ${names.length} file(s)${names.length > 1 ? ` (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})` : ''}; first file read: ${file.name}`,
  ];
  // A CSV whose first line is not a header row (any other file behind the path) is not shown.
  if (descriptor.format.type === 'csv' && !readableHeader(file.columns)) {
    out.push('Its first line does not read as a header row of column names: not a dataset file; its content is not shown.');
    return out.join('\n');
  }
  const rows = await sampleRows(file, opts.rows ?? SAMPLE_ROWS);
  const malformed = rows.filter((r) => r instanceof Malformed).length;
  out.push('', `Columns (${file.columns.length}), values from the first rows:`, ...columnLines(file.columns, rows));
  if (malformed > 0)
    out.push(
      `  (${malformed} of the first ${rows.length} rows could not be read: ${(rows.find((r) => r instanceof Malformed) as Malformed).reason})`,
    );
  const join = joinOf(descriptor.format);
  if (join !== undefined && best.inputs[0] !== undefined) {
    const joined = await joinInput(descriptor, best.inputs[0]);
    out.push(
      joined === undefined
        ? `Joined file ${join.file}: not found next to ${file.name} (rows would get no ${Object.values(join.columns).join(', ')})`
        : `Joined file ${join.file}: found; ${Object.keys(join.columns).join(', ')} read by ${join.key}`,
    );
  }
  const known = descriptor.id !== 'new-dataset';
  out.push(
    '',
    known
      ? `Descriptor ${descriptor.id} (${opts.dataset === undefined ? 'the closest match' : 'as asked'}: ${Math.round(best.score * 100)}% of its named columns found):`
      : 'No descriptor matches these columns; a guess:',
    ...fieldLines(best.fields),
    '',
    ...(await mappedLines(best, rows)),
    '',
    `A descriptor to start from: save it as DIR/${descriptor.id}.json, correct it, and build with --descriptors DIR:`,
    snippet(best),
  );
  return out.join('\n');
}
