import { constants, createWriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Market } from '../exchange/endpoints.js';
import { ConfigError } from '../errors/errors.js';
import type { Logger } from '../log/log.js';
import { frameLine } from './frame-line.js';

/** Appends received frames to a `--record` file. */
export interface Recorder {
  /** Records one frame as received from the market's stream on a connection with `listenKey`. */
  write(market: Market, text: string, listenKey?: string): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

// O_NOFOLLOW: a symlink planted at the path is refused, not followed. O_NONBLOCK: a FIFO without a
// reader fails at once instead of hanging; it is refused below anyway, and a regular file ignores it.
const FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Opens the file (`path` as written, from `cwd`) without following a symlink, and only if it is a regular file. */
async function openRegular(path: string, cwd: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    // 0o600: a recording shows the account's orders; only its owner should read it.
    handle = await open(resolve(cwd, path), FLAGS, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ELOOP' ? 'it is a symbolic link (refused: give the real path)' : code === 'ENXIO' ? 'it is not a regular file' : (code ?? String(err));
    throw new ConfigError(`--record: cannot open ${path} for appending: ${why}`);
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new ConfigError(`--record: ${path} is not a regular file; give the path of a file to append to`);
  }
  return handle;
}

/**
 * Opens (or creates, owner-only) the record file for appending. An existing file readable by others
 * is made owner-only. A failure to open is a usage error; a failure while writing is reported once
 * and recording stops, while tail goes on.
 */
export async function openRecorder(path: string, cwd: string, log: Logger, now: () => number): Promise<Recorder> {
  const handle = await openRegular(path, cwd);
  const { mode } = await handle.stat();
  if ((mode & 0o077) !== 0) {
    await handle.chmod(0o600);
    log.info(`--record: ${path} was readable by others (mode ${(mode & 0o777).toString(8)}); made it owner-only (600)`);
  }
  const file = createWriteStream(path, { fd: handle, flags: 'a' });
  let failed = false;
  file.on('error', (err: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    log.error(`--record: writing ${path} failed (${err.code ?? err.message}); recording stopped, tail goes on`);
  });
  return {
    write(market, text, listenKey) {
      if (!failed) file.write(`${frameLine(now(), market, text, listenKey)}\n`);
    },
    async close() {
      file.end();
      await finished(file).catch(() => {}); // a write error was already reported
    },
  };
}
