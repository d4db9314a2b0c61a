import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { artistExport, artistReply } from '../src/core/artist-lookup.js';
import { cleanText } from '../src/core/song-lookup.js';

export const artist: CommandDeclaration<CommandContext> = {
  name: 'artist',
  description: "How much of an artist's catalogue the datasets hold.",
  options: [{ name: 'name', description: 'Artist name', type: 'string', required: true, autocomplete: 'artist', maxLength: 200 }],
  handle: (inv, ctx) => artistReply(ctx, cleanText(inv.options.name, 200)),
};

export { artistExport };
