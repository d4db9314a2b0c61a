/**
 * Reliability check 5: a 100 KB adversarial message is scanned for links in under 50 ms,
 * and no ReDoS-prone URL regex package is in the dependency tree. The time is CPU time of
 * this process (best of three), so other processes loading the machine do not move it,
 * while a scanner that backtracks on any input below takes seconds.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../src/links/extract.js';

const BOUND_MS = 50;

const ADVERSARIAL: [string, string][] = [
  ['repeated schemes', 'https://'.repeat(12_800)],
  ['repeated short hosts', 'youtu.be/'.repeat(11_400)],
  ['a query of empty pairs', `https://youtube.com/watch?${'v=&'.repeat(34_000)}`],
  ['one 100 KB word', 'h'.repeat(100_000)],
  ['colons', 'a:'.repeat(50_000)],
  ['nested parentheses', `https://x.com/${'('.repeat(50_000)}${')'.repeat(50_000)}`],
  ['3,500 real links', 'https://youtu.be/dQw4w9WgXcQ '.repeat(3_500)],
  ['a URI scheme of colons', `spotify:${':'.repeat(100_000)}`],
  ['dotted labels (url-regex ReDoS shape)', `http://${'a.'.repeat(50_000)}`],
  ['dashes in a host', `https://${'a-'.repeat(50_000)}!`],
  ['percent signs', `https://youtu.be/${'%'.repeat(100_000)}`],
  ['userinfo-looking text', `https://${'a:b@'.repeat(25_000)}`],
  ['mixed brackets and quotes', `<https://a.b/${'"]>)'.repeat(25_000)}`],
  ['unicode hosts', `https://${'ü.'.repeat(50_000)}`],
];

function cpuMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('link scanning of hostile messages', () => {
  it.each(ADVERSARIAL)(`scans %s (100 KB) in under ${BOUND_MS} ms of CPU`, (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(90_000);
    const ms = cpuMs(() => extractLinks(text));
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

/**
 * URL-matching packages with published ReDoS reports and no fix: url-regex (every version;
 * kevva/url-regex#70, #74), url-regexp (gajus/url-regexp#8), urlregex (nescalante/urlregex#6);
 * get-urls before 10.0 depends on url-regex.
 */
const REDOS_PRONE = ['url-regex', 'url-regexp', 'urlregex'];

describe('the dependency tree', () => {
  it('holds no ReDoS-prone URL regex package, at any depth', async () => {
    const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> };
    const installed = Object.entries(lock.packages)
      .filter(([path]) => path.includes('node_modules/'))
      .map(([path, meta]) => ({
        name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
        version: meta.version ?? '',
      }));
    expect(installed.length).toBeGreaterThan(100);
    const bad = installed.filter((p) => REDOS_PRONE.includes(p.name) || (p.name === 'get-urls' && Number(p.version.split('.')[0]) < 10));
    expect(bad).toEqual([]);
  });
});
