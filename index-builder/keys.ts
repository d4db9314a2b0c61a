/**
 * `trained-index keys`: the two keys the bot runs with, made with the admin key — a
 * search-only key on the alias (TYPESENSE_API_KEY) and a key for the settings collection
 * (TYPESENSE_SETTINGS_KEY) — printed as `.env` lines or written into a file with every other
 * line kept. Written into a file whose keys still work, nothing changes (so compose's
 * one-shot `setup` service can run on every `up`); `--rotate` makes new ones and deletes the
 * ones they replace. Only keys this command made (by their description) are ever deleted.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse as parseDotenv } from 'dotenv';
import { KEY_VARIABLES } from '../src/config.js';
import { suggestAlias } from '../src/index/schema.js';
import { createSettingsKey, ensureSettingsCollection, SETTINGS_COLLECTION } from '../src/settings/typesense-store.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { createSearchKey } from './collection.js';

export const SEARCH_KEY_DESCRIPTION = 'trained bot (search only)';
export const SETTINGS_KEY_DESCRIPTION = 'trained bot (settings only)';

type KeyVariable = (typeof KEY_VARIABLES)[number];

/** What a key of each variable must be: its description, actions and collections. */
export function expectedScope(variable: KeyVariable, alias: string): { description: string; actions: string[]; collections: string[] } {
  return variable === 'TYPESENSE_API_KEY'
    ? { description: SEARCH_KEY_DESCRIPTION, actions: ['documents:search', 'documents:get'], collections: [alias, suggestAlias(alias)] }
    : {
        description: SETTINGS_KEY_DESCRIPTION,
        actions: ['documents:get', 'documents:upsert', 'documents:create', 'documents:update', 'documents:search'],
        collections: [SETTINGS_COLLECTION],
      };
}

/** A key as GET /keys lists it: the value is never returned, only its first characters. */
export interface KeyMeta {
  id: number;
  value_prefix?: string;
  description?: string;
  actions: string[];
  collections: string[];
  expires_at?: number;
}

export async function listKeys(admin: TypesenseClient): Promise<KeyMeta[]> {
  return (await admin.keys().retrieve()).keys as KeyMeta[];
}

/** The key a value belongs to, when exactly one listed key starts with its prefix. */
export function keyOf(keys: readonly KeyMeta[], value: string | undefined): KeyMeta | undefined {
  if (value === undefined || value.length < 4) return undefined;
  const found = keys.filter((k) => k.value_prefix !== undefined && value.startsWith(k.value_prefix));
  return found.length === 1 ? found[0] : undefined;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/** Why the key is not what the bot should hold, or undefined when it is. */
export function scopeProblem(meta: KeyMeta | undefined, variable: KeyVariable, alias: string, nowSec: number): string | undefined {
  if (meta === undefined) return 'not a key this server lists (its bootstrap admin key, or one deleted or made elsewhere)';
  const want = expectedScope(variable, alias);
  if (meta.expires_at !== undefined && meta.expires_at > 0 && meta.expires_at < nowSec) return 'expired';
  if (!sameSet(meta.actions, want.actions)) return `actions are ${meta.actions.join(', ')} (want ${want.actions.join(', ')})`;
  if (!sameSet(meta.collections, want.collections))
    return `collections are ${meta.collections.join(', ')} (want ${want.collections.join(', ')})`;
  return undefined;
}

/** FILE's lines with the given variables set: lines already naming them are replaced in place, others kept as they are. */
export function mergeEnvLines(text: string, values: Readonly<Record<string, string>>, stamp: string): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const done = new Set<string>();
  const out = lines.map((line) => {
    const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    const value = name === undefined ? undefined : values[name];
    if (name === undefined || value === undefined || done.has(name)) return line;
    done.add(name);
    return `${name}=${value}`;
  });
  const missing = Object.entries(values).filter(([name]) => !done.has(name));
  if (missing.length > 0) out.push(`# Written by trained-index keys, ${stamp}`, ...missing.map(([n, v]) => `${n}=${v}`));
  return `${out.join('\n')}\n`;
}

export interface KeysOptions {
  admin: TypesenseClient;
  alias: string;
  /** --write FILE: read the current keys from it and write the new ones into it. */
  file: string | undefined;
  rotate: boolean;
  /** Keys currently in use when no file is given (the environment's), for --rotate. */
  current: Partial<Record<KeyVariable, string>>;
  now?: () => Date;
}

export interface KeysResult {
  /** The .env lines of both keys (new or kept). */
  values: Record<KeyVariable, string>;
  made: KeyVariable[];
  kept: KeyVariable[];
  /** Keys deleted because new ones replaced them (--rotate, or no longer fit). */
  deleted: number;
  /** Why each replaced key was replaced. */
  reasons: string[];
}

export async function makeKeys(opts: KeysOptions): Promise<KeysResult> {
  const { admin, alias } = opts;
  const now = opts.now ?? (() => new Date());
  const keys = await listKeys(admin);
  await ensureSettingsCollection(admin);
  const text = opts.file === undefined ? undefined : await readFile(opts.file, 'utf8').catch(() => '');
  const inUse: Partial<Record<KeyVariable, string>> = text === undefined ? opts.current : parseDotenv(text);
  const result: KeysResult = { values: { TYPESENSE_API_KEY: '', TYPESENSE_SETTINGS_KEY: '' }, made: [], kept: [], deleted: 0, reasons: [] };
  const replaced: KeyMeta[] = [];
  for (const variable of KEY_VARIABLES) {
    const value = inUse[variable]?.trim() || undefined;
    const meta = keyOf(keys, value);
    const problem = value === undefined ? 'none yet' : scopeProblem(meta, variable, alias, now().getTime() / 1000);
    // Without a file, there is nothing to keep: the lines printed are new keys.
    if (problem === undefined && !opts.rotate && opts.file !== undefined && value !== undefined) {
      result.values[variable] = value;
      result.kept.push(variable);
      continue;
    }
    if (value !== undefined)
      result.reasons.push(`${variable}: ${opts.rotate && problem === undefined ? 'rotated' : (problem ?? 'replaced')}`);
    result.values[variable] =
      variable === 'TYPESENSE_API_KEY' ? await createSearchKey(admin, [alias], SEARCH_KEY_DESCRIPTION) : await createSettingsKey(admin);
    result.made.push(variable);
    // Never delete a key this command did not make (an admin key pasted into the file, say).
    if (meta !== undefined && meta.description === expectedScope(variable, alias).description && (opts.rotate || opts.file !== undefined))
      replaced.push(meta);
  }
  if (opts.file !== undefined && text !== undefined && result.made.length > 0) {
    const fresh = text === '';
    await writeFile(opts.file, mergeEnvLines(text, result.values, now().toISOString()), fresh ? { mode: 0o600 } : {});
  }
  // The new keys are in place before the old ones go: a bot restarted in between has working keys.
  for (const meta of replaced) {
    await admin.keys(meta.id).delete();
    result.deleted++;
  }
  return result;
}
