/**
 * The one contract shared by the index-builder and the bot: the collection schema.
 * Only what queries need is indexed (Typesense keeps indexed values in RAM); the rest
 * is stored for display with `index: false`.
 */
import type { TitleWord } from './common-words.js';
import type { TitleHashing } from './title-hash.js';

/** The alias the bot reads; the builder points it at a freshly built collection. */
export const TRACKS_ALIAS = 'tracks';
/** The one document that describes the build, stored inside the collection it describes so an alias swap updates both at once. */
export const INDEX_INFO_ID = '__index_info__';
export const INDEX_INFO_DATASET = '__meta__';

/**
 * Platforms whose ids a dataset can carry. `genius`: a Genius song id (Sleeping-DISCO-9M's
 * row key) or a Genius song page path (`tyler-the-creator-see-you-again-lyrics`, lower case),
 * the two forms a pasted Genius link takes; they never look alike. `jamendo`: a Jamendo track
 * number (MTG-Jamendo's `track_0000214` is jamendo.com/track/214).
 */
export type Platform = 'youtube' | 'spotify' | 'fma' | 'genius' | 'jamendo';

export interface TrackDocument {
  /** `{dataset}:{rowKey}` */
  id: string;
  dataset: string;
  /** The dataset's own key for the row (YouTube id, Spotify or FMA track_id, Genius song id). */
  row_key: string;
  title: string;
  artists: string[];
  /** normalizeTitle(title): searched, typo-tolerant, and compared for the `exact` basis. */
  title_norm: string;
  /** The title's other keys (titleKeys().alternates): "강남스타일" and "gangnam style" for "Gangnam Style (강남스타일)". */
  title_alt?: string[];
  /**
   * titleHash of the row's dataset with title_norm and with each title_alt (title-hash.ts): what
   * the exact title filter asks, one token per key and dataset. Absent on rows of builders before
   * it, or the key alone on rows of the first builder that had it (IndexInfo.titleHashes says which).
   */
  title_keys?: string[];
  /** Solid credit keys (credits.ts): each cell, each artist named by feat./with, bracketed aliases, "The" dropped. */
  artists_norm: string[];
  /** Pieces of names joined by &, and, x, "," (credits.ts): matched only all together. */
  artist_parts?: string[];
  /**
   * `platform:id` tokens for ids that are NOT the row key (e.g. FMA track paths). A row
   * key that is itself a platform id (DatasetInfo.rowKeyPlatform) is looked up through the
   * document id instead: one unique token per row would cost ~0.15 GB of RAM per million rows.
   */
  platform_ids?: string[];
  album?: string;
  /** albumKey(album): what /trained album: filters on (exact, so a release is all of its rows and nothing else). */
  album_norm?: string;
  duration?: number;
  url?: string;
  /** The row is a window of the linked media (MusicCaps: a 10-second clip of a YouTube video), in seconds. */
  clip_start?: number;
  clip_end?: number;
}

/** A route to a dataset's publisher that the publisher documents, with where and when that was read. */
export interface ContactInfo {
  kind: 'issue-tracker' | 'email' | 'form' | 'page';
  url: string;
  source: string;
  checked: string;
  note?: string | undefined;
}

export interface DatasetInfo {
  id: string;
  name: string;
  publisher: string;
  licence: string;
  homepage: string;
  version: string;
  description: string;
  claimedRows: number;
  /** Rows in this index. */
  rows: number;
  /** The platform whose id is the row key (YouTube for LAION-DISCO-12M, Genius for Sleeping-DISCO-9M, Spotify for Spotify Tracks). */
  rowKeyPlatform?: Platform | undefined;
  /** Routes to the publisher it documents (descriptor `contacts`); absent when it documents none. */
  contacts?: ContactInfo[] | undefined;
}

export interface IndexInfo {
  builtAt: string;
  /** True when the index holds the bundled sample rows, not the published datasets. */
  sample: boolean;
  datasets: DatasetInfo[];
  /**
   * Every row carries `title_keys` and the collection indexes it: exact title filters ask the
   * hashes, of each dataset of `datasets` and the key (`'dataset'`) or of the key alone (`true`,
   * the first builder that had them). Absent or false (an index of an older builder, or one whose
   * rows hash differently): they ask `title_norm` and `title_alt`, slower, same rows.
   */
  titleHashes?: TitleHashing | false | undefined;
  /**
   * The commonest title words with the rows holding each (common-words.ts), counted by the
   * builder over every row: a fuzzy title search leaves the commonest out of its query. Absent on
   * an index of an older builder: every word is asked.
   */
  titleWords?: TitleWord[] | undefined;
}

/** The stored form of IndexInfo: a document that no text query or filter can match. */
export interface IndexInfoDocument {
  id: typeof INDEX_INFO_ID;
  dataset: typeof INDEX_INFO_DATASET;
  row_key: string;
  title: string;
  artists: string[];
  title_norm: string;
  artists_norm: string[];
  info: string;
}

export function indexInfoDocument(info: IndexInfo): IndexInfoDocument {
  return {
    id: INDEX_INFO_ID,
    dataset: INDEX_INFO_DATASET,
    row_key: '',
    title: '',
    artists: [],
    title_norm: '',
    artists_norm: [],
    info: JSON.stringify(info),
  };
}

export function tracksSchema(name: string) {
  return {
    name,
    fields: [
      // Not a facet: per-dataset counts come from one multi_search, and a facet here costs ~0.07 GB per million rows.
      { name: 'dataset', type: 'string' },
      { name: 'title_norm', type: 'string' },
      { name: 'artists_norm', type: 'string[]' },
      { name: 'platform_ids', type: 'string[]', optional: true },
      // Present only on rows with an alternate title or a joined credit: no RAM for the others.
      { name: 'title_alt', type: 'string[]', optional: true },
      // One token per title key (title-hash.ts): the exact title filter's rows are the title's own, not every row holding its words.
      { name: 'title_keys', type: 'string[]', optional: true },
      { name: 'artist_parts', type: 'string[]', optional: true },
      // Filtered exactly by /trained album:, never searched as text; the builder bench measures its RAM per million rows.
      { name: 'album_norm', type: 'string', optional: true },
      { name: 'row_key', type: 'string', index: false, optional: true },
      { name: 'title', type: 'string', index: false, optional: true },
      { name: 'artists', type: 'string[]', index: false, optional: true },
      { name: 'album', type: 'string', index: false, optional: true },
      { name: 'duration', type: 'int32', index: false, optional: true },
      { name: 'url', type: 'string', index: false, optional: true },
      { name: 'clip_start', type: 'int32', index: false, optional: true },
      { name: 'clip_end', type: 'int32', index: false, optional: true },
      { name: 'info', type: 'string', index: false, optional: true },
    ],
  } as const;
}

export function documentId(dataset: string, rowKey: string): string {
  return `${dataset}:${rowKey}`;
}

/** The autocomplete collection's alias beside a track alias (index-builder/suggestions.ts builds it). */
export function suggestAlias(alias: string): string {
  return `${alias}_suggest`;
}

/** One distinct normalised title or artist, with the rows that carry it. */
export interface SuggestionDocument {
  id: string;
  /** The title key (normalizeTitle), on title suggestions only. */
  title?: string;
  /** The artist key (artistKey), on artist suggestions only. */
  artist?: string;
  /** The title or name as a row writes it. */
  display: string;
  rows: number;
}

export function suggestionsSchema(name: string) {
  return {
    name,
    fields: [
      // Two fields rather than a kind filter: a filter would gather every id of its kind on each keystroke.
      { name: 'title', type: 'string', optional: true },
      { name: 'artist', type: 'string', optional: true },
      { name: 'display', type: 'string', index: false, optional: true },
      { name: 'rows', type: 'int32' },
    ],
    // Prefix candidates are taken by their most frequent key: "lo" expands to "love" before "lobotomy".
    default_sorting_field: 'rows',
  } as const;
}
