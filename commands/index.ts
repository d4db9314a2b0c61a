/**
 * Every command, in the order help lists them: the registry main.ts passes to createBot.
 * Discord registers /trained with one subcommand per declaration, and the Slack manifest,
 * the text parser and help are generated from the same list.
 */
import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { createTextParser } from '../src/core/text-invocation.js';
import { about } from './about.js';
import { album } from './album.js';
import { artist } from './artist.js';
import { help } from './help.js';
import { link } from './link.js';
import { list } from './list.js';
import { settings } from './settings.js';
import { song } from './song.js';

export type Command = CommandDeclaration<CommandContext>;

export const COMMANDS: readonly Command[] = [song, link, album, artist, list, about, help, settings];

/** The text form of these commands (Slack's `/trained <text>`, the console). */
export const parseTextInvocation = createTextParser(COMMANDS);
