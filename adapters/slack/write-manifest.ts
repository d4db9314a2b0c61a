/** Writes slack-app-manifest.yml from the command declarations: `npx tsx adapters/slack/write-manifest.ts`. */
import { writeFile } from 'node:fs/promises';
import { COMMANDS } from '../../commands/index.js';
import { manifestYaml } from './manifest.js';

await writeFile(new URL('../../slack-app-manifest.yml', import.meta.url), manifestYaml(COMMANDS));
