/**
 * The one row generator every bench uses: rows in the four datasets' published layouts,
 * mapped by the bundled descriptors (the builder's own mapping), so a bench indexes exactly
 * the documents a build of such files would.
 *
 * - Titles: 1–6 words drawn by a Zipf law over real frequency ranks (bench/words.ts) in seven
 *   languages, `inventedShare` of words invented (names, slang), a few Korean titles, version
 *   suffixes ("(Live)", "(Remix)"); `commonTitleShare` of titles come from a Zipf pool of
 *   titles every catalogue repeats ("Intro", "Home", "Love"…).
 * - Artists: a pool of `artists` names (real first and last names, bands of real words,
 *   invented names: realistic-names.ts), chosen by a Zipf law of exponent `artistSkew`; the
 *   first artist alone takes `topArtistShare` of all rows (the knob behind the latency tail:
 *   the older generators gave it 5–6%); `featuredShare` of rows credit a second artist.
 * - `repeatShare` of rows re-upload a recent song (same title and artists, another row).
 * - Datasets in proportion to their published sizes (realistic-layouts.ts); Sleeping-DISCO-9M
 *   rows keyed by a Genius song id with a Genius page and 0, 1 or 2 YouTube links (20/60/20%,
 *   assumed: nothing published says); LAION-DISCO-12M keyed by YouTube id; FMA by track id
 *   with its page path; Spotify by track id with `;`-joined artists.
 * Deterministic for a seed; a stream, so `take` can be called again to grow an index.
 */
import { descriptorFor } from '../index-builder/datasets/index.js';
import { compileMapping, type CompiledMapping } from '../index-builder/mapping.js';
import { geniusSlug } from '../index-builder/mapping-values.js';
import { rng, Zipf } from './random.js';
import { COLUMNS, DATASET_SHARES, fillLyrics, FULL_ROWS, spotifyId, youtubeId, type GeneratedRow } from './realistic-layouts.js';
import { capital, invented, makeArtistName, VERSIONS } from './realistic-names.js';
import { COMMON_TITLES, HANGUL, LANGUAGES, type Language } from './words.js';

export interface RealisticOptions {
  seed?: number;
  /** Artists in the pool (default: one per 40 rows of `poolRows`). */
  artists?: number;
  /** Rows the artist pool is sized for (default FULL_ROWS), so a smaller index is a prefix of the full one. */
  poolRows?: number;
  /** Zipf exponent over artists after the first (default 1.0, head flattened: ARTIST_HEAD_OFFSET). */
  artistSkew?: number;
  /**
   * Share of all rows credited to the top artist (default 0.004: ~85,000 rows of 21.2M, the order
   * of a classical composer on YouTube Music or a Genius translation account; the older
   * generators gave it 5–6%).
   */
  topArtistShare?: number;
  /** Zipf exponent over word ranks (default 1.0). */
  titleSkew?: number;
  commonTitleShare?: number;
  inventedShare?: number;
  featuredShare?: number;
  repeatShare?: number;
  /** Keep every n-th row as a query sample (default 1000). */
  sampleEvery?: number;
  /** Sleeping-DISCO rows with lyrics, annotations and Q&A (the file-size a builder reads; not indexed). */
  fullSleepingRecords?: boolean;
}

export interface Sample {
  dataset: string;
  rowKey: string;
  title: string;
  artists: string[];
  /** A YouTube id the row can be found by (its key, or one of its links). */
  youtubeId?: string | undefined;
  /** 0 for the top artist. */
  artistRank: number;
}

/**
 * Flattens the head of the artist law: with plain Zipf the second artist would take ~4% of
 * rows; with this offset it takes ~0.2%, so the top artist's share is set by `topArtistShare` alone.
 */
const ARTIST_HEAD_OFFSET = 50;

/** The most frequent words of a language, left out of one-word titles. */
const FUNCTION_WORDS = 100;

interface Song {
  title: string;
  artists: string[];
  artistRank: number;
}

export class RealisticGenerator {
  readonly opts: Required<Omit<RealisticOptions, 'artists'>> & { artists: number };
  private readonly rand: () => number;
  private readonly languageZipf: Map<string, Zipf>;
  private readonly artistZipf: Zipf;
  private readonly commonZipf: Zipf;
  private readonly commonPool: string[];
  private readonly recent: Song[] = [];
  private readonly artistNames: (string | undefined)[] = [];
  private emitted = 0;
  private geniusId = 1;
  readonly samples: Sample[] = [];
  /** Rows credited to each of the top artists so far (index = rank). */
  readonly topArtistRows: number[] = [0, 0, 0];

  private constructor(
    private readonly initial: RealisticOptions,
    private readonly mappings: Map<string, CompiledMapping>,
  ) {
    const opts = initial;
    const poolRows = opts.poolRows ?? FULL_ROWS;
    this.opts = {
      seed: opts.seed ?? 1,
      poolRows,
      artists: opts.artists ?? Math.max(1000, Math.floor(poolRows / 40)),
      artistSkew: opts.artistSkew ?? 1.0,
      topArtistShare: opts.topArtistShare ?? 0.004,
      titleSkew: opts.titleSkew ?? 1.0,
      commonTitleShare: opts.commonTitleShare ?? 0.1,
      inventedShare: opts.inventedShare ?? 0.08,
      featuredShare: opts.featuredShare ?? 0.12,
      repeatShare: opts.repeatShare ?? 0.2,
      sampleEvery: opts.sampleEvery ?? 1000,
      fullSleepingRecords: opts.fullSleepingRecords ?? false,
    };
    this.rand = rng(this.opts.seed);
    this.languageZipf = new Map(LANGUAGES.map((l) => [l.code, new Zipf(l.words.length, this.opts.titleSkew)]));
    this.artistZipf = new Zipf(this.opts.artists - 1, this.opts.artistSkew, ARTIST_HEAD_OFFSET);
    // The common titles, then two-word titles of the most frequent English words.
    const en = LANGUAGES[0]?.words ?? [];
    const extra: string[] = [];
    const r = rng(this.opts.seed + 99);
    while (extra.length < 2000) extra.push(`${capital(en[Math.floor(r() * 300)] ?? 'a')} ${capital(en[Math.floor(r() * 300)] ?? 'b')}`);
    this.commonPool = [...COMMON_TITLES, ...extra];
    this.commonZipf = new Zipf(this.commonPool.length, 0.8);
  }

  static async create(opts: RealisticOptions = {}): Promise<RealisticGenerator> {
    const mappings = new Map<string, CompiledMapping>();
    for (const { id } of DATASET_SHARES) {
      const descriptor = await descriptorFor(id);
      if (descriptor === undefined) throw new Error(`no descriptor for ${id}`);
      mappings.set(id, compileMapping(descriptor, 'bench', COLUMNS[id] ?? []));
    }
    return new RealisticGenerator(opts, mappings);
  }

  /** The same stream from its start (the mappings reused). */
  fresh(): RealisticGenerator {
    return new RealisticGenerator(this.initial, this.mappings);
  }

  /** The next `count` rows of the stream. */
  *take(count: number): Generator<GeneratedRow> {
    for (let i = 0; i < count; i++) yield this.next();
  }

  get rowsEmitted(): number {
    return this.emitted;
  }

  /** The top artist's name (rank 0). */
  artistName(rank: number): string {
    let name = this.artistNames[rank];
    if (name === undefined) {
      name = makeArtistName(rank, this.opts.seed);
      this.artistNames[rank] = name;
    }
    return name;
  }

  private next(): GeneratedRow {
    const rand = this.rand;
    const song = this.recent.length > 100 && rand() < this.opts.repeatShare ? this.pickRecent() : this.newSong();
    if (song.artistRank < this.topArtistRows.length) this.topArtistRows[song.artistRank] = (this.topArtistRows[song.artistRank] ?? 0) + 1;
    const dataset = this.pickDataset();
    const { record, youtube } = this.record(dataset, song);
    const mapped = this.mappings.get(dataset)?.map(record);
    if (mapped === undefined || !mapped.ok)
      throw new Error(`generated ${dataset} row did not map: ${mapped?.ok === false ? mapped.reason : ''}`);
    if (this.emitted % this.opts.sampleEvery === 0) {
      this.samples.push({
        dataset,
        rowKey: mapped.row.rowKey,
        title: mapped.row.title,
        artists: [...mapped.row.artists],
        youtubeId: youtube,
        artistRank: song.artistRank,
      });
    }
    this.emitted++;
    return { dataset, record, row: mapped.row };
  }

  private pickRecent(): Song {
    return this.recent[Math.floor(this.rand() * this.recent.length)] ?? this.newSong();
  }

  private pickDataset(): string {
    const total = DATASET_SHARES.reduce((n, d) => n + d.rows, 0);
    let x = this.rand() * total;
    for (const d of DATASET_SHARES) {
      x -= d.rows;
      if (x < 0) return d.id;
    }
    return 'laion-disco-12m';
  }

  private artistRank(): number {
    return this.rand() < this.opts.topArtistShare ? 0 : 1 + this.artistZipf.draw(this.rand);
  }

  private newSong(): Song {
    const rank = this.artistRank();
    const artists = [this.artistName(rank)];
    if (this.rand() < this.opts.featuredShare) artists.push(this.artistName(1 + this.artistZipf.draw(this.rand)));
    const song = { title: this.title(), artists, artistRank: rank };
    if (this.recent.length < 50_000) this.recent.push(song);
    else this.recent[Math.floor(this.rand() * this.recent.length)] = song;
    return song;
  }

  private language(): Language {
    let x = this.rand();
    for (const l of LANGUAGES) {
      x -= l.share;
      if (x < 0) return l;
    }
    return LANGUAGES[0] as Language;
  }

  private title(): string {
    const rand = this.rand;
    const r = rand();
    if (r < this.opts.commonTitleShare) return this.commonPool[this.commonZipf.draw(rand)] ?? 'Intro';
    if (r < this.opts.commonTitleShare + 0.02) {
      const n = 2 + Math.floor(rand() * 5);
      let t = '';
      for (let i = 0; i < n; i++) t += HANGUL[Math.floor(rand() * HANGUL.length)];
      return t;
    }
    const lang = this.language();
    const zipf = this.languageZipf.get(lang.code) as Zipf;
    const u = rand();
    const words = u < 0.15 ? 1 : u < 0.4 ? 2 : u < 0.65 ? 3 : u < 0.83 ? 4 : u < 0.93 ? 5 : 6;
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      // A one-word title is a content word ("Tonight"), not "you" or "the": the most frequent words are skipped.
      let rank = zipf.draw(rand);
      while (words === 1 && rank < FUNCTION_WORDS) rank = zipf.draw(rand);
      out.push(rand() < this.opts.inventedShare ? invented(rand) : (lang.words[rank] ?? 'la'));
    }
    let title = out.map(capital).join(' ');
    if (rand() < 0.06) title += VERSIONS[Math.floor(rand() * VERSIONS.length)] ?? '';
    return title;
  }

  private record(dataset: string, song: Song): { record: Record<string, unknown>; youtube: string | undefined } {
    const rand = this.rand;
    const album = rand() < 0.8 ? this.title() : null;
    const duration = 60 + Math.floor(rand() * 400);
    switch (dataset) {
      case 'sleeping-disco-9m': {
        const id = this.geniusId++;
        const u = rand();
        const links = Array.from({ length: u < 0.2 ? 0 : u < 0.8 ? 1 : 2 }, () => youtubeId(rand));
        const primary = song.artists[0] ?? '';
        const slug = geniusSlug(`${primary} ${song.title}`);
        const record: Record<string, unknown> = {
          song_id: id,
          title: song.title,
          song_url: `https://genius.com/${capital(slug)}-lyrics`,
          primary_artist: primary,
          artist_url: `https://genius.com/artists/${geniusSlug(primary)}`,
          featured_artists: song.artists.slice(1),
          album_name: album,
          album_url: null,
          album_release_date:
            rand() < 0.6 ? `${1960 + Math.floor(rand() * 65)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}` : null,
          tags: ['Pop'],
          lyricists: [primary],
          lyrics: '',
          genius_annotation: '',
          qna: [],
          language: 'en',
          youtube_links: links.map((l) => `https://www.youtube.com/watch?v=${l}`),
        };
        if (this.opts.fullSleepingRecords) fillLyrics(record, rand);
        return { record, youtube: links[0] };
      }
      case 'fma': {
        const id = String(1 + Math.floor(rand() * 155_000));
        const artist = song.artists.join(' & ');
        return {
          record: {
            track_id: id,
            'track.title': song.title,
            'artist.name': artist,
            'album.title': album ?? '',
            'track.duration': String(duration),
            track_url: `http://freemusicarchive.org/music/${geniusSlug(artist)}/${geniusSlug(album ?? 'single')}/${geniusSlug(song.title)}`,
          },
          youtube: undefined,
        };
      }
      case 'spotify-tracks':
        return {
          record: {
            '': String(this.emitted),
            track_id: spotifyId(rand),
            artists: song.artists.join(';'),
            album_name: album ?? '',
            track_name: song.title,
            duration_ms: String(duration * 1000),
          },
          youtube: undefined,
        };
      default: {
        const id = youtubeId(rand);
        return {
          record: {
            song_id: id,
            title: song.title,
            artist_names: song.artists,
            artist_ids: song.artists.map((_, k) => `UC${id}${k}abcdefghij`),
            album_name: album,
            album_id: `MPREb_${id}`,
            isExplicit: rand() < 0.1,
            views: `${Math.floor(rand() * 999)}K plays`,
            duration,
          },
          youtube: id,
        };
      }
    }
  }
}
