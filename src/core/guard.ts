/**
 * Every piece of work the core does runs here: under the lookup deadline and the per-user and
 * per-place limits, with every fault turned into a reply, so no adapter ever catches anything.
 */
import type { RateLimiter } from '../limits/rate-limits.js';
import type { Logger } from '../log.js';
import { SearchUnavailableError } from '../search/port.js';
import { busyReply, faultReply, slowDownReply, timeoutReply, unavailableReply } from './replies.js';
import type { Place, Reply, UserRef } from './types.js';

class DeadlineError extends Error {}

/** undefined: the limiter dropped the work silently, or the work had nothing to say. */
export type Guarded = (
  what: Record<string, unknown>,
  user: UserRef,
  place: Place,
  work: (signal: AbortSignal) => Promise<Reply | undefined>,
  opts?: { deadlineMs?: number; quietRepeats?: boolean },
) => Promise<Reply | undefined>;

export function createGuard(limiter: RateLimiter, log: Logger, defaultDeadlineMs: number): Guarded {
  return async (what, user, place, work, opts = {}) => {
    const deadlineMs = opts.deadlineMs ?? defaultDeadlineMs;
    const ctrl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ctrl.abort();
        reject(new DeadlineError());
      }, deadlineMs);
    });
    // The deadline may pass while the job still waits in a limiter queue: nobody races it yet.
    deadline.catch(() => undefined);
    try {
      const limited = await limiter.run(user, place, () => Promise.race([work(ctrl.signal), deadline]));
      if (limited.ok) return limited.value;
      log.info({ ...what, refusal: limited.refusal }, 'rate limited');
      if (limited.refusal === 'busy') return busyReply();
      // Silence after the first notice is only for link messages; a command always gets an answer, even when rate limited twice.
      if (limited.refusal === 'silent' && opts.quietRepeats === true) return undefined;
      return slowDownReply(limited.retryAfterMs);
    } catch (err) {
      if (err instanceof DeadlineError) {
        log.warn({ ...what, deadlineMs }, 'lookup passed its deadline');
        return timeoutReply(Math.round(deadlineMs / 1000));
      }
      if (err instanceof SearchUnavailableError) {
        log.error({ ...what, reason: err.reason, err }, 'search unavailable');
        return unavailableReply();
      }
      log.error({ ...what, err }, 'answer failed');
      return faultReply();
    } finally {
      clearTimeout(timer);
    }
  };
}
