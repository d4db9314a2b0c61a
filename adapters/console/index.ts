/**
 * The console adapter: a terminal prompt in front of the same core the chat adapters use.
 * `/trained …` runs a command, a line with links is a link message, `more` / `export` /
 * `share` press the last answer's buttons, `/quit` or Ctrl-D leaves.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderText } from '../../src/core/render-text.js';
import { parseTextInvocation } from '../../src/core/text-invocation.js';
import type { BotCore, Place, Reply, ReplyAction, UserRef } from '../../src/core/types.js';
import { extractLinks } from '../../src/links/extract.js';

export interface ConsoleOptions {
  bot: BotCore;
  input: Readable & { isTTY?: boolean };
  output: Writable;
  /** Where CSV attachments are written. */
  attachmentDir: string;
  user?: UserRef;
  /** Aborted on SIGINT/SIGTERM: the prompt closes as with Ctrl-D. */
  signal?: AbortSignal;
}

export const CONSOLE_PLACE: Place = { platform: 'console', channelId: 'console' };
const PROMPT = 'trained> ';
const GREETING =
  'Trained console. Try: /trained song:Bohemian Rhapsody artist:Queen · /trained artist:Queen · paste a track link · /trained help · /quit';

export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { bot, output } = opts;
  const user: UserRef = opts.user ?? { id: 'console', displayName: 'you', canManagePlace: true };
  const interactive = opts.input.isTTY === true;
  const rl = createInterface({ input: opts.input, output: interactive ? output : undefined, terminal: interactive });
  let lastActions: ReplyAction[] = [];
  let listLines: string[] | undefined;
  let quitting = false;
  const say = (text: string): void => {
    output.write(`${text}\n`);
  };

  const show = async (reply: Reply | undefined): Promise<void> => {
    if (reply === undefined) {
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
    if (listLines !== undefined) {
      if (line !== '') {
        listLines.push(line);
        return;
      }
      const lines = listLines.join('\n');
      listLines = undefined;
      await show(await bot.handleCommand({ command: 'list', options: { lines }, user, place: CONSOLE_PLACE, platform: 'console' }));
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
    if (word === 'more' || word === 'export' || word === 'share') {
      const pressed = lastActions.find((a) => a.kind === word);
      if (pressed === undefined) say(`Nothing to ${word === 'more' ? 'show more of' : word} here: the last answer has no such button.`);
      else await show(await bot.handleAction(pressed.id, user, CONSOLE_PLACE));
      return;
    }
    if (lower === '/trained list' || lower === 'list') {
      listLines = [];
      say('Paste one "title - artist" or link per line, then an empty line.');
      return;
    }
    if (!lower.startsWith('/trained') && extractLinks(line).length > 0) {
      await show(await bot.handleLinkMessage({ text: line, user, place: CONSOLE_PLACE, platform: 'console', explicit: true }));
      return;
    }
    const parsed = parseTextInvocation(line);
    if (!parsed.ok) {
      say(parsed.error);
      return;
    }
    await show(
      await bot.handleCommand({ command: parsed.command, options: parsed.options, user, place: CONSOLE_PLACE, platform: 'console' }),
    );
  };

  say(GREETING);
  // Lines are answered one at a time, in order, even when pasted or piped faster than answers come.
  let queue: Promise<void> = Promise.resolve();
  const prompt = (): void => {
    if (!interactive || quitting) return;
    rl.setPrompt(listLines === undefined ? PROMPT : '... ');
    rl.prompt();
  };
  prompt();
  rl.on('line', (line) => {
    queue = queue
      .then(() => (quitting ? undefined : handle(line)))
      .catch((err: unknown) => say(`Sorry, that failed: ${err instanceof Error ? err.message : String(err)}`))
      .then(prompt);
  });
  // Ctrl-C at the prompt leaves too (readline would otherwise only pause).
  rl.on('SIGINT', () => rl.close());
  opts.signal?.addEventListener('abort', () => rl.close(), { once: true });
  await new Promise<void>((resolve) => rl.once('close', resolve));
  await queue;
  if (listLines !== undefined && listLines.length > 0) await handle('');
  if (interactive) say('');
}
