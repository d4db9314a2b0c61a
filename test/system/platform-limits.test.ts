/**
 * Reliability checks 4 and 26: the renderers' limits are the platforms' published numbers,
 * written here with where they are published, so raising one in the code fails a test even
 * where the renderer's own budgets keep today's output far below it (the block count, for
 * instance, never passes 37 today). The output checks are in slack-render, discord-render
 * and slack-adapter tests, against the same literal numbers.
 */
import { describe, expect, it } from 'vitest';
import * as discord from '../../adapters/discord/limits.js';
import * as slack from '../../adapters/slack/limits.js';

describe("the code's platform limits are the published ones", () => {
  it.each([
    // docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks in each message, and 100 blocks in modals"
    ['Slack blocks per message', slack.MAX_BLOCKS_PER_MESSAGE, 50],
    ['Slack blocks per modal', slack.MAX_BLOCKS_PER_MODAL, 100],
    // …/blocks/section-block: text "Maximum length for this field is 3000 characters"
    ['Slack section text', slack.MAX_SECTION_TEXT, 3000],
    // …/blocks/context-block: "Maximum number of items is 10"
    ['Slack context elements', slack.MAX_CONTEXT_ELEMENTS, 10],
    // …/block-elements/button-element: text 75, value 2000, action_id 255
    ['Slack button text', slack.MAX_BUTTON_TEXT, 75],
    ['Slack button value', slack.MAX_BUTTON_VALUE, 2000],
    ['Slack action_id', slack.MAX_ACTION_ID, 255],
    // …/blocks/actions-block: "maximum of 25 elements"
    ['Slack actions elements', slack.MAX_ACTIONS_ELEMENTS, 25],
    // …/surfaces/views: title 24, private_metadata 3000; plain-text input max_length 3000
    ['Slack modal title', slack.MAX_MODAL_TITLE, 24],
    ['Slack private_metadata', slack.MAX_PRIVATE_METADATA, 3000],
    ['Slack plain-text input', slack.MAX_PLAIN_TEXT_INPUT, 3000],
    // discord.com/developers/docs/resources/message#embed-object-embed-limits
    ['Discord embed title', discord.EMBED_TITLE_MAX, 256],
    ['Discord embed description', discord.EMBED_DESCRIPTION_MAX, 4096],
    ['Discord embed fields', discord.EMBED_FIELDS_MAX, 25],
    ['Discord field name', discord.EMBED_FIELD_NAME_MAX, 256],
    ['Discord field value', discord.EMBED_FIELD_VALUE_MAX, 1024],
    ['Discord footer', discord.EMBED_FOOTER_MAX, 2048],
    ['Discord embeds in total', discord.EMBED_TOTAL_MAX, 6000],
    // …/resources/message#create-message: content up to 2000 characters
    ['Discord message content', discord.MESSAGE_CONTENT_MAX, 2000],
    // …/interactions/message-components: 5 buttons a row, 5 rows, label 80, custom_id 100
    ['Discord buttons per row', discord.BUTTONS_PER_ROW_MAX, 5],
    ['Discord action rows', discord.ACTION_ROWS_MAX, 5],
    ['Discord button label', discord.BUTTON_LABEL_MAX, 80],
    ['Discord custom_id', discord.CUSTOM_ID_MAX, 100],
    // …/resources/channel#start-thread-from-message: name 1-100 characters
    ['Discord thread name', discord.THREAD_NAME_MAX, 100],
    // …/interactions/application-commands: 25 choices of name/value ≤ 100; name 32, description 100, 25 options, max_length ≤ 6000
    ['Discord autocomplete choices', discord.AUTOCOMPLETE_CHOICES_MAX, 25],
    ['Discord autocomplete choice', discord.AUTOCOMPLETE_CHOICE_MAX, 100],
    ['Discord command name', discord.COMMAND_NAME_MAX, 32],
    ['Discord command description', discord.COMMAND_DESCRIPTION_MAX, 100],
    ['Discord command options', discord.COMMAND_OPTIONS_MAX, 25],
    ['Discord option choices', discord.OPTION_CHOICES_MAX, 25],
    ['Discord string max_length', discord.OPTION_STRING_MAX_LENGTH, 6000],
    // …/interactions/receiving-and-responding: first response within 3 s; the token is valid for 15 minutes
    ['Discord first response (ms)', discord.INTERACTION_ACK_WINDOW_MS, 3000],
    ['Discord interaction token (ms)', discord.INTERACTION_TOKEN_LIFETIME_MS, 15 * 60 * 1000],
  ])('%s: %d is the published %d', (_name, ours, published) => {
    expect(ours).toBe(published);
  });
});
