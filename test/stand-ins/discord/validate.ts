/**
 * The Discord REST stand-in's gatekeeper: for each request, the answer Discord gives a body it
 * refuses (400 Invalid Form Body, 400 already acknowledged, 413 too large), or undefined when the
 * request may go on to its normal answer. Which rules apply depends on the route, as on Discord.
 * Interaction callback types and their order: discord/discord-api-docs
 * docs/interactions/receiving-and-responding.mdx ("Interaction Callback Type": UPDATE_MESSAGE and
 * DEFERRED_UPDATE_MESSAGE only for components, APPLICATION_COMMAND_AUTOCOMPLETE_RESULT only for
 * autocomplete, at most 25 choices; an interaction is answered once).
 * Thread names: docs/resources/channel.mdx ("Start Thread from Message": name 1-100 characters).
 */
import { InteractionResponseType, InteractionType, RESTJSONErrorCodes, SlashCommandStringOption } from 'discord.js';
import { entityTooLarge, FormErrors, invalidFormBody } from './form-errors.js';
import type { CannedResponse, RecordedRequest } from './rest.js';
import { validateCommands } from './validate-commands.js';
import {
  CHANNEL_MESSAGE_FLAGS,
  DEFAULT_FILE_LIMIT,
  DEFERRAL_FLAGS,
  EMPTY_MESSAGE,
  filesFit,
  INTERACTION_MESSAGE_FLAGS,
  validateMessage,
} from './validate-message.js';

/** docs/resources/channel.mdx, Start Thread from Message. */
export const THREAD_NAME_MAX = 100;

/** What the stand-in told discord.js about an interaction it dispatched. */
export interface InteractionRecord {
  type: InteractionType;
  /** `attachment_size_limit` as sent in the interaction. */
  attachmentSizeLimit: number;
  acknowledged: boolean;
}

const COMPONENT_ONLY: ReadonlySet<number> = new Set([InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage]);

function refuse(errors: FormErrors): CannedResponse | undefined {
  if (errors.empty) return undefined;
  if (errors.list.length === 1 && errors.list[0]?.code === EMPTY_MESSAGE) {
    return { status: 400, body: { code: RESTJSONErrorCodes.CannotSendAnEmptyMessage, message: 'Cannot send an empty message' } };
  }
  return { status: 400, body: invalidFormBody(errors.list) };
}

function interactionCallback(req: RecordedRequest, record: InteractionRecord | undefined): CannedResponse | undefined {
  const body = (req.body ?? {}) as { type?: unknown; data?: unknown };
  if (record?.acknowledged === true) {
    return {
      status: 400,
      body: { code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, message: 'Interaction has already been acknowledged.' },
    };
  }
  const errors = new FormErrors();
  const type = body.type;
  if (typeof type !== 'number' || !Object.values(InteractionResponseType).includes(type)) {
    errors.add(['type'], 'ENUM_TYPE_COERCE', `Value "${String(type)}" is not a valid enum value.`);
    return refuse(errors);
  }
  const autocomplete = record?.type === InteractionType.ApplicationCommandAutocomplete;
  const component = record?.type === InteractionType.MessageComponent;
  if (record !== undefined) {
    const answersAutocomplete = type === InteractionResponseType.ApplicationCommandAutocompleteResult;
    if (answersAutocomplete !== autocomplete || (COMPONENT_ONLY.has(type) && !component)) {
      errors.add(['type'], 'INTERACTION_CALLBACK_TYPE_INVALID', `Callback type ${type} is not valid for interaction type ${record.type}`);
    }
  }
  const data = body.data;
  if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage) {
    const rules = { allowedFlags: INTERACTION_MESSAGE_FLAGS, requireContent: type === InteractionResponseType.ChannelMessageWithSource };
    validateMessage(data, req.files, rules, errors.at(['data']));
  } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
    const flags = (data as { flags?: unknown } | undefined)?.flags;
    if (flags !== undefined && (typeof flags !== 'number' || (flags & ~DEFERRAL_FLAGS) !== 0))
      errors.add(['data', 'flags'], 'MESSAGE_FLAGS_INVALID', 'Only EPHEMERAL');
  } else if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    const choices = (data as { choices?: unknown } | undefined)?.choices;
    // The builders' choice validator (name 1-100, value 1-100 or a number) and count (at most 25).
    errors.check(['data', 'choices'], () => new SlashCommandStringOption().addChoices(...(choices as { name: string; value: string }[])));
  }
  const refused = refuse(errors);
  if (refused !== undefined) return refused;
  if (!filesFit(req.files, record?.attachmentSizeLimit ?? DEFAULT_FILE_LIMIT)) return { status: 413, body: entityTooLarge() };
  if (record !== undefined) record.acknowledged = true;
  return undefined;
}

/**
 * The answer Discord would give instead of accepting `req`, or undefined when it accepts it.
 * `interactions` maps interaction tokens to what was dispatched.
 */
export function refusalFor(req: RecordedRequest, interactions: ReadonlyMap<string, InteractionRecord>): CannedResponse | undefined {
  const { method, path } = req;
  let m: RegExpExecArray | null;
  if (method === 'POST' && (m = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(path)) !== null) {
    return interactionCallback(req, interactions.get(m[1] ?? ''));
  }
  if (
    (method === 'PATCH' || method === 'POST') &&
    (m = /^\/webhooks\/\d+\/([^/]+)(?:\/messages\/(?:@original|\d+))?$/.exec(path)) !== null
  ) {
    const errors = new FormErrors();
    // An edit may change one field; a follow-up is a new message. Flags of an edit are not checked: it keeps the original's.
    validateMessage(req.body, req.files, { requireContent: method === 'POST' }, errors);
    const refused = refuse(errors);
    if (refused !== undefined) return refused;
    const limit = interactions.get(m[1] ?? '')?.attachmentSizeLimit ?? DEFAULT_FILE_LIMIT;
    return filesFit(req.files, limit) ? undefined : { status: 413, body: entityTooLarge() };
  }
  if (method === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) {
    const errors = new FormErrors();
    validateMessage(req.body, req.files, { allowedFlags: CHANNEL_MESSAGE_FLAGS, requireContent: true }, errors);
    return refuse(errors) ?? (filesFit(req.files, DEFAULT_FILE_LIMIT) ? undefined : { status: 413, body: entityTooLarge() });
  }
  if (method === 'POST' && /^\/channels\/\d+\/messages\/\d+\/threads$/.test(path)) {
    const errors = new FormErrors();
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name.length < 1 || name.length > THREAD_NAME_MAX) {
      errors.add(['name'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${THREAD_NAME_MAX} in length.`);
    }
    return refuse(errors);
  }
  if (method === 'PUT' && /^\/applications\/\d+\/(?:guilds\/\d+\/)?commands$/.test(path)) {
    const errors = new FormErrors();
    validateCommands(req.body, errors);
    return refuse(errors);
  }
  return undefined;
}
