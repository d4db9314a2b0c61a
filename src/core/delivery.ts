/**
 * How an answer is delivered, decided here and nowhere else: from the surface the person used,
 * what they asked for, the command's own rule, the place's settings and the facts an adapter
 * reported (the bot is not in the channel, the message is public, nobody installed us here).
 * Adapters and renderers obey the result; they never decide visibility, mode or buttons.
 */
import type { PlaceSettings } from '../settings/store.js';
import { faultReply, tooLateReply } from './replies.js';
import type {
  ActionKind,
  ActionPress,
  Answer,
  CommandInvocation,
  Delivery,
  LinkMessage,
  PlatformName,
  Reply,
  Visibility,
} from './types.js';

/** Said where a public answer could not be posted because the bot is not in the channel. */
export const INVITE_HINT = 'Invite Trained to the channel (/invite @trained) to get the summary and CSV posted there.';
/** Under a preview when the channel wants thread replies but the bot is not in it (it cannot post there). */
export const THREAD_HINT = 'This channel asks for answers in a thread: invite Trained (/invite @trained) so it can post them.';

/** Previews and thread answers to pasted links say found or not found; "can't check this" would be clutter under every link. */
const PREVIEW_TONES: ReadonlySet<Reply['tone']> = new Set(['found', 'not-found', 'candidates']);

/**
 * After Share posts the answer for the channel, Slack's response_url deletes the private one it
 * came from; on Discord the answer to the press is the new public message and the private one stays.
 */
const SHARE_DELETES_ORIGINAL: Record<PlatformName, boolean> = { slack: true, discord: false, console: false, cli: false };

/**
 * What "Check tracks in this message" runs: Slack's message shortcut checks the message as a list
 * (one song or link per line) and posts the summary and CSV in its thread; elsewhere (Discord's
 * context menu) it checks the message's links and answers only the person who asked.
 */
export const MESSAGE_ACTION_AS_LIST: Record<PlatformName, boolean> = { slack: true, discord: false, console: false, cli: false };

const delivery = (mode: Delivery['mode'], visibility: Visibility, extra: Partial<Delivery> = {}): Delivery => ({
  mode,
  visibility,
  original: 'keep',
  ...extra,
});

export const SILENT: Delivery = delivery('silent', 'ephemeral');

/** The answer with its buttons filtered for the delivery: a public answer needs no Share. */
export function answer(reply: Reply, d: Delivery, extra: Pick<Answer, 'previews' | 'form'> = {}): Answer {
  const actions = d.visibility === 'public' ? reply.actions.filter((a) => a.kind !== 'share') : reply.actions;
  return { reply: actions.length === reply.actions.length ? reply : { ...reply, actions }, delivery: d, ...extra };
}

/** Nothing to say: no message, no reaction. */
export function silence(reply: Reply): Answer {
  return { reply, delivery: SILENT };
}

/**
 * A command's answer. A mention is answered in its thread, a message action or a submitted form
 * in the channel (privately, with a hint, where the bot may not post); a slash command as the
 * person asked (Discord's `public`), else as the command says, else privately.
 */
export function commandDelivery(inv: CommandInvocation, commandChoice: Visibility | undefined): Delivery {
  if (inv.surface === 'mention') return delivery('thread', 'public');
  if (inv.surface === 'message-action') return delivery('thread', 'public', { fallbackHint: INVITE_HINT });
  if (inv.surface === 'form') return delivery('reply', 'public', { fallbackHint: INVITE_HINT });
  return delivery('reply', inv.requestedVisibility ?? commandChoice ?? 'ephemeral');
}

/**
 * A button's answer. Share is for the channel (a refusal stays private); More turns the page of
 * a private answer in place, but on a message the channel sees it answers privately instead of
 * paging it for everyone; Export answers privately.
 */
export function actionDelivery(kind: ActionKind | undefined, press: ActionPress, reply: Reply): Delivery {
  if (kind === 'share' && reply.tone !== 'problem') {
    return delivery('reply', 'public', { original: SHARE_DELETES_ORIGINAL[press.platform] ? 'delete' : 'keep' });
  }
  if (kind === 'more' && press.onMessage === 'ephemeral') return delivery('reply', 'ephemeral', { original: 'replace' });
  return delivery('reply', 'ephemeral');
}

/** A pasted link answered by itself: in the place's mode; a message already in a thread is replied to there. */
export function pastedDelivery(settings: PlaceSettings, msg: LinkMessage): Delivery {
  const mode = settings.mode === 'thread' && msg.place.threadId !== undefined ? 'reply' : settings.mode;
  return delivery(mode, 'public');
}

/** Link previews: one thread answer where the channel wants threads and the bot can post there; previews otherwise. */
export function previewPlan(settings: PlaceSettings, msg: LinkMessage): { thread: boolean; hint?: string } {
  const threadMode = settings.mode === 'thread' && msg.composing !== true;
  if (threadMode && msg.place.botIsMember !== false) return { thread: true };
  return threadMode ? { thread: false, hint: THREAD_HINT } : { thread: false };
}

export function previewable(reply: Reply | undefined): reply is Reply {
  return reply !== undefined && PREVIEW_TONES.has(reply.tone);
}

export const threadDelivery = (): Delivery => delivery('thread', 'public');
export const unfurlDelivery = (hint: string | undefined): Delivery => delivery('unfurl', 'public', hint === undefined ? {} : { hint });
export const privateReply = (): Delivery => delivery('reply', 'ephemeral');
export const publicReply = (): Delivery => delivery('reply', 'public');
export const formDelivery = (): Delivery => delivery('form', 'ephemeral');

/**
 * What an adapter says when its own part failed (a payload it could not build or send, work that
 * outlived Discord's token): the core's words, privately. Adapters never word or aim these themselves.
 */
export const faultAnswer = (): Answer => answer(faultReply(), privateReply());
export const tooLateAnswer = (): Answer => answer(tooLateReply(), privateReply());

/**
 * Where the platform refused a public post because the bot is not in the channel: the same answer
 * privately with the core's hint under it; undefined when this delivery has no fallback (the error stands).
 */
export function privateFallback(a: Answer): Answer | undefined {
  const hint = a.delivery.fallbackHint;
  if (hint === undefined) return undefined;
  return answer({ ...a.reply, body: [...(a.reply.body ?? []), hint] }, { ...a.delivery, visibility: 'ephemeral' });
}
