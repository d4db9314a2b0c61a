import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { simpleReply } from '../src/core/replies.js';
import { indexDate, sentence, NOT_TRAINING_CLAIM, sampleNotes } from '../src/core/wording.js';

export const about: CommandDeclaration<CommandContext> = {
  name: 'about',
  description: 'Which datasets are indexed: versions, row counts and the build date.',
  options: [],
  handle: async (_inv, ctx) => {
    const info = await ctx.search.indexInfo();
    if (info === undefined) return simpleReply('info', 'No index has been built yet. Run trained-index build to fill it.');
    const body: string[] = [];
    for (const d of info.datasets) {
      body.push(
        `${d.name} (${d.id}): ${d.rows.toLocaleString('en-US')} rows indexed of ${d.claimedRows.toLocaleString('en-US')} published.`,
      );
      body.push(
        `    ${sentence(d.description)} Publisher: ${sentence(d.publisher)} Licence: ${sentence(d.licence)} Version: ${sentence(d.version)} ${d.homepage}`,
      );
    }
    const total = info.datasets.reduce((n, d) => n + d.rows, 0);
    return {
      ...simpleReply(
        'info',
        `${info.datasets.length} datasets, ${total.toLocaleString('en-US')} rows, indexed on ${indexDate(info)}.`,
        body,
      ),
      notes: [NOT_TRAINING_CLAIM, ...sampleNotes(info)],
    };
  },
};
