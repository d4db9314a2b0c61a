import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { listLookup } from '../src/core/list-lookup.js';

export const list: CommandDeclaration<CommandContext> = {
  name: 'list',
  description: 'Check many songs at once: one "title - artist" or link per line; answers with a CSV.',
  options: [{ name: 'lines', description: 'One "title - artist" or track link per line', type: 'string', required: true, maxLength: 6000 }],
  handle: (inv, ctx) => listLookup(ctx, typeof inv.options.lines === 'string' ? inv.options.lines : ''),
};
