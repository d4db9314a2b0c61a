import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { descriptorProblems, type DatasetDescriptor } from './descriptor.js';

export type { DatasetDescriptor } from './descriptor.js';
export { datasetInfo } from './descriptor.js';

/** The directory holding one `<id>.json` descriptor per dataset. */
export const DESCRIPTOR_DIR = fileURLToPath(new URL('.', import.meta.url));

export class DescriptorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DescriptorError';
  }
}

/** Every descriptor in `dir` (default: the bundled ones), sorted by id. Throws DescriptorError naming the file. */
export async function loadDescriptors(dir: string = DESCRIPTOR_DIR): Promise<DatasetDescriptor[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const out: DatasetDescriptor[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(`${dir}/${file}`, 'utf8'));
    } catch (err) {
      throw new DescriptorError(`dataset descriptor ${file} is not valid JSON: ${(err as Error).message}`);
    }
    const problems = descriptorProblems(value);
    if (problems.length > 0) throw new DescriptorError(`dataset descriptor ${file}: ${problems.join('; ')}`);
    const descriptor = value as DatasetDescriptor;
    if (`${descriptor.id}.json` !== file) throw new DescriptorError(`dataset descriptor ${file} has id "${descriptor.id}"`);
    out.push(descriptor);
  }
  return out;
}

/** The descriptor with this id, or undefined. */
export async function descriptorFor(id: string, dir?: string): Promise<DatasetDescriptor | undefined> {
  return (await loadDescriptors(dir)).find((d) => d.id === id);
}
