/** One lookup for the CLI: the same search the bot does, as a Reply (for people) and as JSON (for scripts). */
import { album as albumCommand } from '../../commands/album.js';
import { albumLookup } from '../core/album-lookup.js';
import type { LookupContext } from '../core/context.js';
import { lookupOne } from '../core/link-lookup.js';
import { linksReply } from '../core/link-reply.js';
import type { Reading } from '../core/readings.js';
import { notReadyReply } from '../core/replies.js';
import { cleanText, songReplyFrom } from '../core/song-lookup.js';
import { findSong } from '../core/song-search.js';
import { createTextParser, stripControl } from '../core/text-invocation.js';
import type { QueryStatus, Reply } from '../core/types.js';
import type { IndexInfo } from '../index/schema.js';
import { extractLinks } from '../links/extract.js';
import type { Basis, TrackMatch } from '../search/port.js';

const parseAlbum = createTextParser([albumCommand]);

export interface LookupJson {
  query: string;
  /** found: a row by id or same title and artist; candidates: similar titles, or rows of a title given alone; unchecked: see `reason`. */
  status: QueryStatus;
  reason?: string;
  /** How a "title - artist" query was read (both orders are tried). */
  reading?: { title: string; artist?: string; order: Reading['order'] };
  matches: { dataset: string; rowId: string; title: string; artists: string[]; album?: string; url?: string; basis: Basis }[];
  /** Rows with the same title (and artist) in the index; `matches` holds up to a page of them. */
  totalRows?: number;
  /** Datasets searched for this query that hold nothing for it (no hit, no title row, no candidate). */
  notFoundIn: string[];
  index: { builtAt: string | null; sample: boolean; datasets: { id: string; name: string; version: string; rows: number }[] };
}

export interface LookupAnswer {
  json: LookupJson;
  reply: Reply;
}

function indexJson(info: IndexInfo | undefined): LookupJson['index'] {
  return {
    builtAt: info?.builtAt ?? null,
    sample: info?.sample === true,
    datasets: (info?.datasets ?? []).map((d) => ({ id: d.id, name: d.name, version: d.version, rows: d.rows })),
  };
}

function matchesJson(matches: readonly TrackMatch[]): LookupJson['matches'] {
  return matches.map((m) => ({
    dataset: m.dataset,
    rowId: m.rowKey,
    title: m.title,
    artists: m.artists,
    ...(m.album !== undefined ? { album: m.album } : {}),
    ...(m.url !== undefined ? { url: m.url } : {}),
    basis: m.basis,
  }));
}

export async function answerQuery(ctx: LookupContext, raw: string): Promise<LookupAnswer> {
  const query = stripControl(raw).trim();
  const info = await ctx.search.indexInfo({ signal: ctx.signal });
  if (info === undefined) {
    const json: LookupJson = {
      query,
      status: 'unchecked',
      reason: 'the index is not ready',
      matches: [],
      notFoundIn: [],
      index: indexJson(info),
    };
    return { json, reply: notReadyReply() };
  }
  // `album:<title> artist:<name>`, as typed in Slack or the console, read by the album command's own text syntax.
  const parsed = /^album:/i.test(query) ? parseAlbum(query) : undefined;
  if (parsed?.ok === true && parsed.command === 'album') {
    const album = String(parsed.options.album);
    const artist = parsed.options.artist === undefined ? undefined : String(parsed.options.artist);
    const [res, reply] = await Promise.all([
      ctx.search.albumTracks({ album, artist }, { signal: ctx.signal }),
      albumLookup(ctx, { album, artist }),
    ]);
    const json: LookupJson = {
      query,
      status: res.total > 0 ? 'found' : 'not-found',
      matches: matchesJson(res.matches),
      totalRows: res.total,
      notFoundIn: info.datasets.map((d) => d.id).filter((d) => res.datasetTotals[d] === undefined),
      index: indexJson(info),
    };
    return { json, reply };
  }
  const link = extractLinks(query, 1)[0];
  if (link !== undefined) {
    const a = await lookupOne(ctx, link, info);
    const json: LookupJson = {
      query,
      status: a.status,
      ...(a.reason !== undefined ? { reason: a.reason } : {}),
      matches: matchesJson(a.matches),
      notFoundIn: a.notFoundIn,
      index: indexJson(info),
    };
    return { json, reply: linksReply([a], info) };
  }
  const q = { title: cleanText(query), page: 1 };
  const song = await findSong(ctx, { ...q, perPage: 25 }, info);
  const { title, artist, order } = song.reading;
  const json: LookupJson = {
    query,
    status: song.status,
    reading: { title, ...(artist !== undefined ? { artist } : {}), order },
    matches: matchesJson(song.result.matches),
    totalRows: song.result.exactTotal,
    notFoundIn: song.notFoundIn,
    index: indexJson(info),
  };
  return { json, reply: songReplyFrom(q, song, info) };
}
