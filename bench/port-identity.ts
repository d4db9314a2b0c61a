/**
 * The scale bench's answer-identity checks asked through whole search ports (TypesenseSearch
 * with one setting changed: the common-word threshold, split rounds, the typo search's rows),
 * each beside the port as it is, query by query, with each port's wall time. Apart from
 * plan-identity.ts, whose checks send a plan's searches straight to the server: these compare
 * what the port does after its plan (its further round trips, its joining, its caches).
 */
import { existingInfo } from '../index-builder/publish.js';
import { COMMON_WORD_ROWS, commonWordSet, titleOfCommonWords } from '../src/index/common-words.js';
import { groupMatches } from '../src/core/grouping.js';
import { FUZZY_PER_PAGE, planTitleQuery } from '../src/search/plan.js';
import { TypesenseSearch } from '../src/search/typesense-search.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { wording } from './plan-identity.js';
import { misspell } from './queries.js';
import type { Sample } from './realistic.js';

/** How the port-level checks ask each sample: as typed, misspelt, and as a title alone. */
const ASKED = {
  exact: (s: Sample) => ({ title: s.title, artist: s.artists[0] ?? '' }),
  misspelt: (s: Sample) => ({ title: misspell(s.title), artist: s.artists[0] ?? '' }),
  'title only': (s: Sample) => ({ title: s.title }),
};

/**
 * The fuzzy title searches without the index's common title words (IndexInfo.titleWords, the
 * port's threshold COMMON_WORD_ROWS), and titles of common words only compared with the
 * autocomplete collection's popular titles: the port as it is beside the port asking every word of
 * the whole index (a threshold no word reaches). Each sample asked as typed, misspelt and as a
 * title alone through both (alternating which goes first), the answers compared query by query
 * (whole, and the datasets the wording names), the sample's own row among them, and each port's
 * wall time (in all, and its slowest query).
 */
export async function commonWordsIdentity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  const threshold = Number(process.env.SCALE_COMMON_ROWS ?? COMMON_WORD_ROWS);
  const common = commonWordSet((await existingInfo(admin, alias))?.titleWords, threshold);
  const ports = {
    now: new TypesenseSearch({ client: admin, collection: alias, commonWordRows: threshold }),
    before: new TypesenseSearch({ client: admin, collection: alias, commonWordRows: Number.POSITIVE_INFINITY }),
  };
  const lines: string[] = [];
  const differing: string[] = [];
  const time = { now: 0, before: 0 };
  const slowest = { now: 0, before: 0 };
  for (const [kind, make] of Object.entries(ASKED)) {
    const t = { same: 0, sameWording: 0, asked: 0, ownNow: 0, ownBefore: 0, similar: 0 };
    for (const s of samples) {
      const query = make(s);
      t.asked++;
      const key = planTitleQuery(query)?.titleKeys[0] ?? '';
      if (titleOfCommonWords(key, common)) t.similar++;
      const got: Partial<Record<keyof typeof ports, { answer: string; rows: string[] }>> = {};
      for (const side of t.asked % 2 === 0 ? (['now', 'before'] as const) : (['before', 'now'] as const)) {
        const started = performance.now();
        const res = await ports[side].searchTracks(query);
        const ms = performance.now() - started;
        time[side] += ms;
        slowest[side] = Math.max(slowest[side], ms);
        const rows = res.matches.map((m) => `${m.dataset}:${m.rowKey}:${m.basis}`);
        got[side] = { answer: JSON.stringify([rows, res.exactTotal, res.datasetTotals, res.hasMore]), rows };
      }
      const [now, before] = [got.now ?? { answer: '', rows: [] }, got.before ?? { answer: '', rows: [] }];
      const own = (rows: string[]) => rows.some((r) => r.startsWith(`${s.dataset}:${s.rowKey}:`));
      if (own(now.rows)) t.ownNow++;
      if (own(before.rows)) t.ownBefore++;
      if (wording(now.rows) === wording(before.rows)) t.sameWording++;
      if (now.answer === before.answer) t.same++;
      else if (differing.length < 4)
        differing.push(
          `    differs (${kind}): ${JSON.stringify(key)}: only now ${JSON.stringify(now.rows.filter((r) => !before.rows.includes(r)).slice(0, 6))}, ` +
            `only before ${JSON.stringify(before.rows.filter((r) => !now.rows.includes(r)).slice(0, 6))}`,
        );
    }
    lines.push(
      `${kind} same on ${t.same} of ${t.asked} (wording's datasets on ${t.sameWording}; ${t.similar} titles of common words only), ` +
        `own row answered ${t.ownNow} vs ${t.ownBefore}`,
    );
  }
  console.log(
    `answer identity, fuzzy title queries without the ${common.size} title words on ${threshold.toLocaleString('en-US')}+ rows ` +
      `(titles of them only: popular similar titles) vs every word of the whole index: ${lines.join('; ')}; ` +
      `port time ${time.now.toFixed(0)} ms vs ${time.before.toFixed(0)} ms in all, slowest query ${slowest.now.toFixed(1)} vs ${slowest.before.toFixed(1)} ms`,
  );
  for (const d of differing) console.log(d);
}

/**
 * A title round sent as two requests at once (src/search/round.ts) beside the same round as one
 * request: each sample asked as typed, misspelt and as a title alone through a port of each kind
 * (alternating which goes first), the whole answers compared query by query, and each port's wall
 * time (p50 and slowest). The searches are the same by construction; this checks the joining.
 */
export async function splitIdentity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  const ports = {
    split: new TypesenseSearch({ client: admin, collection: alias }),
    whole: new TypesenseSearch({ client: admin, collection: alias, splitRounds: false }),
  };
  const lines: string[] = [];
  for (const [kind, make] of Object.entries(ASKED)) {
    let same = 0;
    const time = { split: [] as number[], whole: [] as number[] };
    for (const [i, s] of samples.entries()) {
      const got: Partial<Record<keyof typeof ports, string>> = {};
      for (const side of i % 2 === 0 ? (['split', 'whole'] as const) : (['whole', 'split'] as const)) {
        const started = performance.now();
        const res = await ports[side].searchTracks(make(s));
        time[side].push(performance.now() - started);
        got[side] = JSON.stringify(res);
      }
      if (got.split === got.whole) same++;
    }
    const p50 = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)] ?? 0;
    lines.push(
      `${kind} same on ${same} of ${samples.length}, p50 ${p50(time.split).toFixed(2)} vs ${p50(time.whole).toFixed(2)} ms, ` +
        `slowest ${Math.max(...time.split).toFixed(1)} vs ${Math.max(...time.whole).toFixed(1)} ms`,
    );
  }
  console.log(`answer identity, a title round as two requests at once vs one request: ${lines.join('; ')}`);
}

/**
 * Fewer rows read by the whole index's typo search of the title (`fuzzyPerPage`, SCALE_FUZZY_PAGES,
 * default "25,10") beside the port as it is (plan.ts FUZZY_PER_PAGE): each sample asked as typed,
 * misspelt and as a title alone through each port (rotating which goes first), compared with the
 * port as it is query by query: the whole answer, what the reply shows (its song groups with their
 * rows; the songs alone; the datasets its wording names), the sample's own row among the answers, and each
 * port's wall time (p50 and slowest).
 */
export async function fuzzyPageIdentity(admin: TypesenseClient, alias: string, samples: readonly Sample[]): Promise<void> {
  const pages = (process.env.SCALE_FUZZY_PAGES ?? '25,10').split(',').map(Number);
  const sides = [FUZZY_PER_PAGE, ...pages.filter((n) => n !== FUZZY_PER_PAGE)];
  const ports = sides.map((n) => new TypesenseSearch({ client: admin, collection: alias, fuzzyPerPage: n }));
  const p50 = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)] ?? 0;
  const differing: string[] = [];
  for (const [kind, make] of Object.entries(ASKED)) {
    const time = sides.map(() => [] as number[]);
    const tally = sides.map(() => ({ same: 0, shown: 0, songs: 0, wording: 0, own: 0 }));
    for (const [i, s] of samples.entries()) {
      const got: { answer: string; shown: string; songs: string; rows: string[] }[] = [];
      // Rotating which port goes first, so none always meets a warm cache.
      for (let k = 0; k < sides.length; k++) {
        const side = (i + k) % sides.length;
        const started = performance.now();
        const res = await (ports[side] as TypesenseSearch).searchTracks(make(s));
        time[side]?.push(performance.now() - started);
        const rows = res.matches.map((m) => `${m.dataset}:${m.rowKey}:${m.basis}`);
        const groups = groupMatches(res.matches, undefined);
        got[side] = {
          answer: JSON.stringify(res),
          shown: JSON.stringify(groups.map((g) => [g.basis, g.title, g.artists, g.evidence.map((e) => `${e.dataset}:${e.rowKey}`)])),
          songs: JSON.stringify(groups.map((g) => [g.basis, g.title, g.artists])),
          rows,
        };
      }
      const base = got[0] as (typeof got)[number];
      for (const [side, g] of got.entries()) {
        const t = tally[side] as (typeof tally)[number];
        if (g.answer === base.answer) t.same++;
        if (g.shown === base.shown) t.shown++;
        if (g.songs === base.songs) t.songs++;
        if (wording(g.rows) === wording(base.rows)) t.wording++;
        if (g.rows.some((r) => r.startsWith(`${s.dataset}:${s.rowKey}:`))) t.own++;
        if (side > 0 && g.shown !== base.shown && differing.length < 4)
          differing.push(
            `    shows otherwise (${kind}, ${sides[side]} rows): ${JSON.stringify(s.title)}: ` +
              `only with ${sides[side]} ${JSON.stringify(g.rows.filter((r) => !base.rows.includes(r)).slice(0, 4))}, ` +
              `only with ${FUZZY_PER_PAGE} ${JSON.stringify(base.rows.filter((r) => !g.rows.includes(r)).slice(0, 4))}`,
          );
      }
    }
    const line = sides
      .map((n, side) => {
        const t = tally[side] as (typeof tally)[number];
        const ms = time[side] ?? [];
        const same =
          side === 0
            ? ''
            : `same answer ${t.same}, same reply ${t.shown} (same songs ${t.songs}), same wording ${t.wording} of ${samples.length}; `;
        return `${n} rows: ${same}own row ${t.own}, p50 ${p50(ms).toFixed(2)} ms, slowest ${Math.max(...ms).toFixed(1)}`;
      })
      .join(' | ');
    console.log(`answer identity, the whole index's typo search reading fewer rows, ${kind}: ${line}`);
  }
  for (const d of differing) console.log(d);
}
