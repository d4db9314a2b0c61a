/**
 * The pure renderer: core `Reply` → Discord message payload (API JSON shapes). Every
 * payload carries allowed_mentions with nothing parsed, every string from a dataset or a
 * user is escaped, and every embed limit in limits.ts holds whatever the input.
 */
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import { fitAttachments } from '../../src/core/attachment-limit.js';
import type { Delivery, Evidence, Reply, ReplyAction, ReplyTone, SongGroup } from '../../src/core/types.js';
import { NO_MENTIONS } from '../shared/mentions.js';
import {
  ACTION_ROWS_MAX,
  BUTTON_LABEL_MAX,
  BUTTONS_PER_ROW_MAX,
  CUSTOM_ID_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  FILE_SIZE_DEFAULT_MAX,
  THREAD_NAME_MAX,
} from './limits.js';
import { BASIS_LABEL, evidenceText, groupTitle } from '../../src/core/wording.js';
import { escapeMarkdown, oneLine, truncate } from './text.js';

export interface DiscordFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface DiscordMessagePayload {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: typeof NO_MENTIONS;
  /** MessageFlags.Ephemeral for ephemeral interaction responses; 0 otherwise. */
  flags: number;
  files: DiscordFile[];
}

const TONE_COLOUR: Record<ReplyTone, number> = {
  found: 0xe67e22,
  candidates: 0xf1c40f,
  'not-found': 0x99aab5,
  info: 0x5865f2,
  problem: 0x95a5a6,
};

/** Room kept in the 6000 budget for the "… and N more songs" field. */
const MORE_FIELD_RESERVE = 60;

function evidenceLine(e: Evidence): string {
  const version = e.version === undefined ? '' : ` (${e.version})`;
  return `• ${escapeMarkdown(`${evidenceText(e)}${version}`)}: ${BASIS_LABEL[e.basis]}`;
}

function groupField(group: SongGroup): APIEmbedField {
  const name = truncate(escapeMarkdown(groupTitle(group)), EMBED_FIELD_NAME_MAX);
  const lines: string[] = [];
  let used = 0;
  for (const [i, e] of group.evidence.entries()) {
    const line = truncate(evidenceLine(e), EMBED_FIELD_VALUE_MAX);
    const left = group.evidence.length - i - 1;
    const tail = left > 0 ? `\n… and ${left} more rows` : '';
    if (used + line.length + 1 + tail.length > EMBED_FIELD_VALUE_MAX) {
      lines.push(`… and ${group.evidence.length - i} more rows`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  const value = truncate(lines.join('\n'), EMBED_FIELD_VALUE_MAX);
  // Discord trims names and values before checking them (Embed Limits): a title of spaces,
  // control or bidi characters (made spaces by escapeMarkdown) would arrive blank.
  return { name: blank(name) ? UNTITLED : name, value: blank(value) ? 'no rows' : value };
}

/** Shown for a song whose title is empty once Discord trims it. */
export const UNTITLED = '(no title)';

function blank(text: string): boolean {
  return text.trim() === '';
}

function buildEmbed(reply: Reply): APIEmbed {
  const title = truncate(escapeMarkdown(reply.headline), EMBED_TITLE_MAX);
  const footer = truncate(reply.notes.map(oneLine).join(' · '), EMBED_FOOTER_MAX);
  const bodyText = (reply.body ?? []).map(escapeMarkdown).join('\n');
  // The description gets what is left after title and footer, but never starves the fields entirely.
  const descriptionRoom = Math.min(EMBED_DESCRIPTION_MAX, Math.max(0, EMBED_TOTAL_MAX - title.length - footer.length - 1500));
  const description = truncate(bodyText, descriptionRoom);
  let total = title.length + footer.length + description.length;

  const fields: APIEmbedField[] = [];
  for (const [i, group] of reply.groups.entries()) {
    const field = groupField(group);
    const size = field.name.length + field.value.length;
    const isLast = i === reply.groups.length - 1;
    const reserve = isLast ? 0 : MORE_FIELD_RESERVE;
    if (fields.length >= EMBED_FIELDS_MAX - (isLast ? 0 : 1) || total + size + reserve > EMBED_TOTAL_MAX) {
      const more: APIEmbedField = { name: '…', value: `and ${reply.groups.length - i} more songs (use Export for all)` };
      if (total + more.name.length + more.value.length <= EMBED_TOTAL_MAX) fields.push(more);
      break;
    }
    fields.push(field);
    total += size;
  }

  const embed: APIEmbed = { color: TONE_COLOUR[reply.tone] };
  if (!blank(title)) embed.title = title;
  if (!blank(description)) embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  if (!blank(footer)) embed.footer = { text: footer };
  return embed;
}

const BUTTON_STYLE: Record<ReplyAction['kind'], ButtonStyle.Primary | ButtonStyle.Secondary> = {
  share: ButtonStyle.Primary,
  more: ButtonStyle.Secondary,
  export: ButtonStyle.Secondary,
};

function buildComponents(actions: readonly ReplyAction[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons: APIButtonComponentWithCustomId[] = actions
    // An id Discord would refuse is dropped, not truncated (it is a continuation).
    .filter((a) => a.id.length > 0 && a.id.length <= CUSTOM_ID_MAX)
    .slice(0, BUTTONS_PER_ROW_MAX * ACTION_ROWS_MAX)
    .map((a) => ({
      type: ComponentType.Button,
      style: BUTTON_STYLE[a.kind],
      label: truncate(oneLine(a.label), BUTTON_LABEL_MAX),
      custom_id: a.id,
    }));
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW_MAX) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW_MAX) });
  }
  return rows;
}

/**
 * The pure renderer `(reply, delivery) → payload`: the core chose who sees it and which buttons
 * it carries; `maxFileBytes` is the interaction's `attachment_size_limit` (default 10 MiB).
 */
export function renderReply(
  original: Reply,
  delivery: Pick<Delivery, 'visibility'>,
  maxFileBytes = FILE_SIZE_DEFAULT_MAX,
): DiscordMessagePayload {
  const reply = fitAttachments(original, maxFileBytes, 'Discord');
  return {
    embeds: [buildEmbed(reply)],
    components: buildComponents(reply.actions),
    allowed_mentions: NO_MENTIONS,
    flags: delivery.visibility === 'ephemeral' ? MessageFlags.Ephemeral : 0,
    files: (reply.attachments ?? []).map((a) => ({ name: a.filename, contentType: a.contentType, data: Buffer.from(a.content, 'utf8') })),
  };
}

/** Thread names are plain text (no markdown, no pings) but limited and single-line. */
export function threadName(reply: Reply): string {
  const name = truncate(oneLine(reply.headline).trim(), THREAD_NAME_MAX);
  return name === '' ? 'Trained' : name;
}

/** Reaction mode: one emoji per outcome; nothing for "not found" so channels stay quiet. */
export function reactionFor(reply: Reply): string | undefined {
  if (reply.tone === 'found') return '📀';
  if (reply.tone === 'candidates') return '❔';
  return undefined;
}

/** Embed characters as Discord counts them against the 6000 total. */
export function embedSize(embed: APIEmbed): number {
  let n =
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}
