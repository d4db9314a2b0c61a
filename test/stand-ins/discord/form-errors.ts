/**
 * Discord's answer to a body it refuses: HTTP 400 with JSON error code 50035 ("Invalid Form
 * Body") and the failing fields nested by path, each with `_errors` (discord/discord-api-docs,
 * docs/topics/opcodes-and-status-codes "JSON Error Codes" and the example error responses in
 * docs/reference "Error Messages"). Oversized files are HTTP 413 with code 40005. The codes come
 * from discord-api-types' RESTJSONErrorCodes, not from our own copy.
 */
import { RESTJSONErrorCodes } from 'discord.js';

export type FieldPath = readonly (string | number)[];

export interface FormError {
  path: FieldPath;
  code: string;
  message: string;
}

/** Collects the refusals of one request body. */
export class FormErrors {
  constructor(
    readonly list: FormError[] = [],
    private readonly prefix: FieldPath = [],
  ) {}

  /** The same collection, for the part of the body under `path` (an interaction response's `data`). */
  at(path: FieldPath): FormErrors {
    return new FormErrors(this.list, [...this.prefix, ...path]);
  }

  add(path: FieldPath, code: string, message: string): void {
    this.list.push({ path: [...this.prefix, ...path], code, message });
  }

  /**
   * Runs one of discord.js's validators (a @sapphire/shapeshift predicate from
   * @discordjs/builders, or a builder method that calls one); its refusal becomes a form error.
   */
  check(path: FieldPath, validate: () => unknown): void {
    try {
      validate();
    } catch (error) {
      this.add(path, 'BUILDERS_VALIDATION', describe(error));
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** shapeshift errors carry what was expected (`expected.length <= 256`); RangeErrors say it in the message. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const expected = (error as { expected?: unknown }).expected;
  const nested = (error as { errors?: unknown }).errors;
  if (typeof expected === 'string') return `${error.message} (${expected})`;
  if (Array.isArray(nested) && nested.length > 0) {
    const first: unknown = nested[0];
    const inner = Array.isArray(first) ? first[1] : first;
    return `${error.message}: ${describe(inner)}`;
  }
  return error.message;
}

/** `{ embeds: { 0: { title: { _errors: [...] } } } }`, the shape Discord nests field errors in. */
export function invalidFormBody(errors: readonly FormError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const key of e.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const list = (node['_errors'] ??= []) as { code: string; message: string }[];
    list.push({ code: e.code, message: e.message });
  }
  return { code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, message: 'Invalid Form Body', errors: root };
}

export function entityTooLarge(): Record<string, unknown> {
  return { code: RESTJSONErrorCodes.RequestEntityTooLarge, message: 'Request entity too large' };
}
