import type { IndexInfo, Platform } from '../index/schema.js';

/** How a match was found: same platform id, same normalised title and artist, or similar. */
export type Basis = 'id' | 'exact' | 'fuzzy';

export interface TrackMatch {
  dataset: string;
  /** The dataset's own key for the row. */
  rowKey: string;
  title: string;
  artists: string[];
  album?: string;
  url?: string;
  duration?: number;
  basis: Basis;
  /** Version words ("live", "remix") when the title names another version. */
  version?: string;
  /** Groups rows that are the same song: base title plus first artist. */
  songKey: string;
}

export interface TitleQuery {
  title: string;
  artist?: string | undefined;
  dataset?: string | undefined;
  /** 1-based page of exact matches; fuzzy candidates come on page 1 only. */
  page?: number | undefined;
  perPage?: number | undefined;
}

export interface TitleResult {
  matches: TrackMatch[];
  /** Exact matches in the index, of which `matches` holds one page. */
  exactTotal: number;
  hasMore: boolean;
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

export interface SearchPort {
  lookupByPlatformId(platform: Platform, id: string): Promise<TrackMatch[]>;
  searchTracks(query: TitleQuery): Promise<TitleResult>;
  suggest(prefix: string, field: SuggestField, limit?: number): Promise<string[]>;
  artistCoverage(name: string): Promise<ArtistCoverage>;
  /** Every row credited to the artist, up to `max`, for export. */
  artistTracks(name: string, max?: number): Promise<TrackMatch[]>;
  /** undefined when no index has been built yet. */
  indexInfo(): Promise<IndexInfo | undefined>;
}

/** A fault, not an outcome: the index could not be asked. Answered with a short apology. */
export class SearchUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'unreachable' | 'unauthorized' | 'no-index' | 'timeout',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SearchUnavailableError';
  }
}
