/** What a command handler gets besides its invocation: ports and settings, never platform objects. */
import type { Config } from '../config.js';
import type { LinkResolver } from '../links/types.js';
import type { Logger } from '../log.js';
import type { SearchPort } from '../search/port.js';
import type { PlaceSettingsStore } from '../settings/store.js';
import type { Reply } from './types.js';

export interface CommandContext {
  search: SearchPort;
  settings: PlaceSettingsStore;
  config: Config;
  log: Logger;
  resolver?: LinkResolver | undefined;
  now: () => number;
  /** Aborted at the lookup deadline: long work (lists, resolvers) should stop early. */
  signal: AbortSignal;
  /** The command list, for help. */
  commands: () => readonly { name: string; description: string; requiresManager?: boolean | undefined }[];
  /** 'public' when the answer is being shared with the channel. */
  visibility: Reply['visibility'];
}
