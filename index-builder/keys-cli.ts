/** `trained-index keys`: the bot's two keys, printed as .env lines or written into a file (index-builder/keys.ts). */
import type { TypesenseClient } from '../src/typesense/client.js';
import { checkKeyPowers } from '../src/typesense/key-check.js';
import type { TypesenseNode } from '../src/config.js';
import { BuildError } from './build-error.js';
import { makeKeys } from './keys.js';

export interface KeysCliOptions {
  admin: TypesenseClient;
  nodes: readonly TypesenseNode[];
  alias: string;
  file: string | undefined;
  rotate: boolean;
  current: { TYPESENSE_API_KEY?: string | undefined; TYPESENSE_SETTINGS_KEY?: string | undefined };
  timeoutMs: number;
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export async function runKeys(o: KeysCliOptions): Promise<number> {
  const current: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.current)) if (v !== undefined && v !== '') current[k] = v;
  const result = await makeKeys({ admin: o.admin, alias: o.alias, file: o.file, rotate: o.rotate, current });
  // What the bot will be given is checked as the bot checks it (reliability check 24): search-only.
  const verdict = await checkKeyPowers({ nodes: o.nodes, apiKey: result.values.TYPESENSE_API_KEY, alias: o.alias, timeoutMs: o.timeoutMs });
  if (verdict.kind === 'can-write') throw new BuildError(`the search key can ${verdict.powers.join(', ')}: not written`);
  const what = `a search-only key on the alias "${o.alias}" and a key for the settings collection`;
  for (const reason of result.reasons) o.err.write(`Replaced ${reason}.\n`);
  if (o.file === undefined) {
    o.err.write(`Made ${what}. Put these lines in the bot's .env (or run with --write .env):\n`);
    o.out.write(`TYPESENSE_API_KEY=${result.values.TYPESENSE_API_KEY}\nTYPESENSE_SETTINGS_KEY=${result.values.TYPESENSE_SETTINGS_KEY}\n`);
  } else if (result.made.length === 0) o.out.write(`The keys in ${o.file} still work (${what}); nothing changed.\n`);
  else
    o.out.write(
      `Wrote ${result.made.join(' and ')} into ${o.file} (other lines kept)${result.kept.length > 0 ? `; kept ${result.kept.join(', ')}` : ''}` +
        `${result.deleted > 0 ? `; deleted ${result.deleted} replaced key${result.deleted > 1 ? 's' : ''}` : ''}. Restart the bot to use them.\n`,
    );
  return 0;
}
