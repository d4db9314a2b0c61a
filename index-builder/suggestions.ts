/**
 * The autocomplete index: a small collection of the most frequent distinct normalised titles
 * and artists, each with its row count, built from the finished track collection and put
 * behind `<alias>_suggest` when the track alias moves. A 1–4 character prefix asked of the
 * 21M-row track index expands to words held by millions of rows (the slow autocompletes);
 * asked here, it expands among a few hundred thousand keys, the most-played first
 * (`default_sorting_field: rows` orders the candidate words by their most frequent key).
 *
 * Bounded memory at any size: the collection is exported once, each key goes to one of
 * PARTITIONS temporary files by hash, and each file is counted alone (a fraction of the
 * distinct keys in memory at a time), keeping the top keys of each kind in a bounded heap.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommonWordCounter, type TitleWord } from '../src/index/common-words.js';
import { artistKey } from '../src/index/credits.js';
import { suggestAlias, suggestionsSchema, type SuggestionDocument } from '../src/index/schema.js';
import type { Logger } from '../src/log.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { aliasTarget, dropCollection, importBatch, pointAlias } from './collection.js';

/** Keys kept per kind: enough for every short prefix to have its popular completions. */
export const MAX_TITLE_SUGGESTIONS = 200_000;
export const MAX_ARTIST_SUGGESTIONS = 100_000;
export const PARTITIONS = 256;

type Kind = 'title' | 'artist';

export interface Counted {
  key: string;
  display: string;
  rows: number;
}

/** A min-heap of at most `max` entries by rows: the most frequent keys seen so far. */
export class TopKeys {
  private readonly heap: Counted[] = [];
  constructor(private readonly max: number) {}
  offer(offered: Counted): void {
    const h = this.heap;
    if (h.length < this.max) {
      const c = own(offered);
      h.push(c);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((h[p] as Counted).rows <= (h[i] as Counted).rows) break;
        [h[p], h[i]] = [h[i] as Counted, h[p] as Counted];
        i = p;
      }
      return;
    }
    if (offered.rows <= (h[0] as Counted).rows) return;
    h[0] = own(offered);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && (h[l] as Counted).rows < (h[m] as Counted).rows) m = l;
      if (r < h.length && (h[r] as Counted).rows < (h[m] as Counted).rows) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i] as Counted, h[m] as Counted];
      i = m;
    }
  }
  values(): Counted[] {
    return [...this.heap];
  }
}

/**
 * A kept entry with strings of its own. A key split out of a line is a slice of the text it was
 * read with, and V8 keeps that whole text alive while the slice lives: kept keys from every
 * partition held every partition's text (at 1M rows the builder reached its 256 MB heap ceiling
 * here, measured). Buffer round trip: a flat copy, whatever V8 does with short slices.
 */
function own(c: Counted): Counted {
  return { key: Buffer.from(c.key).toString(), display: Buffer.from(c.display).toString(), rows: c.rows };
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const clean = (s: string): string => s.replace(/[\t\n\r]/g, ' ');

/** The keys a row adds: its title key, and each credited artist's key with the name as the row writes it. */
function keysOf(doc: { title?: string; title_norm?: string; artists?: string[] }): [Kind, string, string][] {
  const out: [Kind, string, string][] = [];
  if (doc.title_norm !== undefined && doc.title_norm !== '') out.push(['title', doc.title_norm, doc.title ?? doc.title_norm]);
  for (const name of doc.artists ?? []) {
    const key = artistKey(name);
    if (key !== '') out.push(['artist', key, name]);
  }
  return out;
}

/** Streams the collection's rows (title and artists only) into the partition files, counting their title words. */
async function partition(client: TypesenseClient, collection: string, dir: string, words: CommonWordCounter): Promise<number> {
  const files: WriteStream[] = Array.from({ length: PARTITIONS }, (_, i) => createWriteStream(join(dir, `p${i}`)));
  const stream = await client.collections(collection).documents().exportStream({ include_fields: 'dataset,title,title_norm,artists' });
  let rest = '';
  let rows = 0;
  const take = async (line: string): Promise<void> => {
    if (line === '') return;
    const doc = JSON.parse(line) as { dataset?: string; title?: string; title_norm?: string; artists?: string[] };
    // The build's own documents (index info, checkpoints) are not rows.
    if (doc.dataset === undefined || doc.dataset.startsWith('__')) return;
    rows++;
    words.addTitle(doc.title_norm ?? '');
    for (const [kind, key, display] of keysOf(doc)) {
      const file = files[hash(`${kind}\t${key}`) % PARTITIONS] as WriteStream;
      if (!file.write(`${kind}\t${clean(key)}\t${clean(display)}\n`)) await once(file, 'drain');
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const text = rest + chunk.toString();
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) await take(line);
  }
  await take(rest);
  await Promise.all(files.map((f) => new Promise<void>((resolve) => f.end(() => resolve()))));
  return rows;
}

/**
 * The most frequent keys of each kind over the partition files, one file at a time, each read as
 * a stream: the distinct keys of one partition are what is held, never a whole file's text.
 */
export async function countPartitions(dir: string, titles: TopKeys, artists: TopKeys, partitions = PARTITIONS): Promise<void> {
  for (let i = 0; i < partitions; i++) {
    const counts = new Map<string, Counted>();
    const count = (line: string): void => {
      if (line === '') return;
      const [kind = '', key = '', display = ''] = line.split('\t');
      const id = `${kind}\t${key}`;
      const c = counts.get(id);
      if (c === undefined) counts.set(id, { key, display, rows: 1 });
      else c.rows++;
    };
    let rest = '';
    for await (const chunk of createReadStream(join(dir, `p${i}`), { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const lines = (rest + (chunk as string)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) count(line);
    }
    count(rest);
    for (const [id, c] of counts) (id.startsWith('title\t') ? titles : artists).offer(c);
  }
}

export interface SuggestionsReport {
  collection: string;
  rows: number;
  titles: number;
  artists: number;
  /** The commonest title words over every row, for IndexInfo.titleWords. */
  titleWords: TitleWord[];
  seconds: number;
}

export interface SuggestionsOptions {
  client: TypesenseClient;
  /** The finished track collection to read. */
  collection: string;
  /** The track alias: the suggestions go behind `<alias>_suggest`. */
  alias: string;
  log: Logger;
  now?: () => Date;
  maxTitles?: number;
  maxArtists?: number;
}

/** Builds the suggestion collection from `collection`; it is put live by `swapSuggestions`. */
export async function buildSuggestions(opts: SuggestionsOptions): Promise<SuggestionsReport> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'trained-suggest-'));
  const name = `${suggestAlias(opts.alias)}__build_${(opts.now ?? (() => new Date()))().getTime()}`;
  try {
    const words = new CommonWordCounter();
    const rows = await partition(opts.client, opts.collection, dir, words);
    const titles = new TopKeys(opts.maxTitles ?? MAX_TITLE_SUGGESTIONS);
    const artists = new TopKeys(opts.maxArtists ?? MAX_ARTIST_SUGGESTIONS);
    await countPartitions(dir, titles, artists);
    const schema = suggestionsSchema(name);
    await opts.client.collections().create({ ...schema, fields: schema.fields.map((f) => ({ ...f })) });
    const docs: SuggestionDocument[] = [
      ...titles
        .values()
        .map((c) => ({ id: `t${hash(c.key).toString(36)}${c.key.length}`, title: c.key, display: c.display, rows: c.rows })),
      ...artists
        .values()
        .map((c) => ({ id: `a${hash(c.key).toString(36)}${c.key.length}`, artist: c.key, display: c.display, rows: c.rows })),
    ];
    // Two keys of one kind hashing alike would share an id: the later one is kept, the other is merely not suggested.
    for (let i = 0; i < docs.length; i += 10_000) await importBatch(opts.client, name, docs.slice(i, i + 10_000));
    const report = {
      collection: name,
      rows,
      titles: titles.values().length,
      artists: artists.values().length,
      titleWords: words.common(),
      seconds: (Date.now() - started) / 1000,
    };
    opts.log.info({ ...report, titleWords: report.titleWords.length }, 'suggestions built');
    return report;
  } catch (err) {
    await dropCollection(opts.client, name).catch(() => undefined);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Points `<alias>_suggest` at the new suggestions and drops the ones it pointed at before. */
export async function swapSuggestions(client: TypesenseClient, alias: string, collection: string): Promise<void> {
  const previous = await pointAlias(client, suggestAlias(alias), collection);
  if (previous !== undefined && previous !== collection) await dropCollection(client, previous);
}

/** Suggestion collections of this alias that nothing points at (a build stopped before its swap). */
export async function dropStaleSuggestions(client: TypesenseClient, alias: string): Promise<void> {
  const live = await aliasTarget(client, suggestAlias(alias));
  const prefix = `${suggestAlias(alias)}__build_`;
  for (const c of await client.collections().retrieve()) {
    if (c.name.startsWith(prefix) && c.name !== live) await dropCollection(client, c.name);
  }
}
