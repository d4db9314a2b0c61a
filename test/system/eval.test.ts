/**
 * The matching evaluation (issue 12): labelled queries over fixtures in the publishers'
 * file layouts, built by the real index-builder and answered by `trained lookup`'s core.
 * Fails below recall 0.95 or claim precision 0.99 in any kind; `npm run bench -- eval`
 * prints the same figures, beside an older commit's when EVAL_BASELINE names a checkout.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CASES, type Kind } from '../eval/cases.js';
import { evalIndex, precision, recall, runEval, THIS_CHECKOUT, type EvalReport } from '../eval/run.js';
import { uniqueName } from '../helpers/typesense.js';

const KINDS: Kind[] = ['link', 'order', 'credits', 'alt-title', 'title-only', 'outcomes'];
let report: EvalReport;
let drop: () => Promise<void>;

beforeAll(async () => {
  const { nodes, adminKey } = inject('typesense');
  const index = await evalIndex(THIS_CHECKOUT, { nodes, adminKey }, uniqueName('eval'));
  drop = index.drop;
  report = await runEval(index.answer);
}, 120_000);
afterAll(async () => {
  await drop?.();
});

describe('the matching evaluation', () => {
  it('covers every kind of failure the issue lists, with enough cases each', () => {
    for (const kind of KINDS) expect(CASES.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(6);
  });

  it.each(KINDS)('%s: recall at least 0.95 and claim precision at least 0.99', (kind) => {
    const k = report[kind];
    const why = k.failures.join('\n');
    expect(recall(k), why).toBeGreaterThanOrEqual(0.95);
    expect(precision(k), why).toBeGreaterThanOrEqual(0.99);
    // Every kind makes claims that could be wrong: the figures measure something.
    expect(k.claims).toBeGreaterThan(k.cases);
  });
});
