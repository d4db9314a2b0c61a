/** Declarative command metadata: Discord registration and the Slack manifest are generated from it. */
import type { CommandInvocation, Reply, SuggestKind } from './types.js';

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

export interface CommandDeclaration<Ctx> {
  /** Subcommand name under /trained: lowercase, 1–32 characters. */
  name: string;
  description: string;
  options: readonly OptionDeclaration[];
  /** Only members who can manage the place may run it (settings). */
  requiresManager?: boolean;
  /** Platforms that offer it (default: all). */
  platforms?: readonly ('discord' | 'slack' | 'console' | 'cli')[];
  handle(invocation: CommandInvocation, ctx: Ctx): Promise<Reply>;
}

export class DuplicateCommandError extends Error {}

/** An explicit registry: no discovery by file name, duplicates rejected. */
export class CommandRegistry<Ctx> {
  private readonly commands = new Map<string, CommandDeclaration<Ctx>>();

  constructor(declarations: readonly CommandDeclaration<Ctx>[] = []) {
    for (const d of declarations) this.register(d);
  }

  register(declaration: CommandDeclaration<Ctx>): void {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(declaration.name)) throw new Error(`invalid command name "${declaration.name}"`);
    if (this.commands.has(declaration.name)) throw new DuplicateCommandError(`command "${declaration.name}" is declared twice`);
    this.commands.set(declaration.name, declaration);
  }

  get(name: string): CommandDeclaration<Ctx> | undefined {
    return this.commands.get(name);
  }

  list(): CommandDeclaration<Ctx>[] {
    return [...this.commands.values()];
  }
}
