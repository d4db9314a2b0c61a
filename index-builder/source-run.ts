/**
 * One source through the pipeline: files in order, batches mapped to documents and sent
 * with a few requests in flight. Results are committed to the checkpoint strictly in batch
 * order, so a checkpoint never claims rows whose batch is still on its way.
 */
import { toDocument } from '../src/index/document.js';
import type { Logger } from '../src/log.js';
import type { TypesenseClient } from '../src/typesense/client.js';
import { joinOf, type DatasetDescriptor } from './datasets/descriptor.js';
import { importDocuments } from './importer.js';
import { compileMapping, type RawRow } from './mapping.js';
import type { Progress } from './progress.js';
import { loadJoin, Malformed, openFile } from './readers/index.js';
import type { RejectSummary } from './report.js';
import type { Input } from './sources.js';
import { joinInput } from './sources.js';
import { addReject, mergeRejects, type SourceCheckpoint } from './state.js';

export interface Pipeline {
  client: TypesenseClient;
  collection: string;
  batchSize: number;
  concurrency: number;
  strict: boolean;
  log: Logger;
  progress: Progress;
  /** Called after the checkpoint advanced (the build saves it every few seconds). */
  onCommit(): Promise<void>;
  /** Looks at the checkpoint after each commit; throws to stop the build (too many rejects already). */
  watch?(descriptor: DatasetDescriptor, checkpoint: SourceCheckpoint): void;
}

interface Pending {
  file: number;
  lastRow: number;
  read: number;
  imported: number;
  rejects: RejectSummary[];
  idProblems: RejectSummary[];
  done: boolean;
}

export interface SourceResult {
  unmapped: string[];
  missingOptional: string[];
  /** Which column each field was read from. */
  used: string[];
  seconds: number;
  readThisRun: number;
  backoffs: number;
}

/** A rejected row under --strict. */
export class StrictStop extends Error {
  constructor(dataset: string, where: string, reason: string) {
    super(`${dataset}: row ${where} rejected (${reason}); stopping because of --strict`);
    this.name = 'StrictStop';
  }
}

export class SourceRun {
  private readonly queue: Pending[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown;
  private backoffs = 0;
  private readThisRun = 0;

  constructor(
    private readonly p: Pipeline,
    private readonly descriptor: DatasetDescriptor,
    private readonly inputs: Input[],
    private readonly checkpoint: SourceCheckpoint,
  ) {}

  async run(): Promise<SourceResult> {
    const started = Date.now();
    const bar = this.p.progress.start(this.descriptor.id, this.checkpoint.read);
    const unmapped = new Set<string>();
    const missing = new Set<string>();
    const used = new Set<string>();
    const format = this.descriptor.format;
    for (let f = this.checkpoint.file; f < this.inputs.length; f++) {
      const input = this.inputs[f];
      if (input === undefined) continue;
      const skip = f === this.checkpoint.file ? this.checkpoint.rowInFile : 0;
      let join: Map<string, RawRow> | undefined;
      const joinSpec = joinOf(format);
      if (joinSpec !== undefined) {
        const joined = await joinInput(this.descriptor, input);
        if (joined !== undefined) join = await loadJoin(joined, format);
        else
          this.p.log.info(
            { dataset: this.descriptor.id, file: joinSpec.file },
            `join file not given: rows get no ${Object.values(joinSpec.columns).join(', ')}`,
          );
      }
      const file = await openFile(this.descriptor, input);
      try {
        const joinedColumns = join === undefined ? [] : Object.values(joinSpec?.columns ?? {});
        const mapping = compileMapping(this.descriptor, input.name, [...file.columns, ...joinedColumns]);
        mapping.unmapped.forEach((c) => unmapped.add(c));
        mapping.missingOptional.forEach((c) => missing.add(c));
        mapping.used.forEach((c) => used.add(c));
        const joinKey = joinSpec?.key;
        for await (const batch of file.batches(skip, mapping.columns, this.p.batchSize)) {
          if (this.failure !== undefined) throw this.failure;
          const pending: Pending = {
            file: f,
            lastRow: batch.firstRow + batch.rows.length - 1,
            read: batch.rows.length,
            imported: 0,
            rejects: [],
            idProblems: [],
            done: false,
          };
          // Serialised as soon as it is made, so a document dies young instead of outliving a
          // batch of its fellows (less work for the garbage collector).
          const lines: string[] = [];
          const docRows: number[] = [];
          batch.rows.forEach((raw, i) => {
            const where = `${input.name}:${batch.firstRow + i}`;
            let result;
            if (raw instanceof Malformed) result = { ok: false as const, reason: raw.reason };
            else {
              const extra = join !== undefined && joinKey !== undefined ? join.get(String(raw[joinKey] ?? '').trim()) : undefined;
              result = mapping.map(extra === undefined ? raw : { ...raw, ...extra });
            }
            if (result.ok) {
              lines.push(JSON.stringify(toDocument(result.row)));
              docRows.push(batch.firstRow + i);
              for (const problem of result.idProblems ?? []) addReject(pending.idProblems, problem, where);
            } else {
              if (this.p.strict) throw new StrictStop(this.descriptor.id, where, result.reason);
              addReject(pending.rejects, result.reason, where);
            }
          });
          this.readThisRun += batch.rows.length;
          // This batch was made while `concurrency` imports were in flight; it waits for a free slot only
          // now, so the server is never left with fewer while the next batch is made.
          while (this.inflight.size >= this.p.concurrency) await Promise.race(this.inflight);
          if (this.failure !== undefined) throw this.failure;
          this.queue.push(pending);
          this.send(pending, lines, docRows, input.name);
          await this.commit();
          this.p.progress.update(bar, this.checkpoint.read + this.uncommittedRead(), this.fraction(f, file.fraction()));
        }
        // No drain here: the next file's first batch is made while this file's last imports are in flight
        // (a drain per file left the server idle at every boundary: Sleeping-DISCO is a file per letter).
      } finally {
        await file.close();
      }
    }
    await this.drain();
    // The report lists them too; a log line at info keeps a routine build's stderr empty.
    if (this.descriptor.columnsVerified === false && unmapped.size > 0) {
      this.p.log.info(
        { dataset: this.descriptor.id, unmapped: [...unmapped] },
        'fields in the files that no index field uses (column names not verified)',
      );
    }
    this.p.progress.update(bar, this.checkpoint.read, 1);
    this.p.progress.finish(bar);
    return {
      unmapped: this.descriptor.columnsVerified === false ? [...unmapped] : [],
      missingOptional: [...missing],
      used: [...used],
      seconds: (Date.now() - started) / 1000,
      readThisRun: this.readThisRun,
      backoffs: this.backoffs,
    };
  }

  private fraction(f: number, inFile: number | undefined): number | undefined {
    if (inFile === undefined) return undefined;
    return (f + inFile) / this.inputs.length;
  }

  private uncommittedRead(): number {
    return this.queue.reduce((n, q) => n + q.read, 0);
  }

  private send(pending: Pending, lines: string[], docRows: number[], fileName: string): void {
    const task = importDocuments(this.p.client, this.p.collection, lines, {
      onBackoff: (attempt, waitMs, reason) => {
        this.backoffs += 1;
        this.p.log.warn({ attempt, waitMs, reason }, 'Typesense asked to slow down; retrying the batch');
      },
    })
      .then((outcome) => {
        pending.imported = outcome.imported;
        for (const failure of outcome.failures) {
          const where = `${fileName}:${docRows[failure.index] ?? '?'}`;
          if (this.p.strict) throw new StrictStop(this.descriptor.id, where, `refused by Typesense: ${failure.error}`);
          addReject(pending.rejects, `refused by Typesense: ${failure.error.slice(0, 120)}`, where);
        }
        pending.done = true;
      })
      .catch((err: unknown) => {
        this.failure ??= err;
      });
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  /** Folds finished batches into the checkpoint, in order, stopping at the first still in flight. */
  private async commit(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    let advanced = false;
    while (this.queue[0]?.done === true) {
      const q = this.queue.shift();
      if (q === undefined) break;
      this.checkpoint.file = q.file;
      this.checkpoint.rowInFile = q.lastRow;
      this.checkpoint.read += q.read;
      this.checkpoint.imported += q.imported;
      mergeRejects(this.checkpoint.rejects, q.rejects);
      mergeRejects((this.checkpoint.idProblems ??= []), q.idProblems);
      advanced = true;
    }
    if (advanced) {
      this.p.watch?.(this.descriptor, this.checkpoint);
      await this.p.onCommit();
    }
  }

  private async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.race(this.inflight);
    await this.commit();
  }
}
