import type { BotCore } from '../../../src/core/types.js';
import type { Logger } from '../../../src/log.js';
import type { PlaceSettingsStore } from '../../../src/settings/store.js';
import type { EventDedupe } from '../event-dedupe.js';
import type { InFlight } from '../in-flight.js';

/** What every Slack handler is given: the core, settings, logging and the adapter's own bookkeeping. */
export interface HandlerDeps {
  bot: BotCore;
  settings: PlaceSettingsStore;
  log: Logger;
  dedupe: EventDedupe;
  /** Replicas: true when this process should handle the event (see SlackAdapterOptions.claimEvent). */
  claimEvent?: ((eventId: string) => Promise<boolean>) | undefined;
  inFlight: InFlight;
  /** Answer inside the slash command's ack when the lookup is done this soon; via response_url otherwise. */
  ackBudgetMs: number;
  /** Reports an error Slack answered with (for metrics), once: where the error is handled, not where it passes through. */
  platformError: (error: unknown) => void;
}
