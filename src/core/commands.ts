/**
 * Declarative commands: each `commands/*.ts` declares its options, how it is typed, its
 * handler and its buttons. Discord registration, the Slack manifest, the text parser's keys,
 * the usage hints and help are all generated from these declarations.
 */
import type { ActionKind, CommandInvocation, FormRequest, Reply, SuggestKind, Visibility } from './types.js';

export interface OptionDeclaration {
  name: string;
  description: string;
  type: 'string' | 'boolean' | 'integer';
  required?: boolean;
  /** Suggestions come from the index. */
  autocomplete?: SuggestKind;
  choices?: readonly { name: string; value: string }[];
  maxLength?: number;
}

/** How a command is typed as text (`/trained <text>` on Slack, the console, mentions). */
export interface TextSyntax {
  /** The short form shown in usage hints; generated from the options when absent. */
  hint?: string;
  /** Other keys for an option: `song:` sets `title`. */
  aliases?: Readonly<Record<string, string>>;
  /** The option that `<command> <rest>` fills, and that a lead before the first key fills (`Bohemian Rhapsody artist:Queen`). */
  rest?: string;
  /** Bare text that is nothing else is this command: `link` for a lone link, `text` for anything else. */
  bare?: 'link' | 'text';
  /** Text of several lines is this command, whole, in its `rest` option. */
  multiline?: boolean;
}

/** A form that asks for the command's `rest` option when it is typed alone (`list`). */
export type FormDeclaration = Omit<FormRequest, 'command' | 'option'>;

export interface ActionDeclaration<Ctx> {
  /** Short code that marks this command's action ids (ids must fit in 100 characters). */
  code: string;
  /** Answers a press of one of this command's buttons from the fields its reply encoded; undefined when they are not valid. */
  run(kind: ActionKind, fields: readonly string[], ctx: Ctx): Promise<Reply> | undefined;
}

export interface CommandDeclaration<Ctx> {
  /** Subcommand name under /trained: lowercase, 1–32 characters. */
  name: string;
  description: string;
  options: readonly OptionDeclaration[];
  /** Only members who can manage the place may run it (settings); never where no install owns the place. */
  requiresManager?: boolean;
  text?: TextSyntax;
  form?: FormDeclaration;
  /**
   * Who sees an answer when the person could not say (Slack has no `public` option): undefined
   * means privately. A settings change or a list's summary is for the channel.
   */
  visibility?: (invocation: CommandInvocation, reply: Reply) => Visibility | undefined;
  handle(invocation: CommandInvocation, ctx: Ctx): Promise<Reply>;
  onAction?: ActionDeclaration<Ctx>;
}

export class DuplicateCommandError extends Error {}

/** An explicit registry: no discovery by file name; duplicate names or action codes rejected. */
export class CommandRegistry<Ctx> {
  private readonly commands = new Map<string, CommandDeclaration<Ctx>>();
  private readonly byCode = new Map<string, CommandDeclaration<Ctx>>();

  constructor(declarations: readonly CommandDeclaration<Ctx>[]) {
    for (const d of declarations) this.register(d);
  }

  private register(declaration: CommandDeclaration<Ctx>): void {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(declaration.name)) throw new Error(`invalid command name "${declaration.name}"`);
    if (this.commands.has(declaration.name)) throw new DuplicateCommandError(`command "${declaration.name}" is declared twice`);
    const code = declaration.onAction?.code;
    if (code !== undefined && this.byCode.has(code)) throw new DuplicateCommandError(`action code "${code}" is declared twice`);
    this.commands.set(declaration.name, declaration);
    if (code !== undefined) this.byCode.set(code, declaration);
  }

  get(name: string): CommandDeclaration<Ctx> | undefined {
    return this.commands.get(name);
  }

  /** The command whose buttons carry this action code. */
  byActionCode(code: string): CommandDeclaration<Ctx> | undefined {
    return this.byCode.get(code);
  }

  list(): CommandDeclaration<Ctx>[] {
    return [...this.commands.values()];
  }
}
