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
    if (!out.write(chunk) && !full) {
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
      if (broken || !out.writableNeedDrain) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('error', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('error', done);
        out.on('close', done);
      });
    },
  };
}
