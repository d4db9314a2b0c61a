import pino, { type Logger as PinoLogger, type DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type Logger = Pick<PinoLogger, 'debug' | 'info' | 'warn' | 'error' | 'child'>;

/**
 * Paths pino blanks before a line is written. Anything that may carry a secret is listed
 * by name; test/system/log-secrets.test.ts logs each of them at debug level (reliability check 17).
 */
export const REDACTED_PATHS = [
  'token',
  'apiKey',
  'adminKey',
  'searchKey',
  'signingSecret',
  'appToken',
  'botToken',
  'interactionToken',
  'authorization',
  'headers.authorization',
  'headers["x-typesense-api-key"]',
  'headers["x-slack-signature"]',
  '*.token',
  '*.apiKey',
  '*.adminKey',
  '*.searchKey',
  '*.signingSecret',
  '*.appToken',
  '*.botToken',
  '*.interactionToken',
  '*.authorization',
  'config.discord.token',
  'config.slack.botToken',
  'config.slack.appToken',
  'config.slack.signingSecret',
  'config.typesense.apiKey',
];

export interface LogOptions {
  level: string;
  /** Strings that must never be written, whatever field they hide in (tokens, keys). */
  secrets?: readonly string[];
  destination?: DestinationStream;
  /**
   * Human-readable lines (pino-pretty) instead of JSON. Default: when stderr is a terminal, so a
   * person running the bot reads "INFO: Discord adapter ready" while compose, systemd and log
   * shippers get one JSON object a line.
   */
  pretty?: boolean;
}

/** Replaces any configured secret that slipped into free text (an error message, a URL). */
function scrubber(secrets: readonly string[]): (text: string) => string {
  const live = secrets.filter((s) => s.length >= 8);
  return (text) => live.reduce((acc, s) => acc.split(s).join('[Redacted]'), text);
}

export function createLogger(opts: LogOptions): Logger {
  const scrub = scrubber(opts.secrets ?? []);
  const terminal = opts.destination === undefined && process.stderr.isTTY === true;
  const destination: DestinationStream = opts.destination ?? pino.destination({ dest: 2, sync: false });
  // pino-pretty rather than a hand-written formatter: it knows pino's fields (err with its stack,
  // level names, times). Its synchronous formatter, so the scrubbed JSON line is what it formats.
  const format =
    (opts.pretty ?? terminal)
      ? prettyFactory({ colorize: terminal && process.stderr.hasColors(), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : (line: string) => line;
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    { write: (line: string) => destination.write(format(scrub(line))) },
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
