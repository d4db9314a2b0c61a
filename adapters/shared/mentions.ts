/**
 * Nothing the bot sends may ping anyone: no @everyone/@here, users, roles, nor the replied-to
 * author. One setting, in the API's shape (what the renderers put in every payload) and in
 * discord.js's option shape (what every send passes), so the two cannot drift apart.
 */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], replied_user: false });
export const NO_MENTIONS_OPTION = Object.freeze({ parse: NO_MENTIONS.parse, repliedUser: NO_MENTIONS.replied_user });

/** Slack: a posted message never unfurls the dataset links it prints (and no `link_names` is ever sent). */
export const NO_UNFURLS = Object.freeze({ unfurl_links: false, unfurl_media: false });
