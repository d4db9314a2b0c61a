/**
 * Issue 12: the matching evaluation's recall and claim precision per kind (test/eval/),
 * on fixtures in the publishers' layouts built by the real index-builder. With
 * EVAL_BASELINE=<checkout of an older commit> (node_modules linked in), that commit's
 * builder and core answer the same labelled queries in the same run, printed beside.
 * `npm run bench -- eval`
 */
import { resolve } from 'node:path';
import { CASES } from '../test/eval/cases.js';
import { evalIndex, precision, recall, runEval, THIS_CHECKOUT, type EvalReport } from '../test/eval/run.js';
import type { BenchContext } from './run.js';

const pct = (x: number): string => x.toFixed(3);

async function score(ctx: BenchContext, root: string, name: string): Promise<EvalReport> {
  const index = await evalIndex(root, { nodes: ctx.typesense.nodes, adminKey: ctx.typesense.adminKey }, `bench_eval_${name}_${Date.now()}`);
  try {
    return await runEval(index.answer);
  } finally {
    await index.drop();
  }
}

export default async function evaluation(ctx: BenchContext): Promise<void> {
  const baselineDir = process.env.EVAL_BASELINE;
  const now = await score(ctx, THIS_CHECKOUT, 'now');
  const before = baselineDir === undefined ? undefined : await score(ctx, `${resolve(baselineDir)}/`, 'baseline');
  console.log(
    `${CASES.length} labelled queries over the four datasets' published layouts` +
      (before === undefined ? '' : `; baseline: ${baselineDir ?? ''}`),
  );
  console.log(`kind        cases | ${before === undefined ? '' : 'before recall  precision | '}now recall     precision`);
  const kinds: (keyof EvalReport)[] = ['link', 'order', 'credits', 'alt-title', 'title-only', 'outcomes', 'all'];
  for (const kind of kinds) {
    const k = now[kind];
    const b = before?.[kind];
    const cell = (s: typeof k): string =>
      `${pct(recall(s))} (${s.returned}/${s.expected})`.padEnd(16) + `${pct(precision(s))} (${s.rightClaims}/${s.claims})`.padEnd(18);
    console.log(`${kind.padEnd(11)} ${String(k.cases).padStart(5)} | ${b === undefined ? '' : `${cell(b)}| `}${cell(k)}`);
  }
  const misses = now.all.failures;
  if (misses.length > 0) console.log(`now, wrong or missed:\n  ${misses.join('\n  ')}`);
}
