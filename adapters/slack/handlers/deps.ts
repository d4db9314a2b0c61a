import type { BotCore } from '../../../src/core/types.js';
import type { Logger } from '../../../src/log.js';
import type { BoundedDedupe } from '../../shared/dedupe.js';
import type { InFlight } from '../../shared/in-flight.js';

/** What every Slack handler is given: the core, logging and the adapter's own bookkeeping (never settings). */
export interface HandlerDeps {
  bot: BotCore;
  log: Logger;
  dedupe: BoundedDedupe;
  /** Replicas: true when this process should handle the event (see SlackAdapterOptions.claimEvent). */
  claimEvent?: ((eventId: string) => Promise<boolean>) | undefined;
  inFlight: InFlight;
  /** Answer inside the slash command's ack when the lookup is done this soon; via response_url otherwise. */
  ackBudgetMs: number;
  /** Reports an error Slack answered with (for metrics), once: where the error is handled, not where it passes through. */
  platformError: (error: unknown) => void;
}
