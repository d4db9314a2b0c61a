import type { IndexInfo, Platform } from '../index/schema.js';
import type { AlbumQuery } from './album.js';

/**
 * How a match was found: same platform id, same normalised title and a credited artist,
 * same title with no artist given (names no particular song), or a similar title (a candidate).
 */
export type Basis = 'id' | 'exact' | 'title' | 'fuzzy';

export interface TrackMatch {
  dataset: string;
  /** The dataset's own key for the row. */
  rowKey: string;
  title: string;
  artists: string[];
  album?: string;
  url?: string;
  duration?: number;
  /** The row is this window of the linked media, in seconds (MusicCaps). */
  clip?: { start: number; end: number };
  basis: Basis;
  /** Version words ("live", "remix") when the title names another version. */
  version?: string;
  /** Groups rows that are the same song: base title plus first artist. */
  songKey: string;
}

export interface TitleQuery {
  title: string;
  /** The artist as typed: "A feat. B", "A & B", "The A" all name their artists (credits.ts). */
  artist?: string | undefined;
  dataset?: string | undefined;
  /** false: only rows that are the song, no similar titles (a linked track's title, searched in every dataset). */
  candidates?: boolean | undefined;
  /** 1-based page of exact matches; fuzzy candidates come on page 1 only. */
  page?: number | undefined;
  perPage?: number | undefined;
}

export interface TitleResult {
  matches: TrackMatch[];
  /** Rows with the same title (and artist, when given) in the index, of which `matches` holds one page. */
  exactTotal: number;
  /** Those rows per dataset, counted over all of them (not only the page). */
  datasetTotals: Record<string, number>;
  hasMore: boolean;
}

/** Every port call takes the caller's signal: the core's lookup deadline aborts the Typesense request. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface ArtistCoverage {
  artist: string;
  totalRows: number;
  rowsByDataset: Record<string, number>;
  distinctTitles: number;
  topTitles: { title: string; rows: number; datasets: string[] }[];
  /** True when the artist has more rows than were read to count titles. */
  partial: boolean;
}

export type SuggestField = 'title' | 'artist';

export type { AlbumQuery } from './album.js';

/** A release's rows in the index: every row whose album (and artist, when given) is the query's. */
export interface AlbumResult {
  matches: TrackMatch[];
  /** Rows in the index with this album key (and artist), of which `matches` holds up to the query's max. */
  total: number;
  /** Those rows per dataset, counted over all of them. */
  datasetTotals: Record<string, number>;
}

export interface SearchPort {
  lookupByPlatformId(platform: Platform, id: string, opts?: CallOptions): Promise<TrackMatch[]>;
  searchTracks(query: TitleQuery, opts?: CallOptions): Promise<TitleResult>;
  suggest(prefix: string, field: SuggestField, limit?: number, opts?: CallOptions): Promise<string[]>;
  artistCoverage(name: string, opts?: CallOptions): Promise<ArtistCoverage>;
  /** Every row credited to the artist, up to `max`, for export. */
  artistTracks(name: string, max?: number, opts?: CallOptions): Promise<TrackMatch[]>;
  /** A release's rows (album title, optionally the artist), for /trained album: and album links. */
  albumTracks(query: AlbumQuery, opts?: CallOptions): Promise<AlbumResult>;
  /** undefined when no index has been built yet (or it is being rebuilt): never cached, so it is seen once it exists. */
  indexInfo(opts?: CallOptions): Promise<IndexInfo | undefined>;
}

/** A fault, not an outcome: the index could not be asked. Answered with a short apology. */
export class SearchUnavailableError extends Error {
  constructor(
    message: string,
    /** `aborted`: the caller's signal stopped the request (its deadline passed). */
    readonly reason: 'unreachable' | 'unauthorized' | 'no-index' | 'timeout' | 'aborted',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SearchUnavailableError';
  }
}
