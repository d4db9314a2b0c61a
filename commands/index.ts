/**
 * Every command, in the order help lists them. The Discord adapter registers /trained with
 * one subcommand per declaration, and the Slack manifest is generated from the same list.
 */
import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { about } from './about.js';
import { album } from './album.js';
import { artist } from './artist.js';
import { help } from './help.js';
import { link } from './link.js';
import { list } from './list.js';
import { settings } from './settings.js';
import { song } from './song.js';

export type { CommandContext };
export type Command = CommandDeclaration<CommandContext>;

export const COMMANDS: readonly Command[] = [song, link, album, artist, list, about, help, settings];

export { DATASET_CHOICES } from './song.js';
