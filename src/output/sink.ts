import type { Writable } from 'node:stream';

export interface SinkOptions {
  /** The reader went away (`| head`): a normal ending, not an error. */
  onBrokenPipe: () => void;
  onError: (err: Error) => void;
  /** true when stdout's buffer is full (stop reading the socket), false once it drained. */
  onPressure: (full: boolean) => void;
  /** Lines are gathered and written together once this many characters are waiting. @default 65_536 */
  batchChars?: number;
}

/** The one writer of stdout: batches lines, reports backpressure, and treats EPIPE as a normal end. */
export interface Sink {
  write(line: string): void;
  /** Resolves when every line written so far has been handed to the OS (or the pipe is gone). */
  flush(): Promise<void>;
}

/** Creates the stdout sink. */
export function createSink(out: Writable, { onBrokenPipe, onError, onPressure, batchChars = 65_536 }: SinkOptions): Sink {
  let pending = '';
  let scheduled = false;
  let full = false;
  let broken = false;
  let inFlight = 0;
  const flushed: (() => void)[] = [];

  function written() {
    inFlight--;
    if (inFlight === 0) for (const resolve of flushed.splice(0)) resolve();
  }

  out.on('error', function handleOutError(err: NodeJS.ErrnoException) {
    if (err.code === 'EPIPE') {
      // The reader left (`| head -3`); what it did not read is of no use to anyone.
      broken = true;
      onBrokenPipe();
    } else {
      onError(err);
    }
  });
  out.on('drain', function handleDrain() {
    if (!full) return;
    full = false;
    onPressure(false);
  });

  function writeOut() {
    scheduled = false;
    if (pending === '' || broken) return;
    const chunk = pending;
    pending = '';
    inFlight++;
    if (!out.write(chunk, written) && !full) {
      full = true;
      onPressure(true);
    }
  }

  return {
    write(line) {
      if (broken) return;
      pending += `${line}\n`;
      if (pending.length >= batchChars) writeOut();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(writeOut);
      }
    },
    flush() {
      writeOut();
      if (broken || inFlight === 0 || out.destroyed) return Promise.resolve();
      return new Promise((resolve) => flushed.push(resolve));
    },
  };
}
