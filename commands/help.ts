import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { simpleReply } from '../src/core/replies.js';
import { platformList } from '../src/links/platform-names.js';

/** Every line is generated: the commands from their declarations, the platforms from src/links/platform-names.ts. */
export const help: CommandDeclaration<CommandContext> = {
  name: 'help',
  description: 'How to use Trained.',
  options: [],
  handle: (_inv, ctx) => {
    const body = [
      ...ctx.commands.map((c) => `/trained ${c.name}: ${c.description}${c.requiresManager === true ? ' (server/workspace managers)' : ''}`),
      '',
      `Typed as text (Slack, the console): ${ctx.commands.map((c) => c.hint).join(' · ')}.`,
      `Paste a track link to check it (${platformList('and')}).`,
      `Put ${ctx.skipKeyword} in a message to keep the bot out of it.`,
      'A match says which dataset row holds the song and how sure it is: same platform id, same title and artist, the same title with no artist given (add the artist), or only a similar title.',
      'Type "title - artist" or "artist - title": both are tried.',
    ];
    return Promise.resolve(simpleReply('info', 'Trained tells you whether a song appears in public AI-music training datasets.', body));
  },
};
