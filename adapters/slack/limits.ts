/**
 * Slack's documented Block Kit and Web API limits. Slack answers 400 (invalid_blocks,
 * msg_too_long) past them, so every renderer clamps to these names instead of numbers.
 */
import { SONG_PAGE_SIZE } from '../../src/core/song-lookup.js';

export const MAX_BLOCKS_PER_MESSAGE = 50;
export const MAX_BLOCKS_PER_MODAL = 100;
/** Text of a section block, and of any mrkdwn text object. */
export const MAX_SECTION_TEXT = 3000;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_ACTION_ID = 255;
export const MAX_ACTIONS_ELEMENTS = 25;
export const MAX_MODAL_TITLE = 24;
export const MAX_PLAIN_TEXT_INPUT = 3000;
export const MAX_PRIVATE_METADATA = 3000;
/** Per-file upload limit (1 GB: Slack's help centre, "Add files to Slack"). CSVs are cut below it. */
export const MAX_FILE_BYTES = 1_000_000_000;
/** The top-level `text` of a message: Slack truncates far later, but notifications show the start. */
export const MAX_FALLBACK_TEXT = 4000;

/** Our own budgets, inside Slack's limits. */
export const MAX_SONG_GROUPS_SHOWN = 10;
/** The core's page of rows (SONG_PAGE_SIZE): every row of a page is shown, so More never skips any. */
export const MAX_EVIDENCE_LINES_PER_GROUP = SONG_PAGE_SIZE;
export const MAX_SECTIONS_PER_GROUP = 3;
/** One title or row line; a 3,000-character title cannot crowd out the rows under it. */
export const MAX_LINE_TEXT = 600;
export const MAX_BUTTONS_SHOWN = 5;
/** Slack wants an acknowledgement within 3 s; answer inside the ack when the lookup is done by then. */
export const ACK_BUDGET_MS = 2000;
