/** Small reply builders shared by the commands and the core's fault handling. */
import type { Reply, ReplyTone } from './types.js';

export function simpleReply(tone: ReplyTone, headline: string, body: string[] = []): Reply {
  return { tone, headline, ...(body.length > 0 ? { body } : {}), groups: [], notes: [], actions: [] };
}

/** No index-info document: no build has finished yet, or one is being swapped in. Never "not found in 0 datasets". */
export const notReadyReply = (): Reply =>
  simpleReply('problem', 'The index is not ready yet (no finished build to search). Please try again in a minute.');

export const unavailableReply = (): Reply => simpleReply('problem', 'Search is unavailable right now. Please try again in a minute.');

export const timeoutReply = (seconds: number): Reply =>
  simpleReply(
    'problem',
    `The lookup took longer than ${seconds} seconds and was stopped. Please try again, or narrow the search (add artist:).`,
  );

/** The one apology, for the core's faults and an adapter's alike (a payload that could not be built or sent). */
export const faultReply = (): Reply => simpleReply('problem', 'Sorry, something went wrong while answering. It has been logged.');

/** Discord: the work outlived the interaction token, so the late answer could not be sent. */
export const tooLateReply = (): Reply => simpleReply('problem', 'This lookup took too long to finish. Please try again in a moment.');

/** Whole seconds, rounded up so that trying again then is admitted; at least 1. */
export const slowDownReply = (retryAfterMs: number): Reply =>
  simpleReply(
    'problem',
    `Slow down a little: too many lookups in the last minute. Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`,
  );

/** A command whose work came back empty (the limiter dropped it silently): it still gets an answer. */
export const noAnswerReply = (): Reply => simpleReply('problem', 'Sorry, no answer came back. Please try again.');

export const busyReply = (): Reply => simpleReply('problem', 'The bot is busy right now. Please try again in a moment.');
