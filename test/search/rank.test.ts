/** rankCandidates as a pure function (no server): how the searches' answers become exact rows, title rows and candidates, and totals. */
import { describe, expect, it } from 'vitest';
import type { SearchResponse } from 'typesense';
import { MIN_TITLE_SIMILARITY, rankCandidates, type RoleResponse, type TrackHit } from '../../src/search/rank.js';
import { similarity, similarityTo, titleScorer, titleSimilarity } from '../../src/search/similarity.js';
import { toDocument } from '../../src/index/document.js';
import { planned } from './plan-setup.js';

function response(docs: TrackHit[], found = docs.length, perPage = 25): SearchResponse<TrackHit> {
  return {
    found,
    out_of: 1000,
    page: 1,
    request_params: { per_page: perPage },
    search_time_ms: 1,
    hits: docs.map((document) => ({ document, highlight: {}, text_match: 0 })),
  };
}

let n = 0;
/** A hit as the index returns it: the document toDocument makes for the row. */
function doc(title: string, artists: string[], dataset = 'laion-disco-12m'): TrackHit {
  n++;
  return toDocument({ dataset, rowKey: `r${n}`, title, artists });
}

describe('rankCandidates', () => {
  it('calls a row exact only when its title and a credited artist match; another artist is a candidate', () => {
    const q = planned('Hello', 'Adele');
    const adele = doc('Hello', ['Adele']);
    // A filter that matched too much (an old index, say) cannot make Lionel Richie's "Hello" Adele's.
    const lionel = doc('Hello', ['Lionel Richie'], 'laion-disco-12m');
    const ranked = rankCandidates(q, [{ role: 'exact', response: response([adele, lionel]) }]);
    expect(ranked.matches.map((m) => [m.rowKey, m.basis])).toEqual([
      [adele.row_key, 'exact'],
      [lionel.row_key, 'fuzzy'],
    ]);
    expect(ranked.exactTotal).toBe(1);
  });
  it('gives a title alone the title basis, never exact', () => {
    const q = planned('Yesterday');
    const rows = [
      doc('Yesterday', ['The Beatles']),
      doc('Yesterday - Remastered 2009', ['The Beatles'], 'spotify-tracks'),
      doc('Yesterday', ['Ray Charles']),
    ];
    const ranked = rankCandidates(q, [{ role: 'exact', response: response(rows, 40) }]);
    expect(ranked.matches.map((m) => m.basis)).toEqual(['title', 'title', 'title']);
    expect(ranked).toMatchObject({ exactTotal: 40, exactComplete: false, hasMore: true });
  });
  it('ranks candidates: by the artist, then a near artist, then others; drops noise and the song itself', () => {
    const q = planned('Bohemian Rhapsody', 'Queen');
    const fuzzy: RoleResponse = {
      role: 'fuzzy-title',
      response: response([
        doc('Bohemian Rhapsody', ['Panic! At The Disco'], 'spotify-tracks'),
        doc('Bohemian Rapsody', ['Queen'], 'laion-disco-12m'),
        doc('Bohemian Rhapsody', ['Quen'], 'fma'),
        doc('Totally Else', ['Queen'], 'fma'),
        // On the next page of the exact search: counted there, not shown as "similar".
        doc('Bohemian Rhapsody', ['Queen'], 'fma'),
      ]),
    };
    const ranked = rankCandidates(q, [{ role: 'exact', response: response([]) }, fuzzy]);
    expect(ranked.matches.map((m) => m.artists[0])).toEqual(['Queen', 'Quen', 'Panic! At The Disco']);
    expect(ranked.matches.every((m) => m.basis === 'fuzzy')).toBe(true);
  });
  it('scores titles by shared bigrams, counted: repeats, code points, spaces and one-letter keys', () => {
    expect(similarity('night', 'nacht')).toBe(2 / 8); // ht only
    expect(similarity('aa', 'aaa')).toBe(2 / 3); // "aa" once against twice: shared once
    expect(similarity('aaaa', 'aaa')).toBe(4 / 5); // three against two: shared twice
    expect(similarity('abab', 'baba')).toBe(4 / 6); // ab,ba,ab against ba,ab,ba: two shared
    expect(similarity('😀😀', '😀😀😀')).toBe(2 / 3); // pairs of characters, not of UTF-16 units
    expect(similarity('a b', 'ab')).toBe(1); // spaces left out
    expect(similarity('a', 'ab')).toBe(0); // a one-letter key is that letter, never a bigram
    expect(similarity('a', 'a ')).toBe(1);
    expect(similarity('', 'ab')).toBe(0);
    // Asked again (the keys are remembered), the same.
    expect(similarity('night', 'nacht')).toBe(2 / 8);
  });
  it('keeps a short title with two letters swapped as a candidate by the artist; unlike titles stay noise', () => {
    // "palce" shares one bigram of four with "place": by bigrams alone the typo search's find was dropped.
    expect(titleSimilarity('palce', 'place')).toBeCloseTo(0.8);
    expect(titleSimilarity('lvoe', 'love')).toBeCloseTo(0.75);
    // Other typos are the bigrams' to judge: one letter changed, or two swapped apart.
    expect(titleSimilarity('lose', 'love')).toBe(similarity('lose', 'love'));
    expect(titleSimilarity('lose', 'love')).toBeLessThan(MIN_TITLE_SIMILARITY);
    expect(titleSimilarity('pacle', 'place')).toBe(similarity('pacle', 'place'));
    const q = planned('Palce', 'Ferrier Bilal');
    const byArtist: RoleResponse = {
      role: 'fuzzy-title-by-artist',
      response: response([doc('Place', ['Ferrier Bilal'], 'fma'), doc('Peace', ['Someone Else'], 'fma'), doc('Hello', ['Ferrier Bilal'])]),
    };
    const ranked = rankCandidates(q, [{ role: 'exact-text', response: response([]) }, byArtist]);
    expect(ranked.matches.map((m) => [m.title, m.basis])).toEqual([['Place', 'fuzzy']]);
  });
  it('shows the page out of its window of 250, and counts every row read per dataset', () => {
    const rows = ['laion-disco-12m', 'fma', 'spotify-tracks', 'fma', 'fma'].map((d) => doc('Paging', ['Pager'], d));
    const windowed = rankCandidates(planned('Paging', 'Pager', { page: 2, perPage: 1 }), [
      { role: 'exact', response: response(rows, 5, 250) },
    ]);
    expect(windowed.matches.map((m) => m.rowKey)).toEqual([rows[1]?.row_key]);
    expect(windowed).toMatchObject({
      exactTotal: 5,
      exactComplete: true,
      hasMore: true,
      datasetTotals: { 'laion-disco-12m': 1, fma: 3, 'spotify-tracks': 1 },
    });
    // A page size that does not divide 250 is read as asked: the response is the page.
    const asAsked = rankCandidates(planned('Paging', 'Pager', { page: 2, perPage: 3 }), [
      { role: 'exact', response: response(rows.slice(3), 5, 3) },
    ]);
    expect(asAsked.matches.map((m) => m.dataset)).toEqual(['fma', 'fma']);
    expect(asAsked.exactComplete).toBe(false);
  });

  it('keeps only credited rows of a title read whole for a long credit', () => {
    const long = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    const q = planned('Song', long);
    const rows = [doc('Song', [long]), doc('Song', ['Someone Else'])];
    const ranked = rankCandidates(q, [{ role: 'title-rows', response: response(rows, 2, 250) }]);
    expect(ranked.matches.map((m) => m.basis)).toEqual(['exact', 'fuzzy']);
    expect(ranked).toMatchObject({ exactTotal: 1, exactComplete: true, hasMore: false });
  });
});

/** Dice over code-point bigrams, spaces left out, written the plain way: the oracle for similarity.ts's fast paths. */
function referenceDice(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (t: string): string[] => {
    const points = [...t].filter((c) => c !== ' ');
    if (points.length === 1) return [`single:${points[0] ?? ''}`];
    return points.slice(1).map((c, i) => `${points[i] ?? ''}${c}`);
  };
  const pa = grams(a);
  const pb = grams(b);
  if (pa.length === 0 || pb.length === 0) return 0;
  const left = [...pb];
  let shared = 0;
  for (const g of pa) {
    const at = left.indexOf(g);
    if (at >= 0) {
      shared++;
      left.splice(at, 1);
    }
  }
  return (2 * shared) / (pa.length + pb.length);
}

describe('similarity scorers', () => {
  const keys = [
    'place',
    'palce',
    'love',
    'a',
    'b',
    '',
    ' ',
    'a b',
    'ab',
    'aaaa',
    'aa aa',
    '𝄞 clef',
    '𝄞 cle',
    '\ud834 clef',
    '\ud834x',
    '봄날',
    '봄 날',
    'déjà vu',
    'deja vu',
    'x'.repeat(300),
    `${'x'.repeat(299)}y`,
  ];
  it('scores every pair as the plain code-point bigram Dice (titleScorer, similarityTo, similarity), whatever the characters', () => {
    for (const b of keys) {
      const title = titleScorer([b, 'zz']);
      const artist = similarityTo(b);
      for (const a of keys) {
        const expected = referenceDice(a, b);
        expect(similarity(a, b), `${a} ~ ${b}`).toBeCloseTo(expected, 12);
        expect(artist(a), `${a} ~ ${b}`).toBeCloseTo(expected, 12);
        expect(title(a), `${a} ~ ${b}`).toBe(Math.max(titleSimilarity(a, b), titleSimilarity(a, 'zz')));
        // Asked again (remembered per scorer), the same.
        expect(title(a)).toBe(Math.max(titleSimilarity(a, b), titleSimilarity(a, 'zz')));
      }
    }
  });

  it('scores keys longer than any before as the oracle does (the scratch buffer grows under them)', () => {
    for (const pairs of [200, 500, 1100]) {
      const key = 'ab'.repeat(pairs);
      expect(similarityTo(key)(`${key}c`)).toBeCloseTo(referenceDice(`${key}c`, key), 12);
      expect(titleScorer([key])(`${key}d`)).toBeCloseTo(referenceDice(`${key}d`, key), 12);
    }
  });
});
