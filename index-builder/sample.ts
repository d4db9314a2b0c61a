/**
 * The bundled sample: a few hundred rows in the four datasets' real formats, so the bot
 * answers something on a fresh checkout. `npm start` builds it when the index is empty.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../src/log.js';
import { TRACKS_ALIAS } from '../src/index/schema.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { buildIndex, type BuildReport, type BuildSource } from './build.js';

// From source: index-builder/ → ../sample-data; compiled: dist/index-builder/ → ../../sample-data.
const root = fileURLToPath(
  new URL(
    existsSync(fileURLToPath(new URL('../sample-data', import.meta.url))) ? '../sample-data/' : '../../sample-data/',
    import.meta.url,
  ),
);
const dir = (name: string): string => `${root}${name}`;

export const SAMPLE_SOURCES: BuildSource[] = [
  { dataset: 'laion-disco-12m', location: dir('laion-disco-12m') },
  { dataset: 'sleeping-disco-9m', location: dir('sleeping-disco-9m') },
  { dataset: 'fma', location: dir('fma') },
  { dataset: 'spotify-tracks', location: dir('spotify-tracks') },
];

export async function buildSampleIndex(client: TypesenseClient, log: Logger, alias: string = TRACKS_ALIAS): Promise<BuildReport> {
  return buildIndex({ client, sources: SAMPLE_SOURCES, alias, sample: true, log, progress: false, dropDelayMs: 0 });
}
