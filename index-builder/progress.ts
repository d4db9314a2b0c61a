/**
 * Progress for the person running a build: on a terminal a bar per source redrawn in place
 * (\r and ANSI cursor-up; no library needed), otherwise a plain line every few seconds.
 */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

interface Row {
  label: string;
  rows: number;
  /** Rows read by an earlier, interrupted run of this build: counted in the total, not in the rate. */
  before: number;
  fraction: number | undefined;
  startedAt: number;
  done: boolean;
}

const BAR = 24;
const fmt = (n: number): string => n.toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}

export class Progress {
  private readonly rows: Row[] = [];
  private drawn = 0;
  private lastLine = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Finished rows already printed (plain-line mode prints each finish once). */
  private readonly reported = new Set<Row>();

  constructor(
    private readonly sink: ProgressSink | undefined,
    private readonly tty: boolean,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = tty ? 200 : 5000,
  ) {}

  /**
   * A source starts. On a terminal its bar is drawn at once (at 0%, or where a resumed build
   * left off), so it is seen from the first row and never first appears at 100% after a silence.
   * Plain lines (logs, CI) keep their interval: a source that fails at once stays one line.
   */
  start(label: string, alreadyRead = 0): number {
    this.rows.push({ label, rows: alreadyRead, before: alreadyRead, fraction: 0, startedAt: this.now(), done: false });
    if (this.sink !== undefined && this.timer === undefined) {
      this.timer = setInterval(() => this.render(false), this.intervalMs);
      this.timer.unref();
    }
    if (this.tty) this.render(true);
    return this.rows.length - 1;
  }

  update(i: number, rows: number, fraction: number | undefined): void {
    const row = this.rows[i];
    if (row === undefined) return;
    row.rows = rows;
    row.fraction = fraction;
  }

  finish(i: number): void {
    const row = this.rows[i];
    if (row === undefined) return;
    row.done = true;
    row.fraction = 1;
    this.render(true);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.render(true);
  }

  private line(row: Row): string {
    const seconds = Math.max(0.001, (this.now() - row.startedAt) / 1000);
    // Rows per second of this run, as the build's report counts them (rows read before a resume took no time now).
    const rate = (row.rows - row.before) / seconds;
    const f = row.fraction;
    const eta = row.done ? 'done' : f === undefined || f <= 0 ? 'ETA ?' : `ETA ${duration((seconds * (1 - f)) / f)}`;
    const pct = f === undefined ? '' : ` ${Math.floor(f * 100)}%`;
    if (!this.tty) return `${row.label}: ${fmt(row.rows)} rows${pct}, ${fmt(Math.round(rate))} rows/s, ${eta}`;
    const filled = f === undefined ? 0 : Math.min(BAR, Math.round(f * BAR));
    return `${row.label.padEnd(18)} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]${pct.padStart(5)} ${fmt(row.rows).padStart(12)} rows ${fmt(Math.round(rate)).padStart(8)}/s ${eta}`;
  }

  private render(force: boolean): void {
    if (this.sink === undefined || this.rows.length === 0) return;
    if (this.tty) {
      const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
      this.sink.write(`${up}${this.rows.map((r) => `\r\x1b[2K${this.line(r)}\n`).join('')}`);
      this.drawn = this.rows.length;
      return;
    }
    if (!force && this.now() - this.lastLine < this.intervalMs) return;
    this.lastLine = this.now();
    for (const row of this.rows) {
      if (this.reported.has(row)) continue;
      if (row.done) this.reported.add(row);
      else if (force) continue;
      this.sink.write(`${this.line(row)}\n`);
    }
  }
}
