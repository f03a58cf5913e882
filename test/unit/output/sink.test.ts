import { Writable } from 'node:stream';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createSink, type SinkOptions } from '../../../src/output/sink.js';

interface Recorder {
  out: Writable;
  chunks: string[];
  /** Chunks whose write callback has run: handed on, as far as the sink can tell. */
  done: string[];
}

/** A real Writable whose write completes after `delayMs`, or fails with `failWith`. */
function recorder({ highWaterMark = 1_024, delayMs = 0, failWith }: { highWaterMark?: number; delayMs?: number; failWith?: NodeJS.ErrnoException } = {}): Recorder {
  const chunks: string[] = [];
  const done: string[] = [];
  const out = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      chunks.push(chunk);
      setTimeout(() => {
        if (failWith) return callback(failWith);
        done.push(chunk);
        callback();
      }, delayMs);
    },
  });
  return { out, chunks, done };
}

function handlers() {
  const events: string[] = [];
  const errors: Error[] = [];
  const options: SinkOptions = {
    onBrokenPipe: () => events.push('broken-pipe'),
    onError: (err) => {
      events.push('error');
      errors.push(err);
    },
    onPressure: (full) => events.push(full ? 'full' : 'drained'),
  };
  return { events, errors, options };
}

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`write ${code}`), { code });

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}

describe('createSink', () => {
  it('gathers the lines of one turn into a single write', async () => {
    const { out, chunks } = recorder();
    const sink = createSink(out, handlers().options);
    sink.write('one');
    sink.write('two');
    sink.write('three');
    expect(chunks).toEqual([]);
    await nextTurn();
    expect(chunks).toEqual(['one\ntwo\nthree\n']);
  });

  it('writes at once when batchChars characters are waiting', () => {
    const { out, chunks } = recorder();
    const sink = createSink(out, { ...handlers().options, batchChars: 8 });
    sink.write('abc');
    expect(chunks).toEqual([]);
    sink.write('defg');
    expect(chunks).toEqual(['abc\ndefg\n']);
  });

  it('reports pressure when the writer is full and relief once it drained', async () => {
    const { out, done } = recorder({ highWaterMark: 16, delayMs: 20 });
    const { events, options } = handlers();
    const sink = createSink(out, options);
    sink.write('a line longer than the sixteen-character buffer');
    await nextTurn();
    expect(events).toEqual(['full']);
    await until(() => events.length === 2);
    expect(events).toEqual(['full', 'drained']);
    expect(done).toHaveLength(1);
  });

  it('reports pressure once, not once per write, while the writer stays full', async () => {
    const { out } = recorder({ highWaterMark: 16, delayMs: 20 });
    const { events, options } = handlers();
    const sink = createSink(out, { ...options, batchChars: 1 });
    for (let i = 0; i < 5; i++) sink.write(`line number ${i} is long enough`);
    expect(events).toEqual(['full']);
    await until(() => events.length === 2);
    expect(events).toEqual(['full', 'drained']);
  });

  it('reports no pressure while the writer keeps up', async () => {
    const { out, chunks } = recorder({ highWaterMark: 1_024 });
    const { events, options } = handlers();
    const sink = createSink(out, options);
    sink.write('short');
    await sink.flush();
    await sleep(10);
    expect(chunks).toEqual(['short\n']);
    expect(events).toEqual([]);
  });

  it('resolves flush only once every line has been handed on', async () => {
    const { out, done } = recorder({ highWaterMark: 16, delayMs: 30 });
    const sink = createSink(out, handlers().options);
    sink.write('first line of output');
    sink.write('second line of output');
    await sink.flush();
    expect(done.join('')).toBe('first line of output\nsecond line of output\n');
  });

  it('resolves flush at once when nothing is waiting', async () => {
    const { out } = recorder();
    await expect(createSink(out, handlers().options).flush()).resolves.toBeUndefined();
  });

  it('treats EPIPE as the reader leaving: onBrokenPipe, not onError, and later lines are dropped', async () => {
    const { out, chunks } = recorder({ failWith: errno('EPIPE') });
    const { events, options } = handlers();
    const sink = createSink(out, options);
    sink.write('read by nobody');
    await until(() => events.length > 0);
    expect(events).toEqual(['broken-pipe']);
    sink.write('after the pipe broke');
    await expect(sink.flush()).resolves.toBeUndefined();
    expect(chunks).toEqual(['read by nobody\n']);
  });

  it('passes any other write error to onError', async () => {
    const failure = errno('ENOSPC');
    const { out } = recorder({ failWith: failure });
    const { events, errors, options } = handlers();
    const sink = createSink(out, options);
    sink.write('no room');
    await until(() => events.length > 0);
    expect(events).toEqual(['error']);
    expect(errors).toEqual([failure]);
  });

  it('resolves a pending flush when the writer fails', async () => {
    const { out } = recorder({ highWaterMark: 4, delayMs: 10, failWith: errno('EPIPE') });
    const sink = createSink(out, handlers().options);
    sink.write('waiting for a drain that never comes');
    await expect(sink.flush()).resolves.toBeUndefined();
  });
});
