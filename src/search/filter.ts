/**
 * User and dataset text that reaches Typesense. `filter_by` values go in backticks with
 * backticks and the boolean operators removed, so no value can end the quoted string or
 * join another clause; `q` is clamped because nothing the bot asks needs more, and GET
 * query strings past ~4,000 characters fail.
 */
export const MAX_QUERY_CHARS = 200;

/** What `clean` removes or replaces; most values hold none of it. */
const UNSAFE = /[`&|]/;

function clean(value: string): string {
  if (!UNSAFE.test(value)) return value.trim();
  return value.replace(/`/g, '').replace(/&&/g, ' ').replace(/\|\|/g, ' ').trim();
}

/**
 * From Typesense 26.0 (27.0 after `:=`, and inside `[…]` lists) a value ending in `*` is a
 * prefix filter, backticks or not, and no escape exists (typesense.md, "what differs" 4).
 * Such a value (an FMA path from a pasted URL may end in `*`) is never sent: it cannot be
 * asked exactly on every version, so it is not asked at all.
 */
export function askable(value: string): boolean {
  return !clean(value).endsWith('*');
}

/**
 * Stands in for a clause whose every value was refused: no document holds it, and it is
 * not a prefix anywhere, so the clause matches nothing on 0.24.1 and on current releases alike.
 */
export const NO_VALUE = 'trained-refused-value';

export function filterValue(value: string): string {
  return `\`${askable(value) ? clean(value) : NO_VALUE}\``;
}

/** `field:=[`a`,`b`]` — exact match on any of the values; values that cannot be asked exactly are left out. */
export function exactAny(field: string, values: readonly string[]): string {
  const asked = values.filter(askable);
  return `${field}:=[${(asked.length > 0 ? asked : [NO_VALUE]).map(filterValue).join(',')}]`;
}

export function exactOne(field: string, value: string): string {
  return `${field}:=${filterValue(value)}`;
}

export function clampQuery(q: string, max = MAX_QUERY_CHARS): string {
  if (q.length <= max) return q;
  const chars = [...q];
  if (chars.length <= max) return q;
  // Cut at the last space before the limit, so a token is not halved (a halved token only adds typos).
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return space > max / 2 ? cut.slice(0, space) : cut;
}
