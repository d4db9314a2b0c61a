/**
 * The contracts between the platform-free core and the adapters (architecture.md).
 * Adapters turn platform events into these inbound values and render `Reply` values;
 * nothing here knows about Discord or Slack.
 */
import type { Basis } from '../search/port.js';

export type PlatformName = 'discord' | 'slack' | 'console' | 'cli';

/**
 * Where something was said: enough for per-place settings and limits without platform types,
 * plus the facts an adapter knows about the place, from which the core decides how to answer.
 */
export interface Place {
  platform: PlatformName;
  /** Discord guild or Slack workspace (team) id; undefined in DMs and the console. */
  workspaceId?: string | undefined;
  channelId: string;
  threadId?: string | undefined;
  /** False when the bot is known not to be a member here (Slack link_shared `is_bot_user_member`): it cannot post. */
  botIsMember?: boolean | undefined;
  /**
   * False when no server or workspace that added Trained owns this place (a Discord user install in a DM
   * or in a server that never added the bot): nothing here has settings of ours.
   */
  installed?: boolean | undefined;
}

export type Visibility = 'ephemeral' | 'public';

/**
 * How a person reached the bot. `command`: a slash command or a typed command (console);
 * `mention`: @Trained in a message, answered in its thread; `message-action`: "Check tracks in
 * this message"; `form`: a submitted form (Slack's list modal); `pasted`: a channel message the
 * bot read by itself (Discord), answered only where the place's settings ask; `link-preview`: a
 * link Slack asks us to preview (link_shared); `typed-links`: a line of links typed at the console.
 */
export type Surface = 'command' | 'mention' | 'message-action' | 'form' | 'pasted' | 'link-preview' | 'typed-links';

export interface UserRef {
  id: string;
  displayName?: string | undefined;
  isBot?: boolean | undefined;
  /** Discord Manage Server / Slack admin: may change place settings. */
  canManagePlace?: boolean | undefined;
}

export type OptionValue = string | number | boolean;

export interface CommandInvocation {
  /** A declared command name: song, link, artist, about, help, settings, list, … */
  command: string;
  options: Readonly<Record<string, OptionValue | undefined>>;
  user: UserRef;
  place: Place;
  platform: PlatformName;
  surface: Surface;
  /** What the person asked for (Discord's `public` option); undefined: they could not say, the command decides. */
  requestedVisibility?: Visibility | undefined;
}

/** Text typed for the bot: Slack's `/trained <text>`, a mention's text, a console line. */
export interface TextRequest {
  text: string;
  user: UserRef;
  place: Place;
  platform: PlatformName;
  surface: Extract<Surface, 'command' | 'mention'>;
}

/** A chat message that may hold track links (pasted links, context menu, link previews). */
export interface LinkMessage {
  text: string;
  user: UserRef;
  place: Place;
  platform: PlatformName;
  surface: Extract<Surface, 'message-action' | 'pasted' | 'link-preview' | 'typed-links' | 'mention'>;
  messageId?: string | undefined;
  /** Link previews: each link as the platform listed it (Slack keys its previews by these exact strings). */
  links?: readonly string[] | undefined;
  /** Link previews: the message is still being written (Slack's composer): it has no thread to answer in. */
  composing?: boolean | undefined;
}

/** A button press: `actionId` is a ReplyAction.id, `onMessage` the visibility of the message the button is on. */
export interface ActionPress {
  actionId: string;
  user: UserRef;
  place: Place;
  platform: PlatformName;
  onMessage: Visibility;
}

/** One row of evidence: a dataset row that holds the song. */
export interface Evidence {
  dataset: string;
  datasetName: string;
  rowKey: string;
  title: string;
  artists: string[];
  album?: string | undefined;
  url?: string | undefined;
  basis: Basis;
  version?: string | undefined;
  /** The row is this window of the linked media, in seconds. */
  clip?: { start: number; end: number } | undefined;
}

/** One song (base title + artist) and the rows that hold it. */
export interface SongGroup {
  title: string;
  artists: string[];
  /** The strongest basis among its rows. */
  basis: Basis;
  evidence: Evidence[];
}

/** The outcome of one query or link: what was found, or why nothing could be checked. */
export type QueryStatus = 'found' | 'candidates' | 'not-found' | 'unchecked';

export type ActionKind = 'more' | 'export' | 'share';

export interface ReplyAction {
  kind: ActionKind;
  label: string;
  /**
   * Opaque, self-contained continuation (at most 100 characters: Discord's custom_id
   * limit) that the adapter hands back to `BotCore.handleAction` without reading it.
   */
  id: string;
}

export interface ReplyAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export type ReplyTone = 'found' | 'not-found' | 'candidates' | 'info' | 'problem';

/** A platform-neutral answer; every adapter has a pure renderer for it and a plain-text fallback exists. */
export interface Reply {
  tone: ReplyTone;
  headline: string;
  /** Free text lines shown under the headline (already plain text; renderers escape). */
  body?: string[] | undefined;
  groups: SongGroup[];
  /** Why a result means what it means ("not found in these 4 datasets as indexed on …"), sample-data labels, limits. */
  notes: string[];
  actions: ReplyAction[];
  attachments?: ReplyAttachment[] | undefined;
}

export type SuggestKind = 'title' | 'artist';

/**
 * How an answer reaches people, decided by the core alone (delivery.ts) from the surface, what
 * the person asked for, the command and the place's settings. Renderers and transports obey it.
 * `reply`: an answer to the request (an interaction response, response_url, a channel message);
 * `thread`: a message in the thread of the message or mention; `reaction`: an emoji on the
 * message; `unfurl`: link previews (`previews`); `form`: ask for the rest in a form (`form`);
 * `silent`: nothing at all.
 */
export type DeliveryMode = 'reply' | 'thread' | 'reaction' | 'unfurl' | 'form' | 'silent';

export interface Delivery {
  mode: DeliveryMode;
  visibility: Visibility;
  /** A button press: the message the button is on stays, is replaced by the answer, or is deleted once the answer is posted. */
  original: 'keep' | 'replace' | 'delete';
  /** Where the platform refuses a public post because the bot is not in the channel: answer privately, this line added. */
  fallbackHint?: string | undefined;
  /** A line shown under the answer (under the first preview). */
  hint?: string | undefined;
}

/** One link's compact preview (mode `unfurl`), keyed by the URL as the message holds it. */
export interface LinkPreview {
  url: string;
  reply: Reply;
}

/** A form asking for one option of a command (mode `form`); its submission is that command with that option. */
export interface FormRequest {
  command: string;
  option: string;
  title: string;
  label: string;
  hint: string;
  placeholder: string;
  submit: string;
  /** Said when the form comes back empty. */
  empty: string;
}

/** What the core answers: the reply, how to deliver it, and for previews and forms what they hold. */
export interface Answer {
  reply: Reply;
  delivery: Delivery;
  previews?: readonly LinkPreview[] | undefined;
  form?: FormRequest | undefined;
  /** The command that answered, when one did (typed text is counted under it in metrics). */
  command?: string | undefined;
}

export type PlanRequest = { command: CommandInvocation } | { message: LinkMessage } | { press: ActionPress };

/** What an adapter calls. Every method answers with a value; faults become apology replies inside. */
export interface BotCore {
  /** A command with its options already parsed (Discord's /trained, a submitted form). */
  handleCommand(invocation: CommandInvocation): Promise<Answer>;
  /** Typed text, parsed with the commands' text syntax. */
  handleText(request: TextRequest): Promise<Answer>;
  /** A message that may hold links; mode `silent` when there is nothing to say. */
  handleMessage(message: LinkMessage): Promise<Answer>;
  handleAction(press: ActionPress): Promise<Answer>;
  /**
   * How the answer to a request will be delivered unless it turns out to be a refusal, known
   * before any work: what an adapter that must acknowledge first (Discord's deferral) needs.
   */
  plan(request: PlanRequest): Delivery;
  suggest(kind: SuggestKind, prefix: string): Promise<string[]>;
}
