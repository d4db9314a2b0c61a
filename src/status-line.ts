/**
 * One line of progress for the person waiting (the Typesense download, the local server
 * starting), on stderr so stdout stays the answer. On a terminal it is redrawn in place;
 * otherwise (CI, compose logs, a file) it is a plain line now and then, so logs stay short.
 */
export interface StatusLine {
  /** The work goes on: shown at once the first time, then at most every interval. */
  update(text: string): void;
  /** The work is over: its last word, always shown. */
  done(text: string): void;
}

export interface StatusSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

export const silentStatus: StatusLine = { update: () => undefined, done: () => undefined };

export function statusLine(sink: StatusSink, opts: { intervalMs?: number; now?: () => number } = {}): StatusLine {
  const tty = sink.isTTY === true;
  const now = opts.now ?? Date.now;
  const interval = opts.intervalMs ?? (tty ? 100 : 5000);
  let last: number | undefined;
  let open = false;
  return {
    update(text) {
      const t = now();
      if (last !== undefined && t - last < interval) return;
      last = t;
      if (tty) {
        sink.write(`\r\x1b[2K${text}`);
        open = true;
      } else sink.write(`${text}\n`);
    },
    done(text) {
      sink.write(tty && open ? `\r\x1b[2K${text}\n` : `${text}\n`);
      open = false;
      last = undefined;
    },
  };
}

const MB = 1024 * 1024;

/** "123.4 MB" */
export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** "12.3 MB/s" over the time given; "?" before anything could be measured. */
export function rate(bytes: number, ms: number): string {
  return ms <= 0 ? '? MB/s' : `${(bytes / MB / (ms / 1000)).toFixed(1)} MB/s`;
}
