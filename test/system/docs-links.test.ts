/**
 * The README and docs/ hold together: every relative link points at a file inside the
 * repository, every #anchor at a heading that exists (GitHub's heading ids), and the README
 * stays short, with the reliability table (checks 1–28) naming test files that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve('.');
const files = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Text outside fenced code blocks and inline code spans, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, (code) => (code.includes('](') ? '' : code));
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = (text ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map((m) => m[1] ?? '');
}

/** What is wrong with one link of `file`, or undefined. */
function problem(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return target.startsWith('file:') ? 'a file: URL' : undefined;
  const [path = '', anchor] = target.split('#');
  const resolved = path === '' ? resolve(file) : resolve(dirname(file), decodeURIComponent(path));
  const inside = relative(root, resolved);
  if (inside.startsWith('..') || resolve(inside) !== resolved) return 'leaves the repository';
  if (!existsSync(resolved)) return 'no such file';
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith('.md')) return 'an anchor into a file that is not Markdown';
  return headingIds(readFileSync(resolved, 'utf8')).has(anchor) ? undefined : `no heading #${anchor}`;
}

describe('README and docs/', () => {
  it('every relative link reaches a file in the repository, and every anchor a heading', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const target of links(readFileSync(file, 'utf8'))) {
        checked++;
        const why = problem(file, target);
        if (why !== undefined) broken.push(`${file}: (${target}) ${why}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('the checker itself refuses what it should', () => {
    expect(problem('docs/slack.md', '../slack-app-manifest.yml')).toBeUndefined();
    expect(problem('README.md', '../slack-app-manifest.yml')).toBe('leaves the repository');
    expect(problem('README.md', 'docs/nope.md')).toBe('no such file');
    expect(problem('README.md', 'docs/self-hosting.md#walk-through')).toBeUndefined();
    expect(problem('README.md', 'docs/self-hosting.md#walkthrough')).toBe('no heading #walkthrough');
    expect(problem('README.md', 'https://example.org/x')).toBeUndefined();
    expect([...headingIds("## 2. The bot's keys: `trained-index keys`\n## Safety\n## Safety\n")]).toEqual([
      '2-the-bots-keys-trained-index-keys',
      'safety',
      'safety-1',
    ]);
  });

  it('the README is short, says the two commands, and keeps the reliability table 1–28 with test files that exist', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(160);
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
    const rows = [...readme.matchAll(/^\| (\d+) +\| .+\| (.+) \|$/gm)];
    expect(rows.map((r) => Number(r[1]))).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    const named = rows.flatMap((r) => [...(r[2] ?? '').matchAll(/`(test\/[^`]+\.ts)`/g)].map((m) => m[1] ?? ''));
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((f) => !existsSync(join(root, f)))).toEqual([]);
  });
});
