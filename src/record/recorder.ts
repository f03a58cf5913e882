import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Market } from '../exchange/endpoints.js';
import { ConfigError } from '../errors/errors.js';
import type { Logger } from '../log/log.js';
import { frameLine } from './frame-line.js';

/** Appends received frames to a `--record` file. */
export interface Recorder {
  /** Records one frame as received from the market's stream. */
  write(market: Market, text: string): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens (or creates, owner-only) the record file for appending. A failure to open is a usage error;
 * a failure while writing is reported once and recording stops, while tail goes on.
 */
export async function openRecorder(path: string, log: Logger, now: () => number): Promise<Recorder> {
  // 0o600: a recording shows the account's orders; only its owner should read it.
  const file = createWriteStream(path, { flags: 'a', mode: 0o600 });
  try {
    await once(file, 'open');
  } catch (err) {
    throw new ConfigError(`--record: cannot open ${path} for appending: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let failed = false;
  file.on('error', (err: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    log.error(`--record: writing ${path} failed (${err.code ?? err.message}); recording stopped, tail goes on`);
  });
  return {
    write(market, text) {
      if (!failed) file.write(`${frameLine(now(), market, text)}\n`);
    },
    async close() {
      file.end();
      await finished(file).catch(() => {}); // a write error was already reported
    },
  };
}
