/** What lookups and command handlers get besides their input: ports, never platform objects, tokens or the whole Config. */
import type { LinkResolver } from '../links/types.js';
import type { SearchPort } from '../search/port.js';
import type { PlaceSettingsStore } from '../settings/store.js';

/** What a lookup needs: the index, the link resolver, and the deadline's signal. */
export interface LookupContext {
  search: SearchPort;
  resolver?: LinkResolver | undefined;
  /** Aborted at the lookup deadline: long work (lists, resolvers) should stop early. */
  signal: AbortSignal;
}

export interface CommandSummary {
  name: string;
  description: string;
  requiresManager?: boolean | undefined;
  /** How it is typed where commands are text (Slack, the console). */
  hint: string;
}

export interface CommandContext extends LookupContext {
  settings: PlaceSettingsStore;
  /** The registered commands, for help. */
  commands: readonly CommandSummary[];
  /** The word that keeps the bot out of a message (LINK_SKIP_KEYWORD), for help. */
  skipKeyword: string;
}
