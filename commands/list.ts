import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { listLookup } from '../src/core/list-lookup.js';

export const list: CommandDeclaration<CommandContext> = {
  name: 'list',
  description: 'Check many songs at once: one "title - artist" or link per line; answers with a CSV.',
  options: [{ name: 'lines', description: 'One "title - artist" or track link per line', type: 'string', required: true, maxLength: 6000 }],
  text: { hint: 'list', rest: 'lines', multiline: true },
  // Typed alone, `list` asks for the lines in a form (Slack's modal, the console's next lines).
  form: {
    title: 'Check a list',
    label: 'Songs or links, one per line',
    hint: 'Title - artist, or a track link. The result is posted here as a summary and a CSV file.',
    placeholder: 'Bohemian Rhapsody - Queen\nhttps://open.spotify.com/track/…',
    submit: 'Check',
    empty: 'Add at least one song or link, one per line.',
  },
  // Where the person could not choose, the summary goes where its CSV file goes: the channel.
  visibility: (_inv, reply) => (reply.tone === 'info' ? 'public' : undefined),
  handle: (inv, ctx) => listLookup(ctx, typeof inv.options.lines === 'string' ? inv.options.lines : ''),
};
