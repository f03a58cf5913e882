import { escapeControls } from './control-chars.js';
import { formatClock } from './time-format.js';
import { scrub } from './redact.js';

/** How chatty stderr is: quiet prints errors only, verbose adds state changes and debug detail. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/**
 * A line-oriented stderr logger. Every line passes through the secret scrubber, and control
 * characters from the wire are escaped, so a line is one line and cannot drive the terminal.
 */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** Registers a value (API key, secret, listenKey) that must never be printed in full. */
  addSecret(secret: string): void;
  readonly verbosity: Verbosity;
}

export interface LoggerOptions {
  write: (text: string) => void;
  verbosity: Verbosity;
  now?: () => number;
  /** Values never printed in full; shared, so a secret the caller learns later is scrubbed too. */
  secrets?: Set<string>;
}

/** Creates the stderr logger; `write` is the only place its text goes. */
export function createLogger({ write, verbosity, now = Date.now, secrets = new Set() }: LoggerOptions): Logger {
  const known = secrets;
  const line = (text: string) => write(`${escapeControls(scrub(text, known))}\n`);
  const emit = (label: string, message: string) => line(`${formatClock(now())} ${label}${message}`);
  return {
    verbosity,
    error: (message) => line(`binance-orders: ${message}`),
    warn: (message) => verbosity !== 'quiet' && emit('warning: ', message),
    info: (message) => verbosity !== 'quiet' && emit('', message),
    debug: (message) => verbosity === 'verbose' && emit('debug: ', message),
    addSecret: (secret) => {
      if (secret.length > 0) known.add(secret);
    },
  };
}

/**
 * Lets at most `limit` warnings of one kind through per `windowMs`, then reports how many were held
 * back, so a flood of bad frames cannot fill a disk with stderr.
 */
export function rateLimitedWarn(log: Logger, limit: number, windowMs: number, now: () => number = Date.now) {
  let windowStartMs = now();
  let shown = 0;
  let suppressed = 0;
  return (message: string) => {
    const t = now();
    if (t - windowStartMs >= windowMs) {
      if (suppressed > 0) log.warn(`${suppressed} similar warnings suppressed in the last ${Math.round((t - windowStartMs) / 1000)}s`);
      windowStartMs = t;
      shown = 0;
      suppressed = 0;
    }
    if (shown < limit) {
      shown++;
      log.warn(message);
    } else {
      suppressed++;
    }
  };
}

/** The same logger with a prefix on every line, e.g. the market when several run in one process. */
export function withPrefix(log: Logger, prefix: string): Logger {
  return {
    verbosity: log.verbosity,
    error: (message) => log.error(`${prefix}${message}`),
    warn: (message) => log.warn(`${prefix}${message}`),
    info: (message) => log.info(`${prefix}${message}`),
    debug: (message) => log.debug(`${prefix}${message}`),
    addSecret: (secret) => log.addSecret(secret),
  };
}
