/** The title search's plan as pure functions (no server): which searches a query sends, what their filters say, and its count searches. */
import { describe, expect, it } from 'vitest';
import { creditClause, MAX_ARRAY_FILTER_TOKENS, titleClause, titleFilterForm } from '../../src/search/exact-filters.js';
import {
  exactByFilter,
  exactWindow,
  fuzzyTitleSearch,
  similarTitleRows,
  planTitleQuery,
  planTitleSearches,
  titleCountSearches,
} from '../../src/search/plan.js';
import { titleHash } from '../../src/index/title-hash.js';
import { queryCredit } from '../../src/index/credits.js';
import { planned } from './plan-setup.js';

describe('planTitleQuery', () => {
  it('normalises the title into all its keys and the artist into a credit', () => {
    const q = planned('Gangnam Style (강남스타일)', 'The PSY');
    expect(q.titleKeys).toEqual(['gangnam style 강남스타일', 'gangnam style', '강남스타일']);
    expect(q.credit?.segments[0]?.solid).toEqual(['psy']);
    expect(q.page).toBe(1);
    expect(q.perPage).toBe(25);
    expect(q.candidates).toBe(true);
  });
  it('has no plan for a title without letters or digits, and no credit for a blank artist', () => {
    expect(planTitleQuery({ title: '!!! ???' })).toBeUndefined();
    expect(planTitleQuery({ title: 'x', artist: '  ' })?.credit).toBeUndefined();
    expect(planTitleQuery({ title: 'x', perPage: 10_000, page: -3 })).toMatchObject({ perPage: 250, page: 1 });
  });
});

describe('planTitleSearches', () => {
  it('asks four searches for a title and artist on page 1, one on later pages', () => {
    const plan = planTitleSearches(planned('Hello', 'Adele'));
    expect(plan.map((p) => p.role)).toEqual(['exact-text', 'fuzzy-title', 'fuzzy-title-by-artist', 'fuzzy-artist-by-title']);
    // One artist: the artist's words as a typo-free text query over the title's rows (no filter on the artist).
    expect(plan[0]?.params).toEqual({
      q: 'adele',
      query_by: 'artists_norm',
      num_typos: 0,
      prefix: false,
      drop_tokens_threshold: 0,
      typo_tokens_threshold: 0,
      split_join_tokens: 'off',
      filter_by: '(title_norm:=`hello` || title_alt:=[`hello`])',
      per_page: 250,
      highlight_fields: 'none',
      enable_highlight_v1: false,
    });
    expect(exactByFilter(planned('Hello', 'Adele')).params).toEqual({
      q: '*',
      filter_by: '(title_norm:=`hello` || title_alt:=[`hello`]) && artists_norm:=[`adele`]',
      page: 1,
      // Read 250 at a time, the page cut out here: a popular song's rows counted per dataset in one request.
      per_page: 250,
    });
    // Several keys (an alias, a featured artist) or joined pieces: the filter form, which a text query cannot cover.
    expect(planTitleSearches(planned('Hello', 'Mark Ronson feat. Bruno Mars'))[0]?.role).toBe('exact');
    expect(planTitleSearches(planned('Hello', 'Calvin Harris x Dua Lipa'))[0]?.role).toBe('exact');
    expect(plan[1]?.params).toMatchObject({ q: 'hello', query_by: 'title_norm', num_typos: 2, prefix: false });
    expect(plan[3]?.params).toMatchObject({
      q: 'adele',
      query_by: 'artists_norm',
      filter_by: '(title_norm:=`hello` || title_alt:=[`hello`])',
    });
    expect(planTitleSearches(planned('Hello', 'Adele', { page: 2 })).map((p) => p.role)).toEqual(['exact']);
    expect(planTitleSearches(planned('Hello', 'Adele', { candidates: false })).map((p) => p.role)).toEqual(['exact-text']);
    expect(exactWindow({ page: 12, perPage: 25 })).toEqual({ page: 2, per_page: 250, offset: 25 });
    expect(exactWindow({ page: 2, perPage: 3 })).toEqual({ page: 2, per_page: 3, offset: 0 });
  });
  it("leaves the index's common words out of the fuzzy title searches only, when a rarer word remains", () => {
    const q = { ...planned('Knows You Die', 'Adele'), commonWords: new Set(['you']) };
    const plan = planTitleSearches(q);
    expect(plan.map((p) => [p.role, p.params.q])).toEqual([
      ['exact-text', 'adele'],
      ['fuzzy-title', 'knows die'],
      ['fuzzy-title-by-artist', 'knows die'],
      ['fuzzy-artist-by-title', 'adele'],
    ]);
    // The exact rows still ask the whole title.
    expect(plan[0]?.params.filter_by).toContain('`knows you die`');
    expect(planTitleSearches({ ...planned('Love You'), commonWords: new Set(['love', 'you']) })[1]?.params.q).toBe('love you');
    expect(planTitleSearches(planned('Knows You Die'))[1]?.params.q).toBe('knows you die');
  });
  it('asks the fuzzy title searches for a misspelt decoration as the word it misspells, the exact rows for the title as typed', () => {
    const plan = planTitleSearches(planned('Nani Nani (Nistrumental)', 'Iv Porta'));
    expect(plan.map((p) => [p.role, p.params.q])).toEqual([
      ['exact-text', 'iv porta'],
      ['fuzzy-title', 'nani nani instrumental'],
      ['fuzzy-title-by-artist', 'nani nani instrumental'],
      ['fuzzy-artist-by-title', 'iv porta'],
    ]);
    expect(plan[0]?.params.filter_by).toContain('`nani nani nistrumental`');
    // A noise word read right is dropped as normalisation drops it; a title typed right asks as before.
    expect(planTitleSearches(planned('Mêle De - Rmeastered'))[1]?.params.q).toBe('mele de');
    expect(planTitleQuery({ title: 'Mêle De - Remastered' })?.fuzzyKey).toBeUndefined();
  });
  it("reads a title alone's page and counts its rows per dataset beside it, when its rows hash by dataset", () => {
    const form = titleFilterForm({ titleHashes: 'dataset', datasets: [{ id: 'fma' }, { id: 'spotify-tracks' }] });
    const q = planTitleQuery({ title: 'Intro', page: 3, perPage: 10 }, form) ?? expect.fail('planned');
    const plan = planTitleSearches(q);
    expect(plan.map((p) => [p.role, p.dataset])).toEqual([
      ['exact', undefined],
      ['dataset-count', 'fma'],
      ['dataset-count', 'spotify-tracks'],
    ]);
    expect(plan[0]?.params).toMatchObject({ page: 3, per_page: 10 });
    expect(plan[1]?.params).toEqual({ q: '*', filter_by: `title_keys:=[\`${titleHash('intro', 'fma')}\`]`, per_page: 0 });
    // With an artist, or without the hashes, the 250-row window counts what it can.
    expect(
      planTitleSearches(planTitleQuery({ title: 'Intro', artist: 'A' }, form) ?? expect.fail('planned')).map((p) => p.role),
    ).not.toContain('dataset-count');
    expect(exactByFilter({ ...q, form: { by: 'text' } }).params).toMatchObject({ page: 1, per_page: 250 });
  });
  it('asks the autocomplete collection for popular titles like a title of common words only, then their rows', () => {
    const q = { ...planned('Lvoe You', undefined, { dataset: 'fma' }), commonWords: new Set(['love', 'you']), similarTitles: true };
    const plan = planTitleSearches(q);
    expect(plan.map((p) => p.role)).toEqual(['exact', 'similar-titles']);
    expect(plan[1]?.params).toMatchObject({ q: 'lvoe you', query_by: 'title', num_typos: 2, per_page: 10, include_fields: 'title' });
    expect(similarTitleRows(q, ['love you', 'i love you']).params).toEqual({
      q: '*',
      filter_by: '(title_norm:=[`love you`,`i love you`] || title_alt:=[`love you`,`i love you`]) && dataset:=`fma`',
      per_page: 50,
    });
    // A rarer word, or no autocomplete collection to read: the whole index's typo search.
    expect(planTitleSearches({ ...q, titleKeys: ['lvoe you baby'] })[1]?.role).toBe('fuzzy-title');
    expect(planTitleSearches({ ...q, similarTitles: false })[1]?.role).toBe('fuzzy-title');
    expect(fuzzyTitleSearch(q).params).toMatchObject({ q: 'lvoe you', query_by: 'title_norm', filter_by: 'dataset:=`fma`' });
  });
  it("reads fuzzyPerPage rows in the whole index's typo search of the title, and only there", () => {
    const byRole = (plan: ReturnType<typeof planTitleSearches>) => Object.fromEntries(plan.map((p) => [p.role, p.params.per_page]));
    const q = planned('Lvoe Yuo Baby', 'Adele');
    expect(byRole(planTitleSearches(q))).toMatchObject({ 'fuzzy-title': 50, 'fuzzy-title-by-artist': 50, 'fuzzy-artist-by-title': 50 });
    expect(byRole(planTitleSearches({ ...q, fuzzyPerPage: 20 }))).toMatchObject({
      'fuzzy-title': 20,
      'fuzzy-title-by-artist': 50,
      'fuzzy-artist-by-title': 50,
    });
    expect(fuzzyTitleSearch({ ...q, fuzzyPerPage: 20 }).params.per_page).toBe(20);
    expect(similarTitleRows({ ...q, fuzzyPerPage: 20 }, ['love you']).params.per_page).toBe(20);
  });
  it("reads one artist's rows for a title of common words only, never the common words' rows by the artist's filter", () => {
    const common = { commonWords: new Set(['love', 'you']), similarTitles: true };
    const plan = planTitleSearches({ ...planned('Lvoe You', 'Adele'), ...common });
    expect(plan.map((p) => p.role)).toEqual(['exact-text', 'similar-titles', 'fuzzy-title-by-artist', 'fuzzy-artist-by-title']);
    expect(plan[2]?.params).toEqual({
      q: 'adele',
      query_by: 'artists_norm',
      num_typos: 0,
      prefix: false,
      drop_tokens_threshold: 0,
      typo_tokens_threshold: 0,
      split_join_tokens: 'off',
      per_page: 250,
      highlight_fields: 'none',
      enable_highlight_v1: false,
    });
    // Several artists: their filter, as before; a rarer word: the typo search by the artist's filter.
    expect(planTitleSearches({ ...planned('Lvoe You', 'Adele feat. Drake'), ...common })[2]?.params.filter_by).toContain('artists_norm:=');
    expect(planTitleSearches({ ...planned('Lvoe You Baby', 'Adele'), ...common })[2]?.params).toMatchObject({
      q: 'baby',
      filter_by: 'artists_norm:=[`adele`]',
    });
  });
  it('asks two for a title alone, scoped to a dataset when asked', () => {
    const plan = planTitleSearches(planned('Hello', undefined, { dataset: 'fma' }));
    expect(plan.map((p) => p.role)).toEqual(['exact', 'fuzzy-title']);
    expect(plan[0]?.params.filter_by).toBe('(title_norm:=`hello` || title_alt:=[`hello`]) && dataset:=`fma`');
    expect(plan[1]?.params.filter_by).toBe('dataset:=`fma`');
  });
  it('filters joined names by every piece, and names and featured artists each alone', () => {
    expect(creditClause(queryCredit('Calvin Harris x Dua Lipa'))).toBe(
      '(artists_norm:=[`calvin harris x dua lipa`,`calvin harris and dua lipa`] || ((artists_norm:=[`calvin harris`] || artist_parts:=[`calvin harris`]) && (artists_norm:=[`dua lipa`] || artist_parts:=[`dua lipa`])))',
    );
    expect(creditClause(queryCredit('Mark Ronson feat. Bruno Mars'))).toBe(
      'artists_norm:=[`mark ronson feat bruno mars`,`mark ronson`,`bruno mars`]',
    );
  });
  it('never puts a key of more than 24 words in a string[] filter; such a credit is compared after reading the title', () => {
    const long = Array.from({ length: MAX_ARRAY_FILTER_TOKENS + 1 }, (_, i) => `w${i}`).join(' ');
    expect(titleClause([long])).toBe(`title_norm:=\`${long}\``);
    expect(creditClause(queryCredit(long))).toBeUndefined();
    const plan = planTitleSearches(planned('Song', long));
    expect(plan[0]).toMatchObject({ role: 'title-rows', params: { per_page: 250 } });
    expect(plan[0]?.params.filter_by).not.toContain('artists_norm');
    expect(plan.map((p) => p.role)).not.toContain('fuzzy-title-by-artist');
  });
  it('keeps user text inside backticks', () => {
    const plan = planTitleSearches(planned('x` || dataset:=`spotify-tracks', 'a && b || c'));
    expect(plan[0]?.params.filter_by).toBe(
      '(title_norm:=`x dataset spotify tracks` || title_alt:=[`x dataset spotify tracks`]) && (artists_norm:=[`a b c`,`a and b c`] || ((artists_norm:=[`a`] || artist_parts:=[`a`]) && (artists_norm:=[`b c`] || artist_parts:=[`b c`])))',
    );
  });
});

describe('titleCountSearches', () => {
  const form = titleFilterForm({ titleHashes: 'dataset', datasets: [{ id: 'laion-disco-12m' }, { id: 'fma' }] });

  it("counts each dataset from that dataset's own title hashes, never by the dataset's field", () => {
    const q = planTitleQuery({ title: 'Intro', artist: 'Someone' }, form) ?? expect.fail('planned');
    const counts = titleCountSearches(q) ?? expect.fail('counted');
    expect(counts.map((c) => c.dataset)).toEqual(['laion-disco-12m', 'fma']);
    expect(counts.map((c) => c.params)).toEqual(
      ['laion-disco-12m', 'fma'].map((d) => ({
        q: '*',
        filter_by: `title_keys:=[\`${titleHash('intro', d)}\`] && artists_norm:=[\`someone\`]`,
        per_page: 0,
      })),
    );
    // Scoped to one dataset: that dataset's count alone.
    const scoped = planTitleQuery({ title: 'Intro', dataset: 'fma' }, form) ?? expect.fail('planned');
    expect(titleCountSearches(scoped)).toEqual([
      { dataset: 'fma', params: { q: '*', filter_by: `title_keys:=[\`${titleHash('intro', 'fma')}\`]`, per_page: 0 } },
    ]);
  });

  it('leaves rows hashed otherwise to the dataset-word counts', () => {
    expect(
      titleCountSearches(
        planTitleQuery({ title: 'Intro' }, titleFilterForm({ titleHashes: true, datasets: [] })) ?? expect.fail('planned'),
      ),
    ).toBeUndefined();
    expect(titleCountSearches(planTitleQuery({ title: 'Intro' }) ?? expect.fail('planned'))).toBeUndefined();
  });
});
