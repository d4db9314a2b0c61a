/**
 * Watches a CSV byte stream for quoting that broke. One stray `"` at the start of a cell
 * opens a quoted cell that the parser keeps filling until some later quote happens to close
 * it: every row in between becomes part of one cell and vanishes (with no closing quote at
 * all, the rest of the file does). Before a single row is lost, this stream stops with the
 * file and the line where the quote opened, when a quoted cell
 *  - holds two or more lines that read as whole rows (as many delimiters as the header),
 *  - holds more line breaks than the format allows (`maxCellLines`), or grows past 1 MB,
 *  - or is still open at the end of the file.
 * It follows the parser's own rules (papaparse, RFC 4180): a cell is quoted only when its
 * first character is `"`; inside, `""` is a quote; a quote not followed by the delimiter or
 * a line break does not close the cell.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { SourceError } from '../sources.js';

export const MAX_CELL_BYTES = 1024 * 1024;
export const DEFAULT_MAX_CELL_LINES = 50;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: it closes the cell, or is the first of `""`, or (followed by anything else) is text. */
  QuoteInQuoted,
}

export interface CsvGuardOptions {
  name: string;
  delimiter: string;
  maxCellLines?: number | undefined;
  maxCellBytes?: number | undefined;
}

export class CsvQuoteGuard extends Transform {
  private state = State.FieldStart;
  private line = 1;
  /** Delimiters on the first line: a line inside a cell with this many reads as a whole row. */
  private headerDelimiters = 0;
  private openedOnLine = 0;
  private cellBytes = 0;
  private cellBreaks = 0;
  private delimitersOnCellLine = 0;
  private rowLikeLines = 0;
  private firstRowLikeLine = 0;
  private readonly delimiter: number;
  private readonly maxCellLines: number;
  private readonly maxCellBytes: number;

  constructor(private readonly opts: CsvGuardOptions) {
    super();
    // Only single-byte delimiters are watched; any other CSV is passed through unwatched.
    this.delimiter = opts.delimiter.length === 1 && opts.delimiter.charCodeAt(0) < 0x80 ? opts.delimiter.charCodeAt(0) : -1;
    this.maxCellLines = opts.maxCellLines ?? DEFAULT_MAX_CELL_LINES;
    this.maxCellBytes = opts.maxCellBytes ?? MAX_CELL_BYTES;
  }

  private broke(why: string): SourceError {
    return new SourceError(
      `${this.opts.name}: the quoting broke on line ${this.openedOnLine}: a quoted cell opened there ${why} (a stray " in that line?); fix that line and build again`,
    );
  }

  /** Inside a quoted cell, a line ended: was it a whole row swallowed into the cell? */
  private cellLineEnded(): SourceError | undefined {
    this.cellBreaks += 1;
    const rowLike = this.headerDelimiters >= 2 && this.delimitersOnCellLine >= this.headerDelimiters;
    this.delimitersOnCellLine = 0;
    if (rowLike && (this.rowLikeLines += 1) === 1) this.firstRowLikeLine = this.line - 1;
    if (this.rowLikeLines >= 2) return this.broke(`swallows line ${this.firstRowLikeLine} and others that read as whole rows`);
    if (this.cellBreaks > this.maxCellLines) return this.broke(`runs over ${this.maxCellLines} line breaks without closing`);
    return undefined;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.delimiter < 0) {
      done(null, chunk);
      return;
    }
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      switch (this.state) {
        case State.FieldStart:
        case State.Unquoted:
          if (b === LF) {
            this.line += 1;
            this.state = State.FieldStart;
          } else if (b === this.delimiter) {
            if (this.line === 1) this.headerDelimiters += 1;
            this.state = State.FieldStart;
          } else if (b === QUOTE && this.state === State.FieldStart) {
            this.state = State.Quoted;
            this.openedOnLine = this.line;
            this.cellBytes = 0;
            this.cellBreaks = 0;
            this.rowLikeLines = 0;
            this.delimitersOnCellLine = 0;
          } else if (b !== CR) this.state = State.Unquoted;
          break;
        case State.Quoted:
          this.cellBytes += 1;
          if (b === QUOTE) this.state = State.QuoteInQuoted;
          else if (b === LF) {
            this.line += 1;
            const err = this.cellLineEnded();
            if (err !== undefined) {
              done(err);
              return;
            }
          } else if (b === this.delimiter) this.delimitersOnCellLine += 1;
          if (this.cellBytes > this.maxCellBytes) {
            done(this.broke(`grows past ${Math.round(this.maxCellBytes / 1024)} KB`));
            return;
          }
          break;
        case State.QuoteInQuoted:
          if (b === QUOTE) this.state = State.Quoted;
          else if (b === this.delimiter) {
            if (this.line === 1) this.headerDelimiters += 1;
            this.state = State.FieldStart;
          } else if (b === LF) {
            this.line += 1;
            this.state = State.FieldStart;
          } else if (b !== SPACE && b !== TAB && b !== CR) {
            // Text after a quote: the parser keeps the cell open (an "invalid quotes" cell).
            this.state = State.Quoted;
            this.cellBytes += 1;
          }
          break;
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.delimiter >= 0 && this.state === State.Quoted) done(this.broke('never closes before the end of the file'));
    else done();
  }
}
