/**
 * The console adapter: a terminal prompt in front of the same core the chat adapters use.
 * `/trained …` or a typed query is text for the core, a line with links is a message,
 * `more` / `export` / `share` press the last answer's buttons, a form the core asks for is
 * filled line by line until an empty line, `/quit` or Ctrl-D leaves.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderText } from '../../src/core/render-text.js';
import { faultReply } from '../../src/core/replies.js';
import type { Answer, BotCore, FormRequest, Place, ReplyAction, UserRef } from '../../src/core/types.js';
import { extractLinks } from '../../src/links/extract.js';
import type { Logger } from '../../src/log.js';

export interface ConsoleOptions {
  bot: BotCore;
  input: Readable & { isTTY?: boolean };
  output: Writable;
  /** Where CSV attachments are written. */
  attachmentDir: string;
  user?: UserRef;
  /** Aborted on SIGINT/SIGTERM: the prompt closes as with Ctrl-D. */
  signal?: AbortSignal;
  /** Where the console's own faults (writing a CSV file) are logged before the core's apology is shown. */
  log?: Logger;
}

export const CONSOLE_PLACE: Place = { platform: 'console', channelId: 'console' };
const PROMPT = 'trained> ';
const GREETING =
  'Trained console. Try: /trained song:Bohemian Rhapsody artist:Queen · /trained artist:Queen · paste a track link · /trained help · /quit';
const BUTTON_WORDS: ReadonlySet<string> = new Set<ReplyAction['kind']>(['more', 'export', 'share']);

export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { bot, output } = opts;
  const user: UserRef = opts.user ?? { id: 'console', displayName: 'you', canManagePlace: true };
  const at = { user, place: CONSOLE_PLACE, platform: 'console' as const };
  const interactive = opts.input.isTTY === true;
  const rl = createInterface({ input: opts.input, output: interactive ? output : undefined, terminal: interactive });
  let lastActions: ReplyAction[] = [];
  let form: { request: FormRequest; lines: string[] } | undefined;
  let quitting = false;
  const say = (text: string): void => {
    output.write(`${text}\n`);
  };

  const show = async ({ reply, delivery, form: asked }: Answer): Promise<void> => {
    if (asked !== undefined) {
      form = { request: asked, lines: [] };
      say(`${asked.label}, then an empty line.`);
      return;
    }
    if (delivery.mode === 'silent') {
      say('(no answer)');
      return;
    }
    lastActions = reply.actions;
    say(renderText(reply));
    for (const a of reply.attachments ?? []) {
      const path = join(opts.attachmentDir, a.filename);
      await writeFile(path, a.content);
      say(`(saved ${a.filename} to ${path})`);
    }
    say('');
  };

  const handle = async (raw: string): Promise<void> => {
    const line = raw.trim();
    if (form !== undefined) {
      if (line !== '') {
        form.lines.push(line);
        return;
      }
      const { request, lines } = form;
      form = undefined;
      await show(
        await bot.handleCommand({ ...at, command: request.command, options: { [request.option]: lines.join('\n') }, surface: 'form' }),
      );
      return;
    }
    if (line === '') return;
    const lower = line.toLowerCase();
    if (lower === '/quit' || lower === '/exit' || lower === 'quit' || lower === 'exit') {
      quitting = true;
      rl.close();
      return;
    }
    const word = lower.replace(/^\//, '');
    if (BUTTON_WORDS.has(word)) {
      const pressed = lastActions.find((a) => a.kind === word);
      if (pressed === undefined) say(`Nothing to ${word === 'more' ? 'show more of' : word} here: the last answer has no such button.`);
      else await show(await bot.handleAction({ ...at, actionId: pressed.id, onMessage: 'ephemeral' }));
      return;
    }
    if (!lower.startsWith('/trained') && extractLinks(line).length > 0) {
      await show(await bot.handleMessage({ ...at, text: line, surface: 'typed-links' }));
      return;
    }
    await show(await bot.handleText({ ...at, text: line, surface: 'command' }));
  };

  say(GREETING);
  // Lines are answered one at a time, in order, even when pasted or piped faster than answers come.
  let queue: Promise<void> = Promise.resolve();
  const prompt = (): void => {
    if (!interactive || quitting) return;
    rl.setPrompt(form === undefined ? PROMPT : '... ');
    rl.prompt();
  };
  prompt();
  rl.on('line', (line) => {
    queue = queue
      .then(() => (quitting ? undefined : handle(line)))
      // The core answers its own faults; this is the console's own (writing a file, rendering): the core's one apology.
      .catch((err: unknown) => {
        opts.log?.error({ err }, 'console: could not answer a line');
        say(renderText(faultReply()));
      })
      .then(prompt);
  });
  // Ctrl-C at the prompt leaves too (readline would otherwise only pause).
  rl.on('SIGINT', () => rl.close());
  opts.signal?.addEventListener('abort', () => rl.close(), { once: true });
  await new Promise<void>((resolve) => rl.once('close', resolve));
  await queue;
  if (form !== undefined && form.lines.length > 0) await handle('');
  if (interactive) say('');
}
