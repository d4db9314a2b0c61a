/**
 * What Discord accepts in a message body (interaction responses, edits of them, channel
 * messages). Field limits are checked by discord.js's own validators from @discordjs/builders
 * (EmbedAssertions, ComponentAssertions, embedLength, createComponentBuilder), so the numbers are
 * theirs. Rules the builders do not carry are written out here, each with its published source in
 * discord/discord-api-docs:
 * - docs/resources/message.mdx, "Create Message": content up to 2000 characters, up to 10 embeds,
 *   the flags a message may set, and at least one of content, embeds, components or files.
 * - docs/resources/message.mdx, "Embed Limits": at most 6000 characters across a message's
 *   embeds, measured after leading and trailing whitespace is trimmed.
 * - docs/interactions/receiving-and-responding.mdx, "Interaction Callback Data Structure": the
 *   flags an interaction response may set; a deferral may set only EPHEMERAL.
 * - docs/components/reference.mdx: up to 5 action rows of up to 5 buttons, `custom_id` unique
 *   within a message.
 * - each file within the upload limit: an interaction states its own in `attachment_size_limit`
 *   (discord-api-types APIBaseInteraction: "Attachment size limit in bytes"); 10 MiB without
 *   server boosts otherwise (Discord support article 213247207, "My files are too powerful").
 */
import {
  AllowedMentionsTypes,
  ComponentAssertions,
  ComponentType,
  createComponentBuilder,
  EmbedAssertions,
  embedLength,
  MessageFlags,
} from 'discord.js';
import type { APIEmbed } from 'discord.js';
import type { FieldPath, FormErrors } from './form-errors.js';

/** docs/resources/message.mdx, Create Message JSON params. */
export const MESSAGE_CONTENT_MAX = 2000;
export const EMBEDS_PER_MESSAGE_MAX = 10;
/** docs/resources/message.mdx, Embed Limits: all embeds of a message together. */
export const EMBED_TOTAL_MAX = 6000;
/** docs/components/reference.mdx (legacy action rows). */
export const ACTION_ROWS_MAX = 5;
export const BUTTONS_PER_ROW_MAX = 5;
/** Per-file limit without server boosts (Discord support article 213247207). */
export const DEFAULT_FILE_LIMIT = 10 * 1024 * 1024;

/** Create Message: "only SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_VOICE_MESSAGE, and IS_COMPONENTS_V2 can be set". */
export const CHANNEL_MESSAGE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsVoiceMessage | MessageFlags.IsComponentsV2;
/** Interaction callback data: the same plus EPHEMERAL. */
export const INTERACTION_MESSAGE_FLAGS = CHANNEL_MESSAGE_FLAGS | MessageFlags.Ephemeral;
/** A deferred channel message: "the only valid message flag you may use is EPHEMERAL". */
export const DEFERRAL_FLAGS = MessageFlags.Ephemeral;

/** Discord answers an empty message with its own JSON code (50006), not as a form error. */
export const EMPTY_MESSAGE = 'CANNOT_SEND_EMPTY_MESSAGE';

export interface MessageRules {
  /** Flags this route accepts; undefined: not checked (edits keep the message's flags). */
  allowedFlags?: number | undefined;
  /** New messages need something to show; edits may change one field. */
  requireContent: boolean;
}

export interface SentFile {
  field: string;
  size: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Discord trims leading and trailing whitespace before it measures (Embed Limits). */
function trimmed(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

function validateEmbed(embed: unknown, path: FieldPath, errors: FormErrors): void {
  if (!isObject(embed)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Embed must be an object');
    return;
  }
  const { titlePredicate, descriptionPredicate, colorPredicate, urlPredicate, embedFieldsArrayPredicate, validateFieldLength } =
    EmbedAssertions;
  if (embed['title'] !== undefined) errors.check([...path, 'title'], () => titlePredicate.parse(trimmed(embed['title'])));
  if (embed['description'] !== undefined)
    errors.check([...path, 'description'], () => descriptionPredicate.parse(trimmed(embed['description'])));
  if (embed['color'] !== undefined) errors.check([...path, 'color'], () => colorPredicate.parse(embed['color']));
  if (embed['url'] !== undefined) errors.check([...path, 'url'], () => urlPredicate.parse(embed['url']));
  const footer = embed['footer'];
  if (footer !== undefined) {
    if (isObject(footer)) {
      errors.check([...path, 'footer', 'text'], () => EmbedAssertions.footerTextPredicate.parse(trimmed(footer['text'])));
    } else errors.add([...path, 'footer'], 'MODEL_TYPE_CONVERT', 'Footer must be an object');
  }
  const author = embed['author'];
  if (isObject(author)) errors.check([...path, 'author', 'name'], () => EmbedAssertions.authorNamePredicate.parse(trimmed(author['name'])));
  const fields = embed['fields'];
  if (fields === undefined) return;
  if (!Array.isArray(fields)) {
    errors.add([...path, 'fields'], 'MODEL_TYPE_CONVERT', 'Fields must be an array');
    return;
  }
  errors.check([...path, 'fields'], () => validateFieldLength(0, fields as APIEmbed['fields']));
  for (const [i, field] of fields.entries()) {
    const f = isObject(field) ? field : {};
    const at = [...path, 'fields', i];
    errors.check(at, () =>
      embedFieldsArrayPredicate.parse([{ name: trimmed(f['name']), value: trimmed(f['value']), inline: f['inline'] }]),
    );
    // Stricter than Discord is reported to be (discord.js#10744: empty names are accepted since
    // 2024, but Discord documents no such promise): a name that trims to nothing shows a blank
    // header, which reads as a rendering fault, so Trained never sends one.
    if (typeof f['name'] === 'string' && f['name'].trim() === '') {
      errors.add([...at, 'name'], 'TRAINED_BLANK_FIELD_NAME', 'Field name is empty once Discord trims its whitespace');
    }
  }
}

function validateEmbeds(embeds: unknown, errors: FormErrors): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.add(['embeds'], 'MODEL_TYPE_CONVERT', 'Embeds must be an array');
    return;
  }
  if (embeds.length > EMBEDS_PER_MESSAGE_MAX)
    errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${EMBEDS_PER_MESSAGE_MAX} or fewer in length.`);
  for (const [i, embed] of embeds.entries()) validateEmbed(embed, ['embeds', i], errors);
  // embedLength is discord.js's own count (title, description, field names and values, footer, author).
  const total = embeds.filter(isObject).reduce((sum: number, e) => sum + embedLength(trimmedEmbed(e)), 0);
  if (total > EMBED_TOTAL_MAX) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${EMBED_TOTAL_MAX}`);
}

function trimmedEmbed(e: Record<string, unknown>): APIEmbed {
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);
  const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
  const out: APIEmbed = {};
  const title = text(e['title']);
  const description = text(e['description']);
  const footer = text(obj(e['footer'])['text']);
  const author = text(obj(e['author'])['name']);
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  if (footer !== undefined) out.footer = { text: footer };
  if (author !== undefined) out.author = { name: author };
  if (Array.isArray(e['fields']))
    out.fields = e['fields'].map(obj).map((f) => ({ name: text(f['name']) ?? '', value: text(f['value']) ?? '' }));
  return out;
}

function validateComponents(components: unknown, errors: FormErrors): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.add(['components'], 'MODEL_TYPE_CONVERT', 'Components must be an array');
    return;
  }
  if (components.length > ACTION_ROWS_MAX)
    errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${ACTION_ROWS_MAX} or fewer in length.`);
  const seen = new Set<string>();
  for (const [r, row] of components.entries()) {
    const rowPath = ['components', r];
    if (!isObject(row) || row['type'] !== ComponentType.ActionRow || !Array.isArray(row['components'])) {
      errors.add(rowPath, 'UNION_TYPE_CHOICES', 'Top-level components must be action rows');
      continue;
    }
    if (row['components'].length > BUTTONS_PER_ROW_MAX)
      errors.add([...rowPath, 'components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${BUTTONS_PER_ROW_MAX} or fewer in length.`);
    // The builder validates the required combination of fields (style, label or emoji, custom_id or url).
    errors.check(rowPath, () => createComponentBuilder(row as never).toJSON());
    for (const [c, component] of row['components'].entries()) {
      if (!isObject(component) || component['type'] !== ComponentType.Button) continue;
      const at = [...rowPath, 'components', c];
      errors.check([...at, 'style'], () => ComponentAssertions.buttonStyleValidator.parse(component['style']));
      if (component['label'] !== undefined)
        errors.check([...at, 'label'], () => ComponentAssertions.buttonLabelValidator.parse(component['label']));
      const id = component['custom_id'];
      if (id === undefined) continue;
      errors.check([...at, 'custom_id'], () => ComponentAssertions.customIdValidator.parse(id));
      if (typeof id === 'string' && seen.has(id))
        errors.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      if (typeof id === 'string') seen.add(id);
    }
  }
}

function validateAllowedMentions(value: unknown, errors: FormErrors): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    errors.add(['allowed_mentions'], 'MODEL_TYPE_CONVERT', 'Must be an object');
    return;
  }
  const parse = value['parse'];
  const known: readonly string[] = Object.values(AllowedMentionsTypes);
  if (parse !== undefined && (!Array.isArray(parse) || parse.some((p) => typeof p !== 'string' || !known.includes(p)))) {
    errors.add(['allowed_mentions', 'parse'], 'ENUM_TYPE_COERCE', `Values must be among ${known.join(', ')}`);
  }
  if (value['replied_user'] !== undefined && typeof value['replied_user'] !== 'boolean') {
    errors.add(['allowed_mentions', 'replied_user'], 'BASE_TYPE_BOOLEAN', 'Must be a boolean');
  }
}

/** Form errors of one message body; empty when Discord would take it. */
export function validateMessage(body: unknown, files: readonly SentFile[], rules: MessageRules, errors: FormErrors): void {
  if (!isObject(body)) {
    if (rules.requireContent || body !== undefined) errors.add([], 'MODEL_TYPE_CONVERT', 'Body must be a JSON object');
    return;
  }
  const content = body['content'];
  if (content !== undefined && content !== null) {
    if (typeof content !== 'string') errors.add(['content'], 'BASE_TYPE_STRING', 'Must be a string');
    else if (content.length > MESSAGE_CONTENT_MAX)
      errors.add(['content'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MESSAGE_CONTENT_MAX} or fewer in length.`);
  }
  validateEmbeds(body['embeds'], errors);
  validateComponents(body['components'], errors);
  validateAllowedMentions(body['allowed_mentions'], errors);
  const flags = body['flags'];
  if (flags !== undefined && rules.allowedFlags !== undefined) {
    if (typeof flags !== 'number' || !Number.isInteger(flags) || (flags & ~rules.allowedFlags) !== 0) {
      errors.add(['flags'], 'MESSAGE_FLAGS_INVALID', `Only flags ${rules.allowedFlags} may be set here`);
    }
  }
  if (rules.requireContent) {
    const has = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) && v.length > 0);
    if (!has(content) && !has(body['embeds']) && !has(body['components']) && files.length === 0) {
      errors.add([], EMPTY_MESSAGE, 'Cannot send an empty message');
    }
  }
}

/** True when every file fits the upload limit (else Discord answers 413, code 40005). */
export function filesFit(files: readonly SentFile[], limit: number): boolean {
  return files.every((f) => f.size <= limit);
}
