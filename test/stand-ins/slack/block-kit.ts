/**
 * What Slack accepts as Block Kit, for the block types Trained sends (section, context, actions
 * with buttons, input with a plain-text input, divider, header) on three surfaces: messages
 * (chat.postMessage, response_url, the slash command's ack), link unfurls and modals. Slack
 * answers a refused surface with `invalid_blocks` (modals: `invalid_arguments`) and one message
 * per problem, `[ERROR] <what> [json-pointer:<where>]`; so does this stand-in.
 *
 * Every number is Slack's published one, from the comments of @slack/types (slackapi/node-slack-sdk
 * packages/types 3.2.0 as installed with Bolt 5, and 2.22 alike: block-kit/blocks.d.ts,
 * block-elements.d.ts, composition-objects.d.ts, extensions.d.ts, views.d.ts), which quote the
 * Block Kit reference on docs.slack.dev:
 * - messages hold up to 50 blocks, modals up to 100 (docs.slack.dev/reference/block-kit/blocks; views.d.ts);
 * - block_id up to 255 characters, unique in a message (blocks.d.ts Block);
 * - a text object's text is 1 to 3000 characters (composition-objects.d.ts; section text in blocks.d.ts);
 * - section fields: up to 10, each up to 2000 (blocks.d.ts SectionBlock);
 * - context: up to 10 elements (ContextBlock); actions: up to 25 elements (ActionsBlock);
 * - button text up to 75, value up to 2000, url up to 3000 (block-elements.d.ts Button);
 * - action_id up to 255 and unique among the action_ids of its block (extensions.d.ts Action);
 * - input label and hint up to 2000 (InputBlock); placeholder up to 150 (Placeholdable);
 *   plain_text_input min_length/max_length up to 3000 (PlainTextInput);
 * - a modal's title, submit and close up to 24, submit required with an input block, callback_id
 *   up to 255, private_metadata up to 3000 (views.d.ts ModalView).
 */

export type Surface = 'message' | 'unfurl' | 'modal';

export interface BlockProblem {
  pointer: string;
  message: string;
}

export const MAX_BLOCKS: Record<Surface, number> = { message: 50, unfurl: 50, modal: 100 };
export const LIMITS = {
  blockId: 255,
  text: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  label: 2000,
  placeholder: 150,
  inputLength: 3000,
  modalTitle: 24,
  callbackId: 255,
  privateMetadata: 3000,
} as const;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Problems {
  readonly list: BlockProblem[] = [];
  add(pointer: string, message: string): void {
    this.list.push({ pointer, message });
  }
  maxLength(pointer: string, value: unknown, max: number): void {
    if (typeof value !== 'string') this.add(pointer, 'must be a string');
    else if (value.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
  }
}

/** A text object: plain_text or mrkdwn, 1 to `max` characters; `emoji` only on plain_text, `verbatim` only on mrkdwn. */
function textObject(p: Problems, at: string, value: unknown, max: number, types: readonly string[] = ['plain_text', 'mrkdwn']): void {
  if (!isObject(value)) {
    p.add(at, 'must be a text object');
    return;
  }
  const type = value['type'];
  if (typeof type !== 'string' || !types.includes(type)) p.add(`${at}/type`, `must be one of ${types.join(', ')}`);
  if (type === 'mrkdwn' && 'emoji' in value) p.add(`${at}/emoji`, 'is not allowed on mrkdwn text');
  if (type === 'plain_text' && 'verbatim' in value) p.add(`${at}/verbatim`, 'is not allowed on plain_text');
  const text = value['text'];
  if (typeof text !== 'string') p.add(`${at}/text`, 'must be a string');
  else if (text.length === 0) p.add(`${at}/text`, 'must be more than 0 characters');
  else if (text.length > max) p.add(`${at}/text`, `must be less than ${max + 1} characters`);
  // Stricter than Slack documents: text of only spaces shows an empty line, so Trained never sends it.
  else if (text.trim() === '') p.add(`${at}/text`, 'must hold more than whitespace (Trained rule)');
}

function button(p: Problems, at: string, el: Json): void {
  textObject(p, `${at}/text`, el['text'], LIMITS.buttonText, ['plain_text']);
  if (el['value'] !== undefined) p.maxLength(`${at}/value`, el['value'], LIMITS.buttonValue);
  if (el['url'] !== undefined) p.maxLength(`${at}/url`, el['url'], LIMITS.url);
  if (el['style'] !== undefined && el['style'] !== 'primary' && el['style'] !== 'danger') p.add(`${at}/style`, 'must be primary or danger');
}

/** Interactive elements of one block: known types, and action_ids within 255 and unique in the block. */
function element(p: Problems, at: string, el: unknown, actionIds: Set<string>): void {
  if (!isObject(el)) {
    p.add(at, 'must be an element object');
    return;
  }
  if (el['action_id'] !== undefined) {
    p.maxLength(`${at}/action_id`, el['action_id'], LIMITS.actionId);
    if (typeof el['action_id'] === 'string') {
      if (actionIds.has(el['action_id'])) p.add(`${at}/action_id`, 'must be unique within the block');
      actionIds.add(el['action_id']);
    }
  }
  if (el['type'] === 'button') button(p, at, el);
  else if (el['type'] === 'plain_text_input') {
    if (el['placeholder'] !== undefined) textObject(p, `${at}/placeholder`, el['placeholder'], LIMITS.placeholder, ['plain_text']);
    for (const key of ['min_length', 'max_length'] as const) {
      const n = el[key];
      if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > LIMITS.inputLength)) {
        p.add(`${at}/${key}`, `must be an integer from 0 to ${LIMITS.inputLength}`);
      }
    }
  } else p.add(`${at}/type`, `element type ${String(el['type'])} is not modelled by the stand-in`);
}

function block(p: Problems, at: string, b: unknown, surface: Surface, blockIds: Set<string>): void {
  if (!isObject(b)) {
    p.add(at, 'must be a block object');
    return;
  }
  const id = b['block_id'];
  if (id !== undefined) {
    p.maxLength(`${at}/block_id`, id, LIMITS.blockId);
    if (typeof id === 'string' && blockIds.has(id)) p.add(`${at}/block_id`, 'must be unique');
    if (typeof id === 'string') blockIds.add(id);
  }
  const actionIds = new Set<string>();
  switch (b['type']) {
    case 'section': {
      const fields = b['fields'];
      if (b['text'] === undefined && fields === undefined) p.add(at, 'must provide text or fields');
      if (b['text'] !== undefined) textObject(p, `${at}/text`, b['text'], LIMITS.text);
      if (fields !== undefined) {
        if (!Array.isArray(fields) || fields.length === 0 || fields.length > LIMITS.fields)
          p.add(`${at}/fields`, `must hold 1 to ${LIMITS.fields} items`);
        else fields.forEach((f, i) => textObject(p, `${at}/fields/${i}`, f, LIMITS.fieldText));
      }
      if (b['accessory'] !== undefined) element(p, `${at}/accessory`, b['accessory'], actionIds);
      return;
    }
    case 'context': {
      const els = b['elements'];
      if (!Array.isArray(els) || els.length === 0 || els.length > LIMITS.contextElements)
        p.add(`${at}/elements`, `must hold 1 to ${LIMITS.contextElements} items`);
      else els.forEach((e, i) => textObject(p, `${at}/elements/${i}`, e, LIMITS.text));
      return;
    }
    case 'actions': {
      const els = b['elements'];
      if (!Array.isArray(els) || els.length === 0 || els.length > LIMITS.actionsElements)
        p.add(`${at}/elements`, `must hold 1 to ${LIMITS.actionsElements} items`);
      else els.forEach((e, i) => element(p, `${at}/elements/${i}`, e, actionIds));
      return;
    }
    case 'input': {
      if (surface !== 'modal') p.add(`${at}/type`, 'input blocks belong in modals and Home tabs');
      textObject(p, `${at}/label`, b['label'], LIMITS.label, ['plain_text']);
      if (b['hint'] !== undefined) textObject(p, `${at}/hint`, b['hint'], LIMITS.label, ['plain_text']);
      element(p, `${at}/element`, b['element'], actionIds);
      return;
    }
    case 'header':
      textObject(p, `${at}/text`, b['text'], 150, ['plain_text']);
      return;
    case 'divider':
      return;
    default:
      p.add(`${at}/type`, `block type ${String(b['type'])} is not modelled by the stand-in`);
  }
}

/** Problems with a blocks array on a surface; `base` is its JSON pointer (`/blocks`). */
export function blockProblems(blocks: unknown, surface: Surface, base = '/blocks'): BlockProblem[] {
  const p = new Problems();
  if (!Array.isArray(blocks)) {
    p.add(base, 'must be an array');
    return p.list;
  }
  if (blocks.length > MAX_BLOCKS[surface]) p.add(base, `must have no more than ${MAX_BLOCKS[surface]} items`);
  const ids = new Set<string>();
  blocks.forEach((b, i) => block(p, `${base}/${i}`, b, surface, ids));
  return p.list;
}

/** Problems with a modal view (views.open). */
export function viewProblems(view: unknown): BlockProblem[] {
  const p = new Problems();
  if (!isObject(view) || view['type'] !== 'modal') {
    p.add('/view/type', 'must be modal');
    return p.list;
  }
  textObject(p, '/view/title', view['title'], LIMITS.modalTitle, ['plain_text']);
  for (const key of ['submit', 'close'] as const) {
    if (view[key] !== undefined) textObject(p, `/view/${key}`, view[key], LIMITS.modalTitle, ['plain_text']);
  }
  const blocks = view['blocks'];
  if (Array.isArray(blocks) && blocks.some((b) => isObject(b) && b['type'] === 'input') && view['submit'] === undefined) {
    p.add('/view/submit', 'is required when the view has an input block');
  }
  if (view['callback_id'] !== undefined) p.maxLength('/view/callback_id', view['callback_id'], LIMITS.callbackId);
  if (view['private_metadata'] !== undefined) p.maxLength('/view/private_metadata', view['private_metadata'], LIMITS.privateMetadata);
  return [...p.list, ...blockProblems(blocks, 'modal', '/view/blocks')];
}

/** Slack's wording for each problem, as in `response_metadata.messages`. */
export function slackMessages(problems: readonly BlockProblem[]): string[] {
  return problems.map((x) => `[ERROR] ${x.message} [json-pointer:${x.pointer}]`);
}
