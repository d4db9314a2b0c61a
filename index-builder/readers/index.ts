import type { DatasetDescriptor } from '../datasets/descriptor.js';
import type { Input } from '../sources.js';
import { openCsv } from './csv.js';
import { openJsonl } from './jsonl.js';
import { openParquet } from './parquet.js';
import type { OpenedFile } from './types.js';

export { loadJoin } from './csv.js';
export { Malformed, type OpenedFile } from './types.js';

export function openFile(descriptor: DatasetDescriptor, input: Input): Promise<OpenedFile> {
  const format = descriptor.format;
  switch (format.type) {
    case 'parquet':
      return openParquet(input);
    case 'jsonl':
      return openJsonl(input);
    case 'csv':
      return openCsv(input, format);
  }
}
