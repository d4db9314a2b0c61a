/**
 * The check of a parsed descriptor file, kept apart from the shape it checks (descriptor.ts):
 * only datasets/index.ts runs it, when it loads a file, and it reads the JSON as unknown
 * values, not as the typed descriptor the builder uses.
 */
import type { Platform } from '../../src/index/schema.js';
import { PLATFORMS } from './descriptor.js';

const isColumnRef = (v: unknown): boolean =>
  (typeof v === 'string' && v !== '') || (Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && c !== ''));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A column reference, alone or as `{ column, optional }`. */
function columnProblems(where: string, v: unknown, problems: string[]): void {
  const ref = isObject(v) ? v.column : v;
  if (!isColumnRef(ref)) problems.push(`"${where}" must name a column (a name or a list of candidate names)`);
  if (isObject(v) && v.optional !== undefined && typeof v.optional !== 'boolean')
    problems.push(`"${where}.optional" must be true or false`);
}

function mappingProblems(mapping: Record<string, unknown>, problems: string[]): void {
  if (!isColumnRef(mapping.rowKey)) problems.push('"mapping.rowKey" must name a column');
  if (mapping.rowKeyPattern !== undefined && !PLATFORMS.includes(mapping.rowKeyPattern as Platform))
    problems.push(`"mapping.rowKeyPattern" must be one of ${PLATFORMS.join(', ')}`);
  const titleOptional = isObject(mapping.title) && mapping.title.optional === true;
  if (mapping.title === undefined) problems.push('"mapping.title" is missing');
  else {
    if (!(titleOptional && isObject(mapping.title) && mapping.title.column === undefined))
      columnProblems('mapping.title', mapping.title, problems);
    if (titleOptional && !Array.isArray(mapping.platformIds))
      problems.push('"mapping.title.optional" needs "mapping.platformIds": a row without a title is answered by link only');
    const from = isObject(mapping.title) ? mapping.title.fromLink : undefined;
    if (from !== undefined && (!isObject(from) || typeof from.column !== 'string' || from.platform !== 'genius'))
      problems.push('"mapping.title.fromLink" must be { "column": NAME, "platform": "genius" }');
  }
  if (mapping.artists === undefined) {
    if (!titleOptional) problems.push('"mapping.artists.column" is missing');
  } else {
    const specs = Array.isArray(mapping.artists) ? mapping.artists : [mapping.artists];
    if (specs.length === 0) problems.push('"mapping.artists" must name at least one column');
    specs.forEach((s: unknown, i) => {
      const where = Array.isArray(mapping.artists) ? `mapping.artists[${i}]` : 'mapping.artists';
      if (!isObject(s) || s.column === undefined) problems.push(`"${where}.column" is missing`);
      else columnProblems(where, s, problems);
      if (isObject(s) && s.separator !== undefined && (typeof s.separator !== 'string' || s.separator === ''))
        problems.push(`"${where}.separator" must be a non-empty string`);
    });
  }
  if (mapping.album !== undefined) columnProblems('mapping.album', mapping.album, problems);
  if (mapping.duration !== undefined) {
    const d = mapping.duration;
    if (!isObject(d) || !isColumnRef(d.column) || (d.unit !== 's' && d.unit !== 'ms'))
      problems.push('"mapping.duration" must be { "column": NAME, "unit": "s" or "ms" }');
  }
  if (mapping.url !== undefined && typeof mapping.url !== 'string') problems.push('"mapping.url" must be a template string');
  if (mapping.platformIds !== undefined) {
    if (!Array.isArray(mapping.platformIds)) problems.push('"mapping.platformIds" must be a list');
    else
      mapping.platformIds.forEach((p: unknown, i) => {
        if (!isObject(p) || !PLATFORMS.includes(p.platform as Platform) || typeof p.column !== 'string' || p.column === '')
          problems.push(`"mapping.platformIds[${i}]" must be { "platform": ${PLATFORMS.join('|')}, "column": NAME }`);
        else if (p.from !== undefined && p.from !== 'id' && p.from !== 'link')
          problems.push(`"mapping.platformIds[${i}].from" must be "id" or "link"`);
        else if (p.pattern !== undefined && !oneGroupPattern(p.pattern))
          problems.push(`"mapping.platformIds[${i}].pattern" must be a regular expression with one capture group`);
      });
  }
  if (mapping.clip !== undefined) {
    const c = mapping.clip;
    if (!isObject(c) || !isColumnRef(c.start) || !isColumnRef(c.end) || typeof c.start !== 'string' || typeof c.end !== 'string')
      problems.push('"mapping.clip" must be { "start": NAME, "end": NAME } (seconds)');
  }
}

function oneGroupPattern(pattern: unknown): boolean {
  if (typeof pattern !== 'string' || pattern.length > 200) return false;
  try {
    return new RegExp(`${pattern}|`).exec('')?.length === 2;
  } catch {
    return false;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HTTPS = /^https:\/\/[^\s]+$/;

/** Each route names where the publisher documents it and when that was read; nothing else is shown. */
function contactProblems(contacts: unknown, problems: string[]): void {
  if (!Array.isArray(contacts)) {
    problems.push('"contacts" must be a list');
    return;
  }
  contacts.forEach((c: unknown, i) => {
    const where = `contacts[${i}]`;
    if (!isObject(c)) return void problems.push(`"${where}" must be an object`);
    if (!['issue-tracker', 'email', 'form', 'page'].includes(String(c.kind)))
      problems.push(`"${where}.kind" must be issue-tracker, email, form or page`);
    if (typeof c.url !== 'string' || !(HTTPS.test(c.url) || /^mailto:[^\s@]+@[^\s@]+$/.test(c.url)))
      problems.push(`"${where}.url" must be an https URL or a mailto: address`);
    if (typeof c.source !== 'string' || !HTTPS.test(c.source))
      problems.push(`"${where}.source" must be the https URL where the publisher documents this route`);
    if (typeof c.checked !== 'string' || !DAY.test(c.checked) || Number.isNaN(Date.parse(c.checked)))
      problems.push(`"${where}.checked" must be the day it was read there (YYYY-MM-DD)`);
    if (c.note !== undefined && (typeof c.note !== 'string' || c.note.length > 120)) problems.push(`"${where}.note" must be a short text`);
  });
}

/** Checks a parsed JSON value; returns the problems instead of throwing. */
export function descriptorProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return ['not an object'];
  const v = value;
  for (const key of ['id', 'name', 'publisher', 'licence', 'homepage', 'version', 'description']) {
    if (typeof v[key] !== 'string' || v[key] === '') problems.push(`"${key}" must be a non-empty string`);
  }
  if (typeof v.id === 'string' && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(v.id))
    problems.push('"id" must be lower-case letters, digits and dashes');
  if (typeof v.claimedRows !== 'number' || !Number.isInteger(v.claimedRows) || v.claimedRows < 0) {
    problems.push('"claimedRows" must be a whole number');
  }
  const format = v.format as { type?: unknown; maxCellLines?: unknown; trailing?: unknown } | undefined;
  if (!['csv', 'tsv', 'jsonl', 'parquet'].includes(String(format?.type))) problems.push('"format.type" must be csv, tsv, jsonl or parquet');
  if (format?.trailing !== undefined && (format.type !== 'tsv' || typeof format.trailing !== 'string' || format.trailing === ''))
    problems.push('"format.trailing" names a column of a tsv file');
  const cellLines = format?.maxCellLines;
  if (cellLines !== undefined && (typeof cellLines !== 'number' || !Number.isInteger(cellLines) || cellLines < 0))
    problems.push('"format.maxCellLines" must be a whole number');
  if (!isObject(v.mapping)) problems.push('"mapping" is missing');
  else mappingProblems(v.mapping, problems);
  if (v.contacts !== undefined) contactProblems(v.contacts, problems);
  if (v.verified !== undefined && !(Array.isArray(v.verified) && v.verified.every((x) => typeof x === 'string' && x !== '')))
    problems.push('"verified" must be a list of texts');
  return problems;
}
