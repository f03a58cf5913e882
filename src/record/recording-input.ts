/**
 * Opening what `replay` reads: a file, a FIFO or process substitution (`<(zcat rec.ndjson.gz)`), or
 * stdin for `-`. Each is read once, front to back, so none of them needs to be seekable.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigError } from '../errors/errors.js';

/** A recording to read, and the name messages call it by. */
export interface RecordingInput {
  stream: Readable;
  name: string;
}

/** Opens `path` ('-' is `stdin`; relative from `cwd`); a path that cannot be read is a ConfigError that says why. */
export async function openRecording(path: string, stdin: Readable, cwd: string): Promise<RecordingInput> {
  if (path === '-') return { stream: stdin, name: 'stdin' };
  const cannot = (why: string) => new ConfigError(`cannot read recording ${path}: ${why}`);
  let handle;
  try {
    handle = await open(resolve(cwd, path), 'r');
  } catch (err) {
    throw cannot((err as NodeJS.ErrnoException).code ?? String(err));
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw cannot('it is a directory');
  }
  return { stream: createReadStream('', { fd: handle, encoding: 'utf8' }), name: path };
}
