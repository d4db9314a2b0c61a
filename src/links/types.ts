/** Links recognised offline (extract.ts) and resolved online (resolvers): the contract between the two. */

export type LinkPlatform =
  | 'youtube'
  | 'youtube-music'
  | 'spotify'
  | 'apple-music'
  | 'deezer'
  | 'soundcloud'
  | 'tidal'
  | 'bandcamp'
  | 'fma'
  | 'amazon-music'
  | 'qobuz'
  | 'pandora'
  | 'yandex'
  | 'genius'
  | 'jamendo';

/** What the link points at: only tracks can be checked; the others get a specific answer. */
export type LinkKind = 'track' | 'album' | 'artist' | 'playlist' | 'short' | 'other';

export interface RecognisedLink {
  platform: LinkPlatform;
  kind: LinkKind;
  /** The URL as found in the text (trimmed of trailing punctuation). */
  url: string;
  /** Canonical form used for de-duplication and caching. */
  normalizedUrl: string;
  /**
   * Platform id when the link carries one (YouTube video id, Spotify track id, FMA path,
   * Apple/Deezer/Tidal numeric id, Genius song id or lower-case page path).
   */
  id?: string | undefined;
}

/** Title and artist learned from a platform's public metadata. */
export interface ResolvedTrack {
  title: string;
  artist?: string | undefined;
  album?: string | undefined;
  isrc?: string | undefined;
  /** The endpoint that answered, for the evidence line ("via iTunes lookup"). */
  source: string;
  /** A short link resolved to this one (spotify.link → open.spotify.com/track/…). */
  resolvedLink?: RecognisedLink | undefined;
}

export type ResolveOutcome =
  | { ok: true; track: ResolvedTrack }
  | {
      ok: false;
      reason: 'disabled' | 'unsupported' | 'not-a-track' | 'not-found' | 'failed' | 'timeout';
      detail?: string | undefined;
      /** A short link was followed but its target's metadata could not be read: the target can still be looked up by id. */
      resolvedLink?: RecognisedLink | undefined;
    };

/** One track of a release as its platform lists it: a name (and artist), or only a track link (Spotify pages). */
export interface ReleaseTrack {
  position: number;
  title?: string | undefined;
  artist?: string | undefined;
  /** A track link the bot can look up by id (open.spotify.com/track/…), when the listing gives one. */
  link?: RecognisedLink | undefined;
}

export type ReleaseOutcome =
  | {
      ok: true;
      kind: 'album' | 'playlist';
      title?: string | undefined;
      artist?: string | undefined;
      tracks: ReleaseTrack[];
      /** Tracks the release has, when the platform says (may exceed `tracks`: a listing is cut). */
      total: number;
      source: string;
    }
  | { ok: true; kind: 'artist'; name: string; source: string }
  | { ok: false; reason: 'disabled' | 'unsupported' | 'not-found' | 'failed' | 'timeout'; detail?: string | undefined };

export interface LinkResolver {
  /** Never throws: faults are outcomes. Honours `signal` (the per-message deadline). */
  resolve(link: RecognisedLink, signal: AbortSignal): Promise<ResolveOutcome>;
  /** An album, playlist or artist link's contents from its platform's public, keyless listing. Never throws. */
  expand?(link: RecognisedLink, signal: AbortSignal): Promise<ReleaseOutcome>;
}
