/**
 * Sends one batch of documents with `action=upsert` and reads every line's result (the
 * endpoint answers 200 even when lines fail). The server sets the pace: 503 "Not Ready or
 * Lagging" and dropped connections are backed off and retried, growing the wait, until a
 * deadline; any other refusal (bad key, missing collection) is a fault at once.
 */
import type { TypesenseClient } from '../src/typesense/client.js';

export interface ImportOutcome {
  imported: number;
  /** Index into the batch and the server's reason, for lines the server refused. */
  failures: { index: number; error: string }[];
  /** Times the server pushed back before the batch went in. */
  backoffs: number;
}

export interface ImportOptions {
  /** Longest total wait for one batch under backpressure before giving up. */
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onBackoff?: (attempt: number, waitMs: number, reason: string) => void;
}

/** The server refused the request itself (not a line in it). */
export class TypesenseRequestError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | undefined,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'TypesenseRequestError';
  }
}

/** The line Typesense answers for an accepted document: no need to parse it. */
const SUCCESS = '{"success":true}';

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function statusOf(err: unknown): number | undefined {
  const s = (err as { httpStatus?: unknown }).httpStatus;
  return typeof s === 'number' ? s : undefined;
}

/** 503 and 429 are the server asking us to slow down; no status means the connection failed. */
function isBackpressure(err: unknown): boolean {
  const status = statusOf(err);
  return status === undefined || status === 503 || status === 429 || status === 502 || status === 504;
}

export function describeRequestError(err: unknown): string {
  const status = statusOf(err);
  const message = (err as Error).message ?? String(err);
  if (status === 401 || status === 403) return `Typesense refused the admin key (HTTP ${status})`;
  if (status === undefined) return `cannot reach Typesense: ${message}`;
  return `Typesense answered HTTP ${status}: ${message}`;
}

/** One batch: each document already serialised as one line of JSON (see `SourceRun`). */
export async function importDocuments(
  client: TypesenseClient,
  collection: string,
  lines: readonly string[],
  opts: ImportOptions = {},
): Promise<ImportOutcome> {
  if (lines.length === 0) return { imported: 0, failures: [], backoffs: 0 };
  const body = lines.join('\n');
  const sleep = opts.sleep ?? defaultSleep;
  const deadline = Date.now() + (opts.deadlineMs ?? 300_000);
  let wait = 100;
  for (let attempt = 1; ; attempt++) {
    let raw: string;
    try {
      raw = await client.collections(collection).documents().import(body, { action: 'upsert' });
    } catch (err) {
      if (!isBackpressure(err) || Date.now() + wait > deadline) {
        throw new TypesenseRequestError(describeRequestError(err), statusOf(err), { cause: err });
      }
      opts.onBackoff?.(attempt, wait, (err as Error).message);
      await sleep(wait);
      wait = Math.min(wait * 2, 10_000);
      continue;
    }
    const failures: { index: number; error: string }[] = [];
    const results = raw.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = results[i];
      if (line === SUCCESS) continue;
      let ok = false;
      let error = 'no result line for this document';
      if (line !== undefined) {
        try {
          const res = JSON.parse(line) as { success?: boolean; error?: string };
          ok = res.success === true;
          error = res.error ?? 'refused';
        } catch {
          error = 'unreadable result line';
        }
      }
      if (!ok) failures.push({ index: i, error });
    }
    return { imported: lines.length - failures.length, failures, backoffs: attempt - 1 };
  }
}
