/**
 * The bot core: takes invocations, link messages and button presses from any adapter and
 * answers each with a Reply value. Faults (index down, deadline passed) become short
 * apology replies here, so an adapter never has to catch anything from the core.
 */
import { COMMANDS } from '../../commands/index.js';
import type { Config } from '../config.js';
import { extractLinks, MAX_LINKS_PER_MESSAGE } from '../links/extract.js';
import type { LinkResolver, RecognisedLink } from '../links/types.js';
import { createRateLimiter, type QueueDepths, type RateLimiter } from '../limits/rate-limits.js';
import type { Logger } from '../log.js';
import { SearchUnavailableError, type SearchPort } from '../search/port.js';
import type { PlaceSettingsStore } from '../settings/store.js';
import { decodeAction } from './actions.js';
import { artistExport, artistReply } from './artist-lookup.js';
import { CommandRegistry } from './commands.js';
import type { CommandContext } from './context.js';
import { LinkDeduplicator } from './dedup.js';
import { lookupLinks } from './link-lookup.js';
import { linksReply } from './link-reply.js';
import { answerLinks, isReleaseMessage } from './release-lookup.js';
import { busyReply, faultReply, notReadyReply, simpleReply, slowDownReply, timeoutReply, unavailableReply } from './replies.js';
import { songExport, songLookup } from './song-lookup.js';
import type { BotCore, CommandInvocation, LinkMessage, Place, Reply, SuggestKind, UserRef } from './types.js';

export interface BotDeps {
  search: SearchPort;
  config: Config;
  log: Logger;
  settings: PlaceSettingsStore;
  resolver?: LinkResolver | undefined;
  now?: () => number;
  /** Injected in tests; built from config.limits otherwise. */
  limiter?: RateLimiter | undefined;
}

/** BotCore plus monitoring and shutdown: limiters drain and Redis connections close. */
export interface RunningBot extends BotCore {
  /** Jobs waiting in the per-user and per-place limiters. */
  queued(): QueueDepths;
  close(): Promise<void>;
}

/**
 * Links read from one message to count those over the cap (MAX_LINKS_PER_MESSAGE are
 * checked): past this, the reply says "at least". Extraction stays linear in the message.
 */
const MAX_LINKS_COUNTED = 1000;

/** Suggestions Discord accepts: at most 25, each at most 100 characters. */
export const MAX_SUGGESTIONS = 25;

class DeadlineError extends Error {}

export function createBot(deps: BotDeps): RunningBot {
  const { search, config, log, settings } = deps;
  const now = deps.now ?? Date.now;
  const registry = new CommandRegistry<CommandContext>(COMMANDS);
  const limiter =
    deps.limiter ??
    createRateLimiter({
      limits: config.limits,
      now,
      onStoreError: (err) => log.error({ err }, 'rate limits: the shared store (Redis) failed; limiting in this process until it answers'),
    });
  const dedup = new LinkDeduplicator(config.links.dedupWindowMs, now);
  const commandList = () => registry.list().map((c) => ({ name: c.name, description: c.description, requiresManager: c.requiresManager }));

  const context = (signal: AbortSignal, visibility: Reply['visibility']): CommandContext => ({
    search,
    settings,
    config,
    log,
    resolver: deps.resolver,
    now,
    signal,
    commands: commandList,
    visibility,
  });

  /** Runs `work` under the lookup deadline and the rate limits, turning every fault into a reply. */
  const guarded = async (
    what: Record<string, unknown>,
    user: UserRef,
    place: Place,
    work: (signal: AbortSignal) => Promise<Reply | undefined>,
    deadlineMs = config.lookupDeadlineMs,
  ): Promise<Reply | undefined> => {
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
      if (limited.refusal === 'slow-down') return slowDownReply();
      if (limited.refusal === 'busy') return busyReply();
      return undefined;
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

  const handleCommand = async (inv: CommandInvocation): Promise<Reply> => {
    const command = registry.get(inv.command);
    if (command === undefined || (command.platforms !== undefined && !command.platforms.includes(inv.platform))) {
      return simpleReply('problem', `Unknown command "${inv.command.slice(0, 40)}". Try /trained help.`);
    }
    if (command.requiresManager === true && inv.user.canManagePlace !== true) {
      return simpleReply('problem', 'Only members who can manage this server or workspace can change settings.');
    }
    const what = { command: inv.command, platform: inv.platform };
    const reply = await guarded(what, inv.user, inv.place, (signal) => command.handle(inv, context(signal, 'ephemeral')));
    // Silence is only for link messages; a command always gets an answer, even when rate limited twice.
    return reply ?? slowDownReply();
  };

  const handleLinkMessage = async (msg: LinkMessage): Promise<Reply | undefined> => {
    if (msg.user.isBot === true) return undefined;
    const explicit = msg.explicit === true;
    const skip = config.links.skipKeyword.toLowerCase();
    if (skip !== '' && msg.text.toLowerCase().includes(skip)) return undefined;
    let links: RecognisedLink[] = extractLinks(msg.text, MAX_LINKS_COUNTED);
    if (links.length === 0) {
      return explicit ? simpleReply('info', "I don't see a track link I recognise in that message.") : undefined;
    }
    if (!explicit) {
      const placeSettings = await settings.get(msg.place).catch((err: unknown) => {
        log.error({ err }, 'settings unavailable; treating auto-replies as off');
        return undefined;
      });
      if (placeSettings?.autoReply !== true) return undefined;
      links = links.filter((l) => l.kind !== 'other');
    }
    // Only the links answered now are remembered as answered: a skipped one is answered when pasted again.
    const { fresh, skipped } = explicit
      ? { fresh: links.slice(0, MAX_LINKS_PER_MESSAGE), skipped: Math.max(0, links.length - MAX_LINKS_PER_MESSAGE) }
      : dedup.take(msg.place, links, MAX_LINKS_PER_MESSAGE);
    if (fresh.length === 0) return undefined;
    const what = { links: fresh.length, skipped, platform: msg.platform, explicit };
    const reply = await guarded(
      what,
      msg.user,
      msg.place,
      async (signal) => {
        const ctx = context(signal, 'public');
        const info = await search.indexInfo({ signal });
        if (info === undefined) return explicit ? notReadyReply() : undefined;
        if (isReleaseMessage(fresh, skipped)) {
          // A release summary is a long answer: posted unasked only when a track was found.
          const release = await answerLinks(ctx, fresh, info, 'public', skipped);
          return explicit || release.tone === 'found' ? release : undefined;
        }
        const answers = await lookupLinks(ctx, fresh, info);
        // Automatic answers stay quiet unless something was found: no clutter under every video link.
        if (!explicit && !answers.some((a) => a.status === 'found' || a.status === 'candidates')) return undefined;
        return linksReply(answers, info, 'public', skipped);
      },
      Math.min(config.lookupDeadlineMs, config.links.deadlineMs + 2000),
    );
    // An automatic answer that failed is not worth interrupting a conversation for.
    if (!explicit && reply?.tone === 'problem') return undefined;
    return reply;
  };

  const handleAction = async (actionId: string, user: UserRef, place: Place): Promise<Reply> => {
    const action = decodeAction(actionId);
    if (action === undefined) return simpleReply('problem', 'That button no longer works. Please run the command again.');
    const visibility: Reply['visibility'] = action.kind === 'share' ? 'public' : 'ephemeral';
    const reply = await guarded({ action: action.kind, command: action.target.command }, user, place, async (signal) => {
      const ctx = context(signal, visibility);
      const t = action.target;
      if (t.command === 'song') {
        const q = { title: t.title, artist: t.artist, dataset: t.dataset, page: t.page };
        return action.kind === 'export' ? songExport(ctx, q) : songLookup(ctx, q);
      }
      if (t.command === 'artist') return action.kind === 'export' ? artistExport(ctx, t.name) : artistReply(ctx, t.name);
      const links = extractLinks(t.url, 1);
      const info = await search.indexInfo({ signal });
      if (info === undefined) return notReadyReply();
      return linksReply(await lookupLinks(ctx, links, info), info, visibility);
    });
    return reply ?? slowDownReply();
  };

  const suggest = async (kind: SuggestKind, prefix: string): Promise<string[]> => {
    try {
      const values = await search.suggest(prefix.slice(0, 100), kind, MAX_SUGGESTIONS);
      return values.map((v) => [...v].slice(0, 100).join('')).slice(0, MAX_SUGGESTIONS);
    } catch (err) {
      log.warn({ err, kind }, 'suggestions unavailable');
      return [];
    }
  };

  return { handleCommand, handleLinkMessage, handleAction, suggest, queued: () => limiter.queued(), close: () => limiter.close() };
}
