import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { answerLinks } from '../src/core/link-reply.js';
import { notReadyReply, simpleReply } from '../src/core/replies.js';
import { extractLinks } from '../src/links/extract.js';
import { platformList } from '../src/links/platform-names.js';

export const link: CommandDeclaration<CommandContext> = {
  name: 'link',
  description: 'Check a track, album, playlist or artist link (YouTube, Spotify, Apple Music, Deezer, Bandcamp, …).',
  options: [{ name: 'url', description: 'A track, album, playlist or artist link', type: 'string', required: true, maxLength: 2000 }],
  text: { hint: 'a track link', aliases: { link: 'url' }, rest: 'url', bare: 'link' },
  handle: async (inv, ctx) => {
    const text = typeof inv.options.url === 'string' ? inv.options.url : '';
    const links = extractLinks(text, 1);
    if (links.length === 0) {
      return simpleReply('problem', `That isn't a track link I recognise. Try a ${platformList('or')} link, or /trained song:<title>.`);
    }
    return (await answerLinks(ctx, links)) ?? notReadyReply();
  },
};
