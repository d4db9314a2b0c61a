import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { ARTIST_ACTION_CODE, artistExport, artistReply } from '../src/core/artist-lookup.js';
import { cleanText } from '../src/core/song-lookup.js';

export const artist: CommandDeclaration<CommandContext> = {
  name: 'artist',
  description: "How much of an artist's catalogue the datasets hold.",
  options: [{ name: 'name', description: 'Artist name', type: 'string', required: true, autocomplete: 'artist', maxLength: 200 }],
  text: { hint: 'artist <name>', aliases: { artist: 'name' }, rest: 'name' },
  handle: (inv, ctx) => artistReply(ctx, cleanText(inv.options.name, 200)),
  onAction: {
    code: ARTIST_ACTION_CODE,
    run: (kind, fields, ctx) => {
      const [name] = fields;
      if (fields.length !== 1 || name === undefined || name === '') return undefined;
      return kind === 'export' ? artistExport(ctx, name) : artistReply(ctx, name);
    },
  },
};
