/**
 * The contracts between the platform-free core and the adapters (architecture.md).
 * Adapters turn platform events into these inbound values and render `Reply` values;
 * nothing here knows about Discord or Slack.
 */
import type { Basis } from '../search/port.js';

export type PlatformName = 'discord' | 'slack' | 'console' | 'cli';

/** Where something was said: enough for per-place settings and limits without platform types. */
export interface Place {
  platform: PlatformName;
  /** Discord guild or Slack workspace (team) id; undefined in DMs and the console. */
  workspaceId?: string | undefined;
  channelId: string;
  threadId?: string | undefined;
}

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
}

/** A chat message that may hold track links (pasted links, context menu, unfurls). */
export interface LinkMessage {
  text: string;
  user: UserRef;
  place: Place;
  platform: PlatformName;
  messageId?: string | undefined;
  /** True when a person asked for this message explicitly (context menu, mention): unknown links get an answer too. */
  explicit?: boolean | undefined;
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
   * limit) that the adapter hands back to `BotCore.handleAction`.
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
  visibility: 'ephemeral' | 'public';
  attachments?: ReplyAttachment[] | undefined;
}

export type SuggestKind = 'title' | 'artist';

/** What an adapter calls. Every method answers with a value; faults become apology replies inside. */
export interface BotCore {
  handleCommand(invocation: CommandInvocation): Promise<Reply>;
  /** undefined: nothing to say (no recognised link, skipped, duplicate, auto-replies off). */
  handleLinkMessage(message: LinkMessage): Promise<Reply | undefined>;
  /** A button press: `actionId` is a ReplyAction.id. */
  handleAction(actionId: string, user: UserRef, place: Place): Promise<Reply>;
  suggest(kind: SuggestKind, prefix: string): Promise<string[]>;
}
