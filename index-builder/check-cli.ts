/** `trained-index check` on the command line: the report as text (or JSON), exit 1 when anything failed. */
import Typesense from 'typesense';
import type { TypesenseConfig, TypesenseNode } from '../src/config.js';
import type { Logger } from '../src/log.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { BuildError } from './build-error.js';
import { runCheck as check, type CheckReport } from './check/check.js';
import golden from './check/golden-0.24.1.json' with { type: 'json' };

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

export function formatCheck(r: CheckReport): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    lines.push(`${MARK[f.severity]}  ${f.message}`);
    for (const d of f.detail ?? []) lines.push(`        ${d}`);
  }
  const failed = r.findings.filter((f) => f.severity === 'fail').length;
  const warned = r.findings.filter((f) => f.severity === 'warn').length;
  lines.push(
    failed === 0
      ? `Ready: nothing refused, every answer as on 0.24.1${warned > 0 ? ` (${warned} warning${warned > 1 ? 's' : ''})` : ''}.`
      : `Not ready: ${failed} problem${failed > 1 ? 's' : ''}${warned > 0 ? `, ${warned} warning${warned > 1 ? 's' : ''}` : ''}.`,
  );
  return lines.join('\n');
}

export interface CheckCliOptions {
  admin: TypesenseClient;
  config: TypesenseConfig;
  alias: string;
  json: boolean;
  log: Logger;
  out: { write(text: string): unknown };
  /** Replaces the recorded 0.24.1 answers (tests of the check itself). */
  golden?: Readonly<Record<string, string>>;
}

export async function runCheck(o: CheckCliOptions): Promise<number> {
  const report = await check({
    admin: o.admin,
    nodes: o.config.nodes ?? [],
    alias: o.alias,
    apiKey: o.config.apiKey,
    settingsKey: o.config.settingsKey,
    timeoutMs: Math.max(o.config.timeoutMs, 10_000),
    log: o.log,
    golden: o.golden ?? golden.probes,
  });
  o.out.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCheck(report)}\n`);
  return report.findings.some((f) => f.severity === 'fail') ? 1 : 0;
}

/** Typesense's answer to an admin request, as one line naming the variable or the server. */
export function adminFault(err: unknown, nodes: readonly TypesenseNode[]): unknown {
  const where = nodes.map((n) => `${n.protocol}://${n.host}:${n.port}`).join(',');
  if (err instanceof Typesense.Errors.RequestUnauthorized || (err instanceof Typesense.Errors.HTTPError && err.httpStatus === 403))
    return new BuildError(`the server at ${where} refused TYPESENSE_ADMIN_KEY`);
  if (err instanceof Typesense.Errors.TypesenseError || !(err instanceof Error) || err instanceof BuildError) return err;
  if (
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timeout|socket hang up|ECONNRESET|EHOSTUNREACH/i.test(
      `${err.message} ${String((err as { code?: unknown }).code)}`,
    )
  )
    return new BuildError(`cannot reach Typesense at ${where} (${err.message.split('\n')[0] ?? ''})`);
  return err;
}
