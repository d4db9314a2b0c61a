import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { albumLookup } from '../src/core/album-lookup.js';
import { cleanText } from '../src/core/song-lookup.js';

export const album: CommandDeclaration<CommandContext> = {
  name: 'album',
  description: 'Which songs of an album are in the datasets: rows per dataset, titles present, and a CSV.',
  options: [
    { name: 'album', description: 'Album title', type: 'string', required: true, maxLength: 300 },
    {
      name: 'artist',
      description: 'Artist name (tells releases of the same title apart)',
      type: 'string',
      autocomplete: 'artist',
      maxLength: 200,
    },
  ],
  // `album:<title> artist:<name>`, or `album <title>`; the title is the rest of the line.
  text: { hint: 'album:<title> artist:<name>', rest: 'album' },
  handle: (inv, ctx) => {
    const artist = cleanText(inv.options.artist, 200);
    return albumLookup(ctx, { album: cleanText(inv.options.album), artist: artist === '' ? undefined : artist });
  },
};
