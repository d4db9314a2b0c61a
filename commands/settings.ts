import type { CommandDeclaration } from '../src/core/commands.js';
import type { CommandContext } from '../src/core/context.js';
import { simpleReply } from '../src/core/replies.js';
import { REPLY_MODES, WORKSPACE_CHANNEL, type PlaceSettings, type ReplyMode } from '../src/settings/store.js';

function describe(s: PlaceSettings): string[] {
  return [
    `auto_reply: ${s.autoReply ? 'on (pasted links are answered)' : 'off (only when asked)'}`,
    `mode: ${s.mode}`,
    `previews: ${s.previews ? 'on' : 'off'}`,
  ];
}

export const settings: CommandDeclaration<CommandContext> = {
  name: 'settings',
  description: 'Show or change how the bot answers in this channel or server (managers only).',
  requiresManager: true,
  options: [
    { name: 'auto_reply', description: 'Answer pasted track links without being asked', type: 'boolean' },
    {
      name: 'mode',
      description: 'How to answer pasted links',
      type: 'string',
      choices: REPLY_MODES.map((m) => ({ name: m, value: m })),
    },
    { name: 'previews', description: 'Link previews (Slack unfurls)', type: 'boolean' },
    {
      name: 'scope',
      description: 'This channel (default) or the whole server/workspace; a channel setting wins over the server one',
      type: 'string',
      choices: [
        { name: 'channel', value: 'channel' },
        { name: 'server', value: 'server' },
      ],
    },
  ],
  // A change is said in the channel where nobody could choose who sees it: on Slack any member
  // may change a channel's settings (like its topic), so everyone should see that it changed.
  visibility: (inv, reply) => (Object.keys(inv.options).length > 0 && reply.tone === 'info' ? 'public' : undefined),
  handle: async (inv, ctx) => {
    const patch: Partial<PlaceSettings> = {};
    const { auto_reply: autoReply, mode, previews, scope } = inv.options;
    if (scope !== undefined && scope !== 'channel' && scope !== 'server') return simpleReply('problem', 'scope must be channel or server.');
    const server = scope === 'server';
    if (server && inv.place.workspaceId === undefined)
      return simpleReply('problem', 'scope:server works only inside a server or workspace.');
    // The whole server is the place whose channel is WORKSPACE_CHANNEL; its channels inherit what they do not set themselves.
    const place = server ? { ...inv.place, channelId: WORKSPACE_CHANNEL, threadId: undefined } : inv.place;
    const where = server ? 'this server' : 'this channel';
    if (typeof autoReply === 'boolean') patch.autoReply = autoReply;
    if (typeof previews === 'boolean') patch.previews = previews;
    if (mode !== undefined) {
      if (typeof mode !== 'string' || !(REPLY_MODES as readonly string[]).includes(mode)) {
        return simpleReply('problem', `mode must be one of ${REPLY_MODES.join(', ')}.`);
      }
      patch.mode = mode as ReplyMode;
    }
    if (Object.keys(patch).length === 0) return simpleReply('info', `Settings for ${where}:`, describe(await ctx.settings.get(place)));
    const now = await ctx.settings.set(place, patch);
    return simpleReply('info', `Settings saved for ${where}:`, describe(now));
  },
};
