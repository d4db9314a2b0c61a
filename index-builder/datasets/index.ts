import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DatasetDescriptor } from './descriptor.js';
import { descriptorProblems } from './descriptor-problems.js';
// Imported (not only read from disk) so that tsc copies them next to the compiled code.
import fma from './fma.json' with { type: 'json' };
import laion from './laion-disco-12m.json' with { type: 'json' };
import jamendo from './mtg-jamendo.json' with { type: 'json' };
import musiccaps from './musiccaps.json' with { type: 'json' };
import sleeping from './sleeping-disco-9m.json' with { type: 'json' };
import spotify from './spotify-tracks.json' with { type: 'json' };

export type { DatasetDescriptor } from './descriptor.js';
export { datasetInfo, rowKeyPlatform } from './descriptor.js';

/** The directory holding one `<id>.json` descriptor per dataset. */
export const DESCRIPTOR_DIR = fileURLToPath(new URL('.', import.meta.url));

const BUNDLED: readonly [string, unknown][] = [
  ['fma.json', fma],
  ['laion-disco-12m.json', laion],
  ['mtg-jamendo.json', jamendo],
  ['musiccaps.json', musiccaps],
  ['sleeping-disco-9m.json', sleeping],
  ['spotify-tracks.json', spotify],
];

export class DescriptorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DescriptorError';
  }
}

function checked(file: string, value: unknown): DatasetDescriptor {
  const problems = descriptorProblems(value);
  if (problems.length > 0) throw new DescriptorError(`dataset descriptor ${file}: ${problems.join('; ')}`);
  const descriptor = value as DatasetDescriptor;
  if (`${descriptor.id}.json` !== file) throw new DescriptorError(`dataset descriptor ${file} has id "${descriptor.id}"`);
  return descriptor;
}

async function fromDirectory(dir: string): Promise<DatasetDescriptor[]> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.json')).sort();
  const out: DatasetDescriptor[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(`${dir}/${file}`, 'utf8'));
    } catch (err) {
      throw new DescriptorError(`dataset descriptor ${file} is not valid JSON: ${(err as Error).message}`);
    }
    out.push(checked(file, value));
  }
  return out;
}

/**
 * The bundled descriptors, plus every `<id>.json` in this directory and in `extraDir`
 * (a descriptor there with a bundled id replaces it), sorted by id. Throws DescriptorError
 * naming the file.
 */
export async function loadDescriptors(extraDir?: string): Promise<DatasetDescriptor[]> {
  const byId = new Map<string, DatasetDescriptor>();
  for (const [file, value] of BUNDLED) byId.set(checked(file, value).id, value as DatasetDescriptor);
  for (const d of await fromDirectory(DESCRIPTOR_DIR)) byId.set(d.id, d);
  if (extraDir !== undefined) {
    const extra = await fromDirectory(extraDir);
    if (extra.length === 0) throw new DescriptorError(`no dataset descriptor (*.json) in ${extraDir}`);
    for (const d of extra) byId.set(d.id, d);
  }
  // Typesense drops the dashes of a value it indexes or filters by: "ab-c" and "a-bc" would be one dataset to every search.
  const byWord = new Map<string, string>();
  for (const id of byId.keys()) {
    const other = byWord.get(id.replace(/-/g, ''));
    if (other !== undefined)
      throw new DescriptorError(`dataset ids "${other}" and "${id}" differ only in dashes, which Typesense ignores: rename one`);
    byWord.set(id.replace(/-/g, ''), id);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The descriptor with this id, or undefined. */
export async function descriptorFor(id: string, extraDir?: string): Promise<DatasetDescriptor | undefined> {
  return (await loadDescriptors(extraDir)).find((d) => d.id === id);
}
