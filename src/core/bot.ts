/**
 * The bot core: takes commands, typed text, messages with links and button presses from any
 * adapter, routes them through the command registry it is given, and answers each with
 * `{ reply, delivery }`. Faults (index down, deadline passed) become short apology replies
 * here (guard.ts), so an adapter never has to catch anything from the core.
 */
import type { Config } from '../config.js';
import { createRateLimiter, type QueueDepths, type RateLimiter } from '../limits/rate-limits.js';
import type { LinkResolver } from '../links/types.js';
import type { Logger } from '../log.js';
import type { SearchPort } from '../search/port.js';
import type { PlaceSettingsStore } from '../settings/store.js';
import { decodeAction } from './actions.js';
import { CommandRegistry, type CommandDeclaration } from './commands.js';
import type { CommandContext, LookupContext } from './context.js';
import { LinkDeduplicator } from './dedup.js';
import {
  actionDelivery,
  answer,
  commandDelivery,
  formDelivery,
  MESSAGE_ACTION_AS_LIST,
  privateReply,
  publicReply,
  threadDelivery,
} from './delivery.js';
import { createGuard, type Guarded } from './guard.js';
import { createLinkMessageHandler } from './link-messages.js';
import { noAnswerReply, simpleReply } from './replies.js';
import { createTextParser, stripControl, textHint } from './text-invocation.js';
import type {
  ActionPress,
  Answer,
  BotCore,
  CommandInvocation,
  Delivery,
  LinkMessage,
  PlanRequest,
  SuggestKind,
  TextRequest,
} from './types.js';

export interface BotDeps {
  search: SearchPort;
  config: Config;
  log: Logger;
  settings: PlaceSettingsStore;
  /** The registry: every command the bot answers, in the order help lists them (commands/index.ts). */
  commands: readonly CommandDeclaration<CommandContext>[];
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

/** Suggestions Discord accepts: at most 25, each at most 100 characters. */
const MAX_SUGGESTIONS = 25;

const GUILD_ONLY =
  'Settings belong to a server that has added Trained; here Trained runs as your own app, so there is nothing to set. Lookups work everywhere.';
const STALE_BUTTON = 'That button no longer works. Please run the command again.';

/** Step 1: the limiter, from the configuration unless one is injected. */
function limiterFor(deps: BotDeps, now: () => number): RateLimiter {
  return (
    deps.limiter ??
    createRateLimiter({
      limits: deps.config.limits,
      now,
      onStoreError: (err) =>
        deps.log.error({ err }, 'rate limits: the shared store (Redis) failed; limiting in this process until it answers'),
    })
  );
}

/** Step 2: what a command or a lookup gets: ports and the deadline's signal, never tokens or the whole Config. */
function contexts(deps: BotDeps, registry: CommandRegistry<CommandContext>) {
  const summaries = registry
    .list()
    .map((c) => ({ name: c.name, description: c.description, requiresManager: c.requiresManager, hint: textHint(c) }));
  const lookup = (signal: AbortSignal): LookupContext => ({ search: deps.search, resolver: deps.resolver, signal });
  const command = (signal: AbortSignal): CommandContext => ({
    ...lookup(signal),
    settings: deps.settings,
    commands: summaries,
    skipKeyword: deps.config.links.skipKeyword,
  });
  return { lookup, command };
}

/** Step 3: commands, whether parsed by the platform or typed as text. */
function commandHandlers(registry: CommandRegistry<CommandContext>, guard: Guarded, context: (signal: AbortSignal) => CommandContext) {
  const parse = createTextParser(registry.list());

  const handleCommand = async (inv: CommandInvocation): Promise<Answer> => {
    const command = registry.get(inv.command);
    const refuse = (text: string): Answer => answer(simpleReply('problem', text), commandDelivery(inv, undefined));
    if (command === undefined) return refuse(`Unknown command "${inv.command.slice(0, 40)}". Try /trained help.`);
    if (command.requiresManager === true && inv.place.installed === false) return refuse(GUILD_ONLY);
    if (command.requiresManager === true && inv.user.canManagePlace !== true) {
      return refuse('Only members who can manage this server or workspace can change settings.');
    }
    const what = { command: inv.command, platform: inv.platform, surface: inv.surface };
    // Silence is only for link messages; a command always gets an answer, even when rate limited twice.
    const reply = (await guard(what, inv.user, inv.place, (signal) => command.handle(inv, context(signal)))) ?? noAnswerReply();
    return { ...answer(reply, commandDelivery(inv, command.visibility?.(inv, reply))), command: command.name };
  };

  /** A command typed alone that asks for the rest in a form (`list`), when the surface can show one. */
  const formFor = (req: TextRequest): Answer | undefined => {
    if (req.surface !== 'command') return undefined;
    const word = stripControl(req.text)
      .trim()
      .replace(/^\/trained\b/i, '')
      .trim()
      .toLowerCase();
    const command = registry.get(word);
    const option = command?.text?.rest;
    if (command?.form === undefined || option === undefined) return undefined;
    const form = { ...command.form, command: command.name, option };
    return answer(simpleReply('info', form.title, [form.hint]), formDelivery(), { form });
  };

  const handleParsed = async (req: TextRequest): Promise<Answer> => {
    const parsed = parse(req.text);
    const base = { user: req.user, place: req.place, platform: req.platform, surface: req.surface };
    if (!parsed.ok) return answer(simpleReply('problem', parsed.error), req.surface === 'mention' ? threadDelivery() : privateReply());
    return handleCommand({ ...base, command: parsed.command, options: parsed.options });
  };

  return { handleCommand, formFor, handleParsed };
}

export function createBot(deps: BotDeps): RunningBot {
  const { config, log } = deps;
  const now = deps.now ?? Date.now;
  const registry = new CommandRegistry<CommandContext>(deps.commands);
  const limiter = limiterFor(deps, now);
  const guard = createGuard(limiter, log, config.lookupDeadlineMs);
  const context = contexts(deps, registry);
  const commands = commandHandlers(registry, guard, context.command);
  const linkMessage = createLinkMessageHandler({
    settings: deps.settings,
    links: config.links,
    lookupDeadlineMs: config.lookupDeadlineMs,
    log,
    guard,
    dedup: new LinkDeduplicator(config.links.dedupWindowMs, now),
    lookupContext: context.lookup,
  });

  const handleText = async (req: TextRequest): Promise<Answer> => {
    const form = commands.formFor(req);
    if (form !== undefined) return form;
    if (req.surface === 'mention') {
      const plain = req.text.trim();
      // A mention holds a link, a query in the text forms, or several lines (a list).
      if (!plain.includes('\n') && /https?:\/\//i.test(plain)) return linkMessage({ ...req, surface: 'mention' });
      if (plain.toLowerCase() === 'list') {
        return answer(
          simpleReply('info', 'Use /trained list to paste a list, or mention me with one song or link per line.'),
          threadDelivery(),
        );
      }
    }
    return commands.handleParsed(req);
  };

  const handleMessage = async (msg: LinkMessage): Promise<Answer> => {
    const lines = registry.list().find((c) => c.text?.multiline === true);
    if (msg.surface !== 'message-action' || !MESSAGE_ACTION_AS_LIST[msg.platform] || lines?.text?.rest === undefined)
      return linkMessage(msg);
    const text = stripControl(msg.text).trim();
    if (text === '') return answer(simpleReply('info', 'That message has no text to check.'), privateReply());
    const { user, place, platform } = msg;
    return commands.handleCommand({
      command: lines.name,
      options: { [lines.text.rest]: text },
      user,
      place,
      platform,
      surface: 'message-action',
    });
  };

  const handleAction = async (press: ActionPress): Promise<Answer> => {
    const action = decodeAction(press.actionId);
    const command = action === undefined ? undefined : registry.byActionCode(action.code);
    const what = { action: action?.kind, command: command?.name, platform: press.platform };
    const reply =
      (await guard(what, press.user, press.place, async (signal) =>
        action === undefined || command?.onAction === undefined
          ? undefined
          : ((await command.onAction.run(action.kind, action.fields, context.command(signal))) ?? simpleReply('problem', STALE_BUTTON)),
      )) ?? (action === undefined || command === undefined ? simpleReply('problem', STALE_BUTTON) : noAnswerReply());
    return answer(reply, actionDelivery(action?.kind, press, reply));
  };

  const ok = simpleReply('info', '');
  const plan = (req: PlanRequest): Delivery => {
    if ('press' in req) return actionDelivery(decodeAction(req.press.actionId)?.kind, req.press, ok);
    if ('command' in req) return commandDelivery(req.command, undefined);
    const m = req.message;
    if (m.surface === 'message-action' && MESSAGE_ACTION_AS_LIST[m.platform])
      return commandDelivery({ ...m, command: '', options: {} }, undefined);
    return m.surface === 'mention' ? threadDelivery() : m.surface === 'message-action' ? privateReply() : publicReply();
  };

  const suggest = async (kind: SuggestKind, prefix: string): Promise<string[]> => {
    try {
      const values = await deps.search.suggest(prefix.slice(0, 100), kind, MAX_SUGGESTIONS);
      return values.map((v) => [...v].slice(0, 100).join('')).slice(0, MAX_SUGGESTIONS);
    } catch (err) {
      log.warn({ err, kind }, 'suggestions unavailable');
      return [];
    }
  };

  return {
    handleCommand: commands.handleCommand,
    handleText,
    handleMessage,
    handleAction,
    plan,
    suggest,
    queued: () => limiter.queued(),
    close: () => limiter.close(),
  };
}
