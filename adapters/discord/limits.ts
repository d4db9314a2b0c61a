/**
 * Discord's documented limits (discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * …/interactions/message-components, …/application-commands). Discord answers 400 when any is
 * exceeded, so the renderer and the registration builder check every one of them.
 * Lengths are counted in UTF-16 code units, which is never less than Discord's count.
 */
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_MAX = 2048;
/** Sum of title, description, field names and values, footer text and author name across a message's embeds. */
export const EMBED_TOTAL_MAX = 6000;

export const MESSAGE_CONTENT_MAX = 2000;
export const BUTTONS_PER_ROW_MAX = 5;
export const ACTION_ROWS_MAX = 5;
export const BUTTON_LABEL_MAX = 80;
export const CUSTOM_ID_MAX = 100;
export const THREAD_NAME_MAX = 100;
/**
 * Per-file upload limit without server boosts (Discord support article 213247207). Every
 * interaction states its own in `attachment_size_limit` (discord-api-types APIBaseInteraction);
 * this is the fallback.
 */
export const FILE_SIZE_DEFAULT_MAX = 10 * 1024 * 1024;

export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const AUTOCOMPLETE_CHOICE_MAX = 100;

export const COMMAND_NAME_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 100;
export const COMMAND_OPTIONS_MAX = 25;
export const OPTION_CHOICES_MAX = 25;
export const OPTION_STRING_MAX_LENGTH = 6000;

/** Discord waits this long for the first response to an interaction (reply, defer or autocomplete result). */
export const INTERACTION_ACK_WINDOW_MS = 3000;
/** An interaction token (follow-ups, edits of the original response) is valid this long. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
