/** One lookup for the CLI: the same search the bot does, as a Reply (for people) and as JSON (for scripts). */
import type { CommandContext } from '../core/context.js';
import { linksReply, lookupOne } from '../core/link-lookup.js';
import { songReplyFrom } from '../core/song-lookup.js';
import { cleanText } from '../core/song-lookup.js';
import { splitTitleArtist, stripControl } from '../core/text-invocation.js';
import type { Reply } from '../core/types.js';
import type { IndexInfo } from '../index/schema.js';
import { extractLinks } from '../links/extract.js';
import type { Basis, TrackMatch } from '../search/port.js';

export interface LookupJson {
  query: string;
  matches: { dataset: string; rowId: string; title: string; artists: string[]; album?: string; url?: string; basis: Basis }[];
  notFoundIn: string[];
  index: { builtAt: string | null; sample: boolean; datasets: { id: string; name: string; version: string; rows: number }[] };
}

export interface LookupAnswer {
  json: LookupJson;
  reply: Reply;
}

function toJson(query: string, matches: readonly TrackMatch[], info: IndexInfo | undefined): LookupJson {
  const hit = new Set(matches.filter((m) => m.basis !== 'fuzzy').map((m) => m.dataset));
  return {
    query,
    matches: matches.map((m) => ({
      dataset: m.dataset,
      rowId: m.rowKey,
      title: m.title,
      artists: m.artists,
      ...(m.album !== undefined ? { album: m.album } : {}),
      ...(m.url !== undefined ? { url: m.url } : {}),
      basis: m.basis,
    })),
    notFoundIn: (info?.datasets ?? []).map((d) => d.id).filter((id) => !hit.has(id)),
    index: {
      builtAt: info?.builtAt ?? null,
      sample: info?.sample === true,
      datasets: (info?.datasets ?? []).map((d) => ({ id: d.id, name: d.name, version: d.version, rows: d.rows })),
    },
  };
}

export async function answerQuery(ctx: CommandContext, raw: string): Promise<LookupAnswer> {
  const query = stripControl(raw).trim();
  const info = await ctx.search.indexInfo();
  const link = extractLinks(query, 1)[0];
  if (link !== undefined) {
    const answer = await lookupOne(ctx, link, ctx.signal);
    return { json: toJson(query, answer.matches, info), reply: linksReply([answer], info, 'public') };
  }
  const { title, artist } = splitTitleArtist(query);
  const q = { title: cleanText(title), artist: artist === undefined ? undefined : cleanText(artist, 200), page: 1 };
  if (q.title === '')
    return { json: toJson(query, [], info), reply: songReplyFrom(q, { matches: [], exactTotal: 0, hasMore: false }, info, 'public') };
  const result = await ctx.search.searchTracks({ title: q.title, artist: q.artist, perPage: 25 });
  return { json: toJson(query, result.matches, info), reply: songReplyFrom(q, result, info, 'public') };
}
