/**
 * Smaller holes an outside audit found (issue 13, item 6): what listens where, what a
 * health probe costs, and configuration that used to be accepted silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { checkAddress } from '../../src/net/address-policy.js';
import { silentLogger } from '../../src/log.js';
import { startOpsServer } from '../../src/ops/http.js';
import { createMetrics, instrumentSearch } from '../../src/ops/metrics.js';
import { fixtureIndex, type FixtureIndex } from '../helpers/typesense.js';

let fx: FixtureIndex;
beforeAll(async () => {
  fx = await fixtureIndex([{ dataset: 'fma', rowKey: '2', title: 'Food', artists: ['AWOL'] }]);
});
afterAll(async () => {
  await fx.drop();
});

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a configuration error');
}

describe('/healthz and /metrics', () => {
  it('listen on loopback unless METRICS_HOST says otherwise', async () => {
    expect(loadConfig({ METRICS_PORT: '9100' }).metricsHost).toBe('127.0.0.1');
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' }).metricsHost).toBe('0.0.0.0');
    const metrics = createMetrics({ nodes: [] });
    const ops = await startOpsServer({ port: 0, search: fx.search, metrics, log: silentLogger });
    try {
      expect(ops.host).toBe('127.0.0.1');
    } finally {
      await ops.close();
    }
  });

  it('answers a burst of health probes with one index query, and asks again after a few seconds', async () => {
    const metrics = createMetrics({ nodes: [] });
    const search = instrumentSearch(fx.search, metrics);
    let clock = 1_000_000;
    const ops = await startOpsServer({ port: 0, search, metrics, log: silentLogger, now: () => clock });
    const indexCalls = async (): Promise<number> =>
      (await metrics.registry.getSingleMetric('trained_search_calls_total')?.get())?.values.find((v) => v.labels.method === 'indexInfo')
        ?.value ?? 0;
    try {
      const statuses = await Promise.all(
        Array.from({ length: 30 }, () => fetch(`http://127.0.0.1:${ops.port}/healthz`).then((r) => r.status)),
      );
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`http://127.0.0.1:${ops.port}/healthz`)).status);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(await indexCalls()).toBe(1);
      clock += 10_000;
      expect((await fetch(`http://127.0.0.1:${ops.port}/healthz`)).status).toBe(200);
      expect(await indexCalls()).toBe(2);
    } finally {
      await ops.close();
    }
  });
});

describe('configuration refuses what it used to drop silently', () => {
  it('refuses user:password@ in TYPESENSE_URL without echoing the password', () => {
    const message = configError({ TYPESENSE_URL: 'http://bot:hunter2-secret@127.0.0.1:8108', TYPESENSE_API_KEY: 'k' });
    expect(message).toContain('TYPESENSE_URL must not carry user:password@');
    expect(message).not.toContain('hunter2-secret');
  });

  it('refuses a TYPESENSE_URL with a path the client would drop', () => {
    expect(configError({ TYPESENSE_URL: 'http://127.0.0.1:8108/typesense', TYPESENSE_API_KEY: 'k' })).toContain('TYPESENSE_URL');
  });

  it.each(['../keys', 'a/b', 'tracks?x=1', '.hidden', 'a b', 'x'.repeat(65), 'tracks%2F..'])('refuses the alias name %s', (alias) => {
    expect(configError({ TYPESENSE_ALIAS: alias })).toContain('TYPESENSE_ALIAS must be a name');
  });

  it.each(['tracks', 'tracks_staging', 'tracks-2026.11'])('accepts the alias name %s', (alias) => {
    expect(loadConfig({ TYPESENSE_ALIAS: alias }).typesense.alias).toBe(alias);
  });

  it('reads SLACK_HOST for the Slack receiver (all interfaces when unset, for a proxy in front)', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
    expect(loadConfig(base).slack?.host).toBeUndefined();
    expect(loadConfig({ ...base, SLACK_HOST: '127.0.0.1' }).slack?.host).toBe('127.0.0.1');
  });
});

describe('the outbound address check', () => {
  it('calls ::1 loopback, not "IPv4-compatible"', () => {
    for (const literal of ['::1', '[::1]', '0:0:0:0:0:0:0:1']) {
      const verdict = checkAddress(literal);
      expect(verdict.ok).toBe(false);
      expect(verdict.ok ? '' : verdict.reason).toMatch(/is loopback/);
    }
    // The rule that used to claim ::1 still holds for the deprecated IPv4-compatible form.
    expect(checkAddress('::7f00:1')).toEqual({ ok: false, reason: '::7f00:1 is an IPv4-compatible IPv6 address, not a public address' });
  });
});
