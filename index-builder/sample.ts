/**
 * The bundled sample: a few hundred rows in the four datasets' real formats, so the bot
 * answers something on a fresh checkout. `npm start` builds it when the index is empty.
 */
import { fileURLToPath } from 'node:url';
import type { Logger } from '../src/log.js';
import { TRACKS_ALIAS } from '../src/index/schema.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { buildIndex, type BuildReport, type BuildSource } from './build.js';

const dir = (name: string): string => fileURLToPath(new URL(`../sample-data/${name}`, import.meta.url));

export const SAMPLE_SOURCES: BuildSource[] = [
  { dataset: 'laion-disco-12m', location: dir('laion-disco-12m') },
  { dataset: 'sleeping-disco-9m', location: dir('sleeping-disco-9m') },
  { dataset: 'fma', location: dir('fma') },
  { dataset: 'spotify-tracks', location: dir('spotify-tracks') },
];

export async function buildSampleIndex(client: TypesenseClient, log: Logger, alias: string = TRACKS_ALIAS): Promise<BuildReport> {
  return buildIndex({ client, sources: SAMPLE_SOURCES, alias, sample: true, log, progress: false, dropDelayMs: 0 });
}
