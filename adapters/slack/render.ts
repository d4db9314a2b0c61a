/**
 * The pure renderer `Reply → Block Kit`. Everything from a dataset or a user is escaped
 * (escape.ts) and every text is clamped to Slack's limits (limits.ts); the message always
 * carries a plain-text `text` fallback for notifications and screen readers.
 */
import type { types } from '@slack/bolt';
import { fitAttachments } from '../../src/core/attachment-limit.js';
import type { Evidence, Reply, ReplyAction, SongGroup } from '../../src/core/types.js';
import type { Basis } from '../../src/search/port.js';
import { renderText } from '../../src/core/render-text.js';
import { BASIS_LABEL, evidenceText } from '../../src/core/wording.js';
import { clampPlain, escapeAndClamp, escapeMrkdwn, clampEscaped, mrkdwnLink } from './escape.js';
import {
  MAX_ACTION_ID,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_VALUE,
  MAX_BUTTONS_SHOWN,
  MAX_CONTEXT_ELEMENTS,
  MAX_EVIDENCE_LINES_PER_GROUP,
  MAX_FALLBACK_TEXT,
  MAX_FILE_BYTES,
  MAX_LINE_TEXT,
  MAX_SECTION_TEXT,
  MAX_SECTIONS_PER_GROUP,
  MAX_SONG_GROUPS_SHOWN,
} from './limits.js';

export type Block = types.KnownBlock;

export interface SlackMessage {
  /** Plain-text fallback, escaped: Slack parses it as mrkdwn in notifications. */
  text: string;
  blocks: Block[];
}

/** Button action ids start with this; the value carries the core's opaque continuation id. */
export const ACTION_ID_PREFIX = 'trained_action';

export function basisLabel(basis: Basis): string {
  return BASIS_LABEL[basis];
}

function section(mrkdwn: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn, verbatim: true } };
}

/** Shown for a song whose title is empty or only whitespace: Slack refuses a text object with no text. */
export const UNTITLED = '(no title)';

function blank(text: string): boolean {
  return text.trim() === '';
}

/** A CSV over Slack's per-file limit is cut at a row, and the answer says so (the same cut for the text and the file). */
export function fitForSlack(reply: Reply): Reply {
  return fitAttachments(reply, MAX_FILE_BYTES, 'Slack');
}

function evidenceLine(e: Evidence): string {
  const parts = [escapeMrkdwn(evidenceText(e)), basisLabel(e.basis)];
  if (e.version !== undefined && e.version !== '') parts.push(escapeMrkdwn(e.version));
  const link = mrkdwnLink(e.url, 'open');
  if (link !== undefined) parts.push(link);
  return clampEscaped(`• ${parts.join(' · ')}`, MAX_LINE_TEXT);
}

/** One song: its title line and its rows, over as many sections as the rows need (at most a few). */
function groupSections(group: SongGroup): types.SectionBlock[] {
  const artists = group.artists.length > 0 ? ` — ${escapeMrkdwn(group.artists.join(', '))}` : '';
  const title = blank(group.title) ? UNTITLED : group.title;
  // Every line is clamped on its own so a 3,000-character title still leaves room for the rows.
  const head = clampEscaped(`*${escapeMrkdwn(title)}*${artists}`, MAX_LINE_TEXT);
  const shown = group.evidence.slice(0, MAX_EVIDENCE_LINES_PER_GROUP).map(evidenceLine);
  const hidden = group.evidence.length - shown.length;
  if (hidden > 0) shown.push(`…and ${hidden} more ${hidden === 1 ? 'row' : 'rows'}`);
  return chunkSections([head, ...shown].join('\n'), MAX_SECTIONS_PER_GROUP);
}

/** Splits escaped text into section-sized pieces at line breaks where possible. */
function chunkSections(escaped: string, maxSections: number): types.SectionBlock[] {
  const blocks: types.SectionBlock[] = [];
  let rest = escaped;
  while (rest.length > 0 && blocks.length < maxSections) {
    if (rest.length <= MAX_SECTION_TEXT || blocks.length === maxSections - 1) {
      blocks.push(section(clampEscaped(rest, MAX_SECTION_TEXT)));
      break;
    }
    const cutAt = rest.lastIndexOf('\n', MAX_SECTION_TEXT);
    const end = cutAt > MAX_SECTION_TEXT / 2 ? cutAt : MAX_SECTION_TEXT;
    const piece = clampEscaped(rest.slice(0, end), MAX_SECTION_TEXT);
    blocks.push(section(piece));
    rest = rest.slice(end).replace(/^\n/, '');
  }
  return blocks;
}

function button(action: ReplyAction, index: number): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clampPlain(action.label, MAX_BUTTON_TEXT), emoji: false },
    action_id: `${ACTION_ID_PREFIX}:${action.kind}:${index}`.slice(0, MAX_ACTION_ID),
    value: action.id.slice(0, MAX_BUTTON_VALUE),
    ...(action.kind === 'share' ? { style: 'primary' as const } : {}),
  };
}

/** The top-level `text`: the core's plain-text rendering (notifications, screen readers), escaped. */
export function fallbackText(reply: Reply): string {
  // Only what could fit: a reply of 40 songs × 30 rows of 3,000-character titles is megabytes of text otherwise.
  const shown: Reply = {
    ...reply,
    // Buttons are in the blocks; the fallback is for reading.
    actions: [],
    groups: reply.groups
      .slice(0, MAX_SONG_GROUPS_SHOWN)
      .map((g) => ({ ...g, evidence: g.evidence.slice(0, MAX_EVIDENCE_LINES_PER_GROUP) })),
  };
  return escapeAndClamp(renderText(shown, MAX_FALLBACK_TEXT), MAX_FALLBACK_TEXT);
}

/** The Block Kit message for a reply; its buttons are the ones the core left for this delivery. */
export function renderReply(original: Reply): SlackMessage {
  const reply = fitForSlack(original);
  // Slack refuses a text object without text; blank lines of the body and blank notes are left out.
  const head: Block[] = [section(escapeAndClamp(blank(reply.headline) ? 'Trained' : reply.headline, MAX_SECTION_TEXT))];
  const bodyText = (reply.body ?? []).filter((line) => !blank(line)).join('\n');
  const body = bodyText !== '' ? chunkSections(escapeMrkdwn(bodyText), 3) : [];

  const shownNotes = reply.notes.filter((n) => !blank(n));
  const notes: Block[] =
    shownNotes.length > 0
      ? [
          {
            type: 'context',
            elements: shownNotes
              .slice(0, MAX_CONTEXT_ELEMENTS)
              .map((n) => ({ type: 'mrkdwn' as const, text: escapeAndClamp(n, MAX_SECTION_TEXT), verbatim: true })),
          },
        ]
      : [];

  const buttons = reply.actions.slice(0, MAX_BUTTONS_SHOWN).map(button);
  const actions: Block[] = buttons.length > 0 ? [{ type: 'actions', elements: buttons }] : [];

  // Songs give way first when the total would pass Slack's block limit (one block stays free for "…and N more songs").
  let room = MAX_BLOCKS_PER_MESSAGE - (head.length + body.length + notes.length + actions.length + 1);
  const groups: Block[] = [];
  let shownGroups = 0;
  for (const group of reply.groups.slice(0, MAX_SONG_GROUPS_SHOWN)) {
    const sections = groupSections(group);
    if (sections.length > room) break;
    groups.push(...sections);
    room -= sections.length;
    shownGroups++;
  }
  const hiddenGroups = reply.groups.length - shownGroups;
  const more: Block[] =
    hiddenGroups > 0
      ? [
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `…and ${hiddenGroups} more ${hiddenGroups === 1 ? 'song' : 'songs'}`, verbatim: true }],
          },
        ]
      : [];
  const blocks = [...head, ...body, ...groups, ...more, ...notes, ...actions].slice(0, MAX_BLOCKS_PER_MESSAGE);
  return { text: fallbackText(reply), blocks };
}

/** How a preview words each basis: a preview is always of a link, so an `exact` row is the linked track's title and artist. */
const UNFURL_BASIS: Record<Basis, { lead: string; label: string }> = {
  id: { lead: 'present in', label: BASIS_LABEL.id },
  exact: { lead: 'present in', label: 'same title and artist as the linked track (strong)' },
  title: { lead: 'same title in', label: BASIS_LABEL.title },
  fuzzy: { lead: 'similar titles in', label: BASIS_LABEL.fuzzy },
};

/**
 * The compact link preview: found or not, in which datasets, how sure; one line per basis, strongest first.
 * `hint` adds one line under it (thread mode in a channel the bot is not in: how to get the thread reply).
 */
export function renderUnfurl(reply: Reply, hint?: string): { blocks: Block[] } {
  const lines = [`*Trained:* ${escapeMrkdwn(reply.headline)}`];
  const evidence = reply.groups.flatMap((g) => g.evidence);
  const listed = new Set<string>();
  const hits = evidence.some((e) => e.basis === 'id' || e.basis === 'exact');
  // Candidates are named only when there is no hit: "present in" is never said of them.
  for (const basis of hits ? (['id', 'exact'] as const) : (['title', 'fuzzy'] as const)) {
    const datasets = [...new Set(evidence.filter((e) => e.basis === basis && !listed.has(e.datasetName)).map((e) => e.datasetName))];
    for (const d of datasets) listed.add(d);
    if (datasets.length > 0) lines.push(`${UNFURL_BASIS[basis].lead} ${escapeMrkdwn(datasets.join(', '))} · ${UNFURL_BASIS[basis].label}`);
  }
  if (evidence.length === 0 && reply.notes[0] !== undefined) lines.push(escapeMrkdwn(reply.notes[0]));
  const preview = section(clampEscaped(lines.join('\n'), MAX_SECTION_TEXT));
  if (hint === undefined) return { blocks: [preview] };
  return {
    blocks: [preview, { type: 'context', elements: [{ type: 'mrkdwn', text: escapeAndClamp(hint, MAX_SECTION_TEXT), verbatim: true }] }],
  };
}
