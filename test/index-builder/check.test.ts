/**
 * `trained-index check` against the suite's Typesense 0.24.1: the server it would run on in
 * production is checked the same way. Every kind of search the bot's port sends is made by the
 * port itself; answers are compared with the recorded 0.24.1 answers (golden-0.24.1.json).
 */
import { parse } from 'dotenv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCheck } from '../../index-builder/check-cli.js';
import { runCheck } from '../../index-builder/check/check.js';
import golden from '../../index-builder/check/golden-0.24.1.json' with { type: 'json' };
import { LONG_CREDIT, PROBES } from '../../index-builder/check/probes.js';
import { observedClient, paramFindings, type SentSearch } from '../../index-builder/check/searches.js';
import { listKeys } from '../../index-builder/keys.js';
import { silentLogger } from '../../src/log.js';
import { TEXT_FORM } from '../../src/search/exact-filters.js';
import { planTitleQuery, planTitleSearches } from '../../src/search/plan.js';
import { TypesenseSearch } from '../../src/search/typesense-search.js';
import { createTypesenseClient } from '../../src/typesense/client.js';
import { DATASET_INFO, ROWS } from '../helpers/core-fixture.js';
import { runCli } from '../helpers/index-builder-cli.js';
import { adminClient, fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
let keys: Record<string, string>;
beforeAll(async () => {
  fx = await fixtureIndex(ROWS, DATASET_INFO);
  keys = parse((await runCli(['keys', '--alias', fx.alias])).stdout);
});
afterAll(async () => {
  await fx.drop();
});

const options = (over: Partial<Parameters<typeof runCheck>[0]> = {}) => ({
  admin: adminClient(),
  nodes: inject('typesense').nodes,
  alias: fx.alias,
  apiKey: keys.TYPESENSE_API_KEY,
  settingsKey: keys.TYPESENSE_SETTINGS_KEY,
  timeoutMs: 10_000,
  log: silentLogger,
  golden: golden.probes as Record<string, string>,
  ...over,
});

describe('trained-index check on Typesense 0.24.1', () => {
  it(
    'passes from the command line: version, alias, both keys, every kind of search as recorded (exit 0)',
    { timeout: 60_000 },
    async () => {
      const run = await runCli(['check', '--alias', fx.alias], { ...keys });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('ok    Typesense 0.24.1 at http://127.0.0.1:');
      expect(run.stdout).toContain(`ok    alias "${fx.alias}" → ${fx.collection}`);
      expect(run.stdout).toContain(`ok    TYPESENSE_API_KEY: search-only on "${fx.alias}" (cannot write)`);
      expect(run.stdout).toContain('ok    TYPESENSE_SETTINGS_KEY: reads and writes "trained_settings" only');
      expect(run.stdout).toContain(`ok    ${PROBES.length} kinds of search`);
      expect(run.stdout).toContain('answered as on 0.24.1');
      expect(run.stdout).toContain(`ok    the same ${PROBES.length} kinds of search on "${fx.alias}" with TYPESENSE_API_KEY: accepted`);
      // This fixture alias has no autocomplete collection (a build makes one): the bot falls back, the check warns.
      expect(run.stdout).toContain(`warn  no autocomplete collection "${fx.alias}_suggest"`);
      expect(run.stdout).not.toContain('FAIL');
      expect(run.stdout.trim().split('\n').pop()).toMatch(/^Ready: /);
    },
  );

  it('leaves nothing behind: no probe alias, collection or key', async () => {
    const admin = adminClient();
    const before = (await listKeys(admin)).length;
    await runCheck(options());
    expect((await listKeys(admin)).length).toBe(before);
    expect((await admin.aliases().retrieve()).aliases.filter((a) => a.name.startsWith('trained_check_'))).toEqual([]);
    expect((await admin.collections().retrieve()).filter((c) => c.name.startsWith('trained_check_'))).toEqual([]);
  });

  it('the probes cover every search role of the title plan', () => {
    const queries = [
      { title: 'Bohemian Rhapsody', artist: 'Queen' },
      { title: 'Despacito', artist: LONG_CREDIT },
      // Two artists: no single credit key to ask as text, so the exact rows are asked by filter.
      { title: 'Under Pressure', artist: 'Queen & David Bowie' },
    ];
    const roles = new Set(
      queries.flatMap((q) =>
        planTitleSearches(planTitleQuery(q) ?? { titleKeys: [], page: 1, perPage: 25, candidates: true, form: TEXT_FORM }).map(
          (s) => s.role,
        ),
      ),
    );
    expect([...roles].sort()).toEqual([
      'exact',
      'exact-text',
      'fuzzy-artist-by-title',
      'fuzzy-title',
      'fuzzy-title-by-artist',
      'title-rows',
    ]);
    for (const name of ['title and artist (exact)', 'a credit of several artists', 'a credit too long to filter on'])
      expect(PROBES.map((p) => p.name)).toContain(name);
  });

  it('reports an answer that differs from the recorded one, with both answers (exit 1 through the CLI)', { timeout: 60_000 }, async () => {
    const probes = golden.probes as Record<string, string>;
    const altered = { ...probes, 'title and artist (exact)': '{"rows":[]}' };
    const report = await runCheck(options({ golden: altered }));
    const text = formatCheck(report);
    expect(text).toContain('FAIL  title and artist (exact): answered differently from Typesense 0.24.1');
    expect(text).toContain('0.24.1: {"rows":[]}');
    expect(text).toContain('here:   {"rows":["');
    expect(text.split('\n').pop()).toMatch(/^Not ready: 1 problem/);
  });

  it('fails on keys that are missing or too strong, naming trained-index keys', { timeout: 60_000 }, async () => {
    const missing = formatCheck(await runCheck(options({ apiKey: undefined, settingsKey: undefined })));
    expect(missing).toContain("FAIL  TYPESENSE_API_KEY is not set: make the bot's keys with `trained-index keys`");
    expect(missing).toContain('warn  TYPESENSE_SETTINGS_KEY is not set');
    const admin = formatCheck(await runCheck(options({ apiKey: inject('typesense').adminKey })));
    expect(admin).toContain('FAIL  TYPESENSE_API_KEY: not a key this server lists');
    const wrongAlias = await runCli(['check', '--alias', 'no_such_alias_here'], { ...keys });
    expect(wrongAlias.code).toBe(1);
    expect(wrongAlias.stdout).toContain('FAIL  no alias "no_such_alias_here"');
  });
});

describe('what a current release reads otherwise in the parameters sent', () => {
  const sent = (params: Record<string, unknown>) => [{ params, error: undefined }];

  it('difference 2: searches with typos and no max_candidates, on a collection of 500,000 documents or more', () => {
    const fuzzy = { q: 'bohemain', query_by: 'title_norm', num_typos: 2 };
    expect(paramFindings(sent(fuzzy), 499_999)).toEqual([]);
    expect(paramFindings(sent(fuzzy), 500_000)[0]).toMatchObject({ difference: 2, severity: 'warn' });
    expect(paramFindings(sent({ ...fuzzy, max_candidates: 4 }), 21_000_000)).toEqual([]);
    expect(paramFindings(sent({ ...fuzzy, q: '*' }), 21_000_000)).toEqual([]);
  });

  it("difference 2 never warns: every search of the bot's with typos sends max_candidates", async () => {
    const sent: SentSearch[] = [];
    const client = observedClient(
      createTypesenseClient({ nodes: inject('typesense').nodes, apiKey: keys.TYPESENSE_API_KEY ?? '', timeoutMs: 10_000 }),
      sent,
    );
    const search = new TypesenseSearch({ client, collection: fx.alias, infoTtlMs: 0 });
    for (const probe of PROBES) await probe.ask(search).catch(() => undefined);
    // Every kind of search the port sends with typos was among them: fuzzy titles, artists and the autocomplete's track search.
    const typo = sent.filter((s) => s.params.q !== '*' && Number(s.params.num_typos ?? 2) > 0);
    expect(new Set(typo.map((s) => s.params.query_by))).toEqual(new Set(['title_norm', 'artists_norm']));
    expect(typo.some((s) => s.params.prefix === true)).toBe(true);
    expect(paramFindings(sent, 21_200_000).filter((f) => f.difference === 2)).toEqual([]);
  });

  it('differences 3, 4 and 5: over 20 words, a value ending in *, a word over 100 characters', () => {
    const words = Array.from({ length: 21 }, (_, i) => `w${i}`).join(' ');
    expect(paramFindings(sent({ q: words }), 10)[0]).toMatchObject({ difference: 3, severity: 'warn' });
    expect(paramFindings(sent({ q: '*', filter_by: 'platform_ids:=[`fma:12*`]' }), 10)[0]).toMatchObject({
      difference: 4,
      severity: 'fail',
    });
    expect(paramFindings(sent({ q: '*', filter_by: `title_norm:=\`${'x'.repeat(101)}\`` }), 10)[0]).toMatchObject({ difference: 5 });
    expect(paramFindings(sent({ q: '*', filter_by: `title_norm:=\`${'x'.repeat(100)} y*z\`` }), 10)).toEqual([]);
  });

  it('the bot itself sends no value ending in *: the check of the probe searches finds none (difference 4 never fails)', async () => {
    const report = await runCheck(options());
    expect(report.findings.filter((f) => f.message.startsWith('difference 4'))).toEqual([]);
    // The probe aimed at it: the 24-character CJK title (24 words).
    expect(report.findings.filter((f) => f.message.startsWith('difference 3')).length).toBe(1);
    // The 110-letter word's probe no longer puts it in a filter: the title filter asks its hash (title_keys),
    // the same on every version (on 0.24.1 the word itself matched nothing; from 0.25 it is cut to 100 letters).
    expect(report.findings.filter((f) => f.message.startsWith('difference 5'))).toEqual([]);
  });
});
