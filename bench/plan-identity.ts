/**
 * The scale bench's answer-identity checks plan by plan: each plan change of issue 17, its answers
 * beside those of the form it replaced, query by query on the bench's index, with the server's
 * time for each. Sent with the admin key straight to the server (the port's own round trips are
 * what the timed rounds measure); ranked by rank.ts as the port ranks them. The checks that ask
 * through whole ports instead are port-identity.ts's.
 */
import type { MultiSearchRequestsWithoutUnionSchema, SearchParams, SearchResponse } from 'typesense';
import { artistKey } from '../src/index/credits.js';
import type { TrackDocument } from '../src/index/schema.js';
import { countByFilter, datasetCounts, plannedCounts } from '../src/search/counts.js';
import { exactAny } from '../src/search/filter.js';
import {
  exactByFilter,
  FUZZY_CANDIDATES,
  planTitleQuery,
  planTitleSearches,
  titleCountSearches,
  type PlannedSearch,
  type PlannedTitleQuery,
} from '../src/search/plan.js';
import { TEXT_FORM, titleFilterForm, type TitleFilterForm } from '../src/search/exact-filters.js';
import { rankCandidates, type TrackHit } from '../src/search/rank.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { misspell } from './queries.js';
import type { Sample } from './realistic.js';
import { benchDatasets } from './synthetic-index.js';

/** The form the bench's index info allows: each dataset's hashes of the title keys. */
const HASHED: TitleFilterForm = titleFilterForm({ titleHashes: 'dataset', datasets: benchDatasets(1) });

/**
 * A plan's searches sent in one multi_search and ranked as the port ranks them, its rows per dataset
 * too (the plan's `dataset-count` searches, else the window's rows when they were all read, else one
 * more round trip of counts, as searchTracks does); `time` gathers the server's time of each role.
 */
async function ranked(
  admin: TypesenseClient,
  alias: string,
  q: PlannedTitleQuery,
  plan: readonly PlannedSearch[],
  time?: (role: PlannedSearch['role'], ms: number) => void,
): Promise<{ answer: string; rows: string[] }> {
  const body: MultiSearchRequestsWithoutUnionSchema<TrackHit, string> = {
    searches: plan.map((p) => ({ collection: alias, query_by: 'title_norm', ...p.params })),
  };
  const res = await admin.multiSearch.perform<TrackHit[]>(body, {});
  const responses = res.results as SearchResponse<TrackHit>[];
  plan.forEach((p, i) => time?.(p.role, responses[i]?.search_time_ms ?? 0));
  const out = rankCandidates(
    q,
    plan.map((p, i) => ({ role: p.role, response: responses[i] as SearchResponse<TrackHit> })),
  );
  const rows = out.matches.map((m) => `${m.dataset}:${m.rowKey}:${m.basis}`);
  const totals =
    plannedCounts(plan, responses) ??
    (out.exactComplete || plan[0]?.role === 'title-rows'
      ? out.datasetTotals
      : out.exactTotal > 0
        ? await countedApart(admin, alias, q)
        : {});
  // Totals as a set of (dataset, rows): the order a form counted them in is no part of the answer.
  const byDataset = Object.entries(totals).sort(([a], [b]) => (a < b ? -1 : 1));
  return { answer: JSON.stringify([rows, out.exactTotal, byDataset, out.hasMore]), rows };
}

/** The exact rows per dataset in a round trip of their own: each dataset's title hashes, or the filter with each dataset's word. */
async function countedApart(admin: TypesenseClient, alias: string, q: PlannedTitleQuery): Promise<Record<string, number>> {
  const own = titleCountSearches(q);
  const datasets = own?.map((c) => c.dataset) ?? benchDatasets(1).map((d) => d.id);
  const searches = own?.map((c) => c.params) ?? datasetCounts(exactByFilter(q).params.filter_by ?? '', datasets);
  const res = await admin.multiSearch.perform<TrackHit[]>({ searches: searches.map((p) => ({ collection: alias, ...p })) }, {});
  const out: Record<string, number> = {};
  datasets.forEach((d, i) => {
    const found = (res.results[i] as SearchResponse<TrackHit> | undefined)?.found ?? 0;
    if (found > 0) out[d] = found;
  });
  return out;
}

/**
 * The title filter's two forms (title-hash.ts): every sample asked with and without the artist,
 * its whole plan sent once with `title_keys` (each dataset's hashes) and once with `title_norm` /
 * `title_alt`, ranked and compared query by query, with the server's time for each form's searches.
 */
export async function hashIdentity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  let same = 0;
  let asked = 0;
  const time = { hashed: 0, text: 0 };
  const differing: { title: string; artist: string | undefined; hashed: string; text: string }[] = [];
  const answer = async (query: PlannedTitleQuery, form: keyof typeof time) => {
    const q = { ...query, form: form === 'hashed' ? HASHED : TEXT_FORM };
    return (
      await ranked(admin, alias, q, planTitleSearches(q), (_, ms) => {
        time[form] += ms;
      })
    ).answer;
  };
  for (const s of samples) {
    for (const artist of [s.artists[0] ?? '', undefined]) {
      const q = planTitleQuery({ title: s.title, artist, perPage: 25 });
      if (q === undefined) continue;
      asked++;
      // Alternating which form goes first, so neither always meets a warm cache.
      let hashed: string;
      let text: string;
      if (asked % 2 === 0) {
        hashed = await answer(q, 'hashed');
        text = await answer(q, 'text');
      } else {
        text = await answer(q, 'text');
        hashed = await answer(q, 'hashed');
      }
      if (hashed === text) same++;
      else differing.push({ title: s.title, artist, hashed, text });
    }
  }
  console.log(
    `answer identity, title filter as hashes (title_keys) vs title_norm / title_alt, whole plans: same on ${same} of ${asked}; ` +
      `server time ${time.hashed} ms vs ${time.text} ms in all`,
  );
  // What differs, named: the query, the rows only one form answered with, and each form's totals.
  for (const d of differing.slice(0, 3)) {
    const [hashedRows, ...hashedTotals] = JSON.parse(d.hashed) as [string[], ...unknown[]];
    const [textRows, ...textTotals] = JSON.parse(d.text) as [string[], ...unknown[]];
    console.log(
      `    differs: ${JSON.stringify(d.title)}${d.artist === undefined ? '' : ` by ${JSON.stringify(d.artist)}`}: ` +
        `only by hash ${JSON.stringify(hashedRows.filter((r) => !textRows.includes(r)))}, ` +
        `only by text ${JSON.stringify(textRows.filter((r) => !hashedRows.includes(r)))}; ` +
        `totals ${JSON.stringify(hashedTotals)} vs ${JSON.stringify(textTotals)}`,
    );
  }
}

/**
 * The plan change's answer identity: the exact and misspelt queries ranked from the searches the
 * port plans (artist words over the title's rows) and from the same searches with the filter on
 * the artist first, compared query by query.
 */
export async function identity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  let same = 0;
  let asked = 0;
  const answer = async (q: PlannedTitleQuery, byFilter: boolean) => {
    const plan = planTitleSearches(q);
    if (byFilter) plan[0] = exactByFilter(q);
    return (await ranked(admin, alias, q, plan)).answer;
  };
  for (const s of samples) {
    const q = planTitleQuery({ title: s.title, artist: s.artists[0] ?? '', perPage: 25 }, HASHED);
    if (q === undefined || planTitleSearches(q)[0]?.role !== 'exact-text') continue;
    asked++;
    if ((await answer(q, false)) === (await answer(q, true))) same++;
  }
  console.log(`answer identity, exact search as artist words over the title's rows vs the artist filter: same on ${same} of ${asked}`);
}

/**
 * The per-dataset counts' answer identity: each sample's title rows counted per dataset as the
 * port asks them (each dataset's own title hashes, title-hash.ts) and its artist rows as the port
 * asks those (the dataset's word over the filter's rows, counts.ts), each beside `&& dataset:=`
 * over the title's or artist's filter, compared query by query, with the server's time for each form.
 */
export async function countsIdentity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  const datasets = benchDatasets(1).map((d) => d.id);
  const tally = { title: { same: 0, asked: 0, port: 0, filter: 0 }, artist: { same: 0, asked: 0, port: 0, filter: 0 } };
  const count = async (searches: SearchParams<TrackDocument>[], t: { port: number; filter: number }, form: 'port' | 'filter') => {
    const res = await admin.multiSearch.perform<TrackHit[]>({ searches: searches.map((p) => ({ collection: alias, ...p })) }, {});
    for (const r of res.results) t[form] += (r as SearchResponse<TrackHit>).search_time_ms;
    return JSON.stringify(res.results.map((r) => (r as SearchResponse<TrackHit>).found));
  };
  const compare = async (t: (typeof tally)['title'], port: SearchParams<TrackDocument>[], byFilter: SearchParams<TrackDocument>[]) => {
    t.asked++;
    if ((await count(port, t, 'port')) === (await count(byFilter, t, 'filter'))) t.same++;
  };
  for (const s of samples) {
    const q = planTitleQuery({ title: s.title, perPage: 25 }, HASHED);
    if (q !== undefined) {
      const own = (titleCountSearches(q) ?? []).map((c) => c.params);
      const text = exactByFilter({ ...q, form: TEXT_FORM }).params.filter_by ?? '';
      await compare(
        tally.title,
        own,
        datasets.map((d) => countByFilter(text, d)),
      );
    }
    const artist = artistKey(s.artists[0] ?? '');
    if (artist === '') continue;
    const filter = exactAny('artists_norm', [artist]);
    await compare(
      tally.artist,
      datasetCounts(filter, datasets),
      datasets.map((d) => countByFilter(filter, d)),
    );
  }
  const { title, artist } = tally;
  console.log(
    `answer identity, a title's rows per dataset as each dataset's title hashes vs "&& dataset:=" over title_norm / title_alt: ` +
      `same on ${title.same} of ${title.asked}; server time ${title.port} ms vs ${title.filter} ms in all`,
  );
  console.log(
    `answer identity, an artist's rows per dataset as the dataset's word over the filter's rows vs "&& dataset:=": ` +
      `same on ${artist.same} of ${artist.asked}; server time ${artist.port} ms vs ${artist.filter} ms in all`,
  );
}

/** The fuzzy searches' `max_candidates` left to the server: its default, 4 on an index of 500,000 documents or more. */
function serverDefaultCandidates(plan: readonly PlannedSearch[]): PlannedSearch[] {
  return plan.map(({ role, params }) => {
    const { max_candidates: _, ...rest } = params;
    return { role, params: rest };
  });
}

/** What the answer's wording rests on: the datasets holding the song's rows, and those holding only candidates. */
export function wording(rows: readonly string[]): string {
  const held = new Set(rows.filter((r) => !r.endsWith(':fuzzy')).map((r) => r.split(':')[0]));
  const similar = new Set(
    rows
      .filter((r) => r.endsWith(':fuzzy'))
      .map((r) => r.split(':')[0])
      .filter((d) => !held.has(d)),
  );
  return JSON.stringify([[...held].sort(), [...similar].sort()]);
}

/**
 * A change of the fuzzy searches beside the form it replaced (`before`): each sample asked as
 * typed, misspelt, and as a title alone, ranked from both and compared query by query (whole
 * answer, and the datasets the wording names), how often the sample's own row is among the
 * answers, and the fuzzy searches' server time (in all, and the slowest query's).
 */
async function fuzzyIdentity(
  admin: TypesenseClient,
  alias: string,
  samples: readonly Sample[],
  change: { title: string; now: string; before: string; plan: (q: PlannedTitleQuery) => { now: PlannedSearch[]; before: PlannedSearch[] } },
): Promise<void> {
  const kinds = {
    exact: (s: Sample) => planTitleQuery({ title: s.title, artist: s.artists[0] ?? '', perPage: 25 }, HASHED),
    misspelt: (s: Sample) => planTitleQuery({ title: misspell(s.title), artist: s.artists[0] ?? '', perPage: 25 }, HASHED),
    'title only': (s: Sample) => planTitleQuery({ title: s.title, perPage: 25 }, HASHED),
  };
  const lines: string[] = [];
  const differing: string[] = [];
  const time = { now: 0, before: 0 };
  const slowest = { now: 0, before: 0 };
  for (const [kind, make] of Object.entries(kinds)) {
    const t = { same: 0, sameWording: 0, asked: 0, ownNow: 0, ownBefore: 0 };
    for (const s of samples) {
      const q = make(s);
      if (q === undefined) continue;
      t.asked++;
      const own = (rows: string[]) => rows.some((r) => r.startsWith(`${s.dataset}:${s.rowKey}:`));
      const plans = change.plan(q);
      const got: Partial<Record<keyof typeof time, { answer: string; rows: string[] }>> = {};
      // Alternating which form goes first, so neither always meets a warm cache.
      for (const form of t.asked % 2 === 0 ? (['now', 'before'] as const) : (['before', 'now'] as const)) {
        let ms = 0;
        got[form] = await ranked(admin, alias, q, plans[form], (role, t) => {
          if (role.startsWith('fuzzy')) ms += t;
        });
        time[form] += ms;
        slowest[form] = Math.max(slowest[form], ms);
      }
      const [now, before] = [got.now ?? { answer: '', rows: [] }, got.before ?? { answer: '', rows: [] }];
      if (own(now.rows)) t.ownNow++;
      if (own(before.rows)) t.ownBefore++;
      if (wording(now.rows) === wording(before.rows)) t.sameWording++;
      if (now.answer === before.answer) t.same++;
      else if (differing.length < 3)
        differing.push(
          `    differs (${kind}): ${JSON.stringify(q.titleKeys[0])}${q.credit === undefined ? '' : ` by ${JSON.stringify(q.credit.key)}`}: ` +
            `only ${change.now} ${JSON.stringify(now.rows.filter((r) => !before.rows.includes(r)))}, ` +
            `only ${change.before} ${JSON.stringify(before.rows.filter((r) => !now.rows.includes(r)))}`,
        );
    }
    lines.push(
      `${kind} same on ${t.same} of ${t.asked} (wording's datasets on ${t.sameWording}), own row answered ${t.ownNow} vs ${t.ownBefore}`,
    );
  }
  console.log(
    `answer identity, ${change.title}: ${lines.join('; ')}; fuzzy searches' server time ${time.now} ms vs ${time.before} ms in all, ` +
      `slowest query ${slowest.now} vs ${slowest.before} ms`,
  );
  for (const d of differing) console.log(d);
}

/** The fuzzy searches' `max_candidates` (plan.ts FUZZY_CANDIDATES) beside the server's default. */
export async function candidatesIdentity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  await fuzzyIdentity(admin, alias, samples, {
    title: `fuzzy searches with max_candidates ${FUZZY_CANDIDATES} vs the server's default`,
    now: `with ${FUZZY_CANDIDATES}`,
    before: 'with the default',
    plan: (q) => ({ now: planTitleSearches(q), before: serverDefaultCandidates(planTitleSearches(q)) }),
  });
}
