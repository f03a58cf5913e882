import type { Readable, Writable } from 'node:stream';
import type { Env } from '../config/env.js';

/** The process as the commands see it; only src/cli touches `process`. */
export interface CliContext {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: Env;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}
