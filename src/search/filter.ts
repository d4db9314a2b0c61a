/**
 * User and dataset text that reaches Typesense. `filter_by` values go in backticks with
 * backticks and the boolean operators removed, so no value can end the quoted string or
 * join another clause; `q` is clamped because nothing the bot asks needs more, and GET
 * query strings past ~4,000 characters fail.
 */
export const MAX_QUERY_CHARS = 200;

export function filterValue(value: string): string {
  const clean = value.replace(/`/g, '').replace(/&&/g, ' ').replace(/\|\|/g, ' ').trim();
  return `\`${clean}\``;
}

/** `field:=[`a`,`b`]` — exact match on any of the values. */
export function exactAny(field: string, values: readonly string[]): string {
  return `${field}:=[${values.map(filterValue).join(',')}]`;
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
