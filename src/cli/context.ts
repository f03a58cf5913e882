import type { Readable, Writable } from 'node:stream';
import type { Env } from '../config/env.js';

/** The process as the commands see it; only src/cli touches `process`. */
export interface CliContext {
  /** Keys for `board`; raw mode is only ever set by the board's screen, which always unsets it. */
  stdin: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: Env;
  cwd: string;
  /** Aborted on SIGINT, SIGTERM and SIGHUP. */
  signal: AbortSignal;
  /**
   * Every value that must never be printed in full (API key, secret, listenKeys), filled as the command
   * learns them; the loggers and the fatal error line scrub with it.
   */
  secrets: Set<string>;
}
