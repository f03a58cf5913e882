import type { Writable } from 'node:stream';
import type { StreamEvent } from '../events/types.js';
import type { Logger } from '../log/log.js';
import type { PrettyOptions } from '../output/pretty.js';
import { loadChalk } from '../output/color.js';
import type { AccountTag, OutputMode } from '../output/printer.js';
import { createSink } from '../output/sink.js';
import { createAhead, type ListenKeyApi } from '../rest/listen-key.js';
import type { WeightQueue } from '../rest/weight-queue.js';
import type { StreamTransition, SupervisorSnapshot } from '../stream/supervisor.js';
import type { FollowConfig } from './follow.js';
import { streamKeys } from './stream-keys.js';

/** Everything `tail` needs, already validated. */
export interface TailConfig extends Omit<FollowConfig, 'account'> {
  output: OutputMode;
  /** 0 = no colour; see output/color.ts. */
  colorLevel: 0 | 1 | 2 | 3;
  /** Terminal width and time zone of pretty lines. */
  pretty?: PrettyOptions;
  /** Stop after this many printed events. */
  count?: number | undefined;
  /** Start pretty lines with the market: several markets share stdout. */
  tagMarket?: boolean;
  /** The account from an accounts file: its name is set on every event and starts every pretty line. */
  account?: AccountTag | undefined;
}

/** The outside world, injected so tests and the demo can run the same code. */
export interface TailIo {
  stdout: Writable;
  log: Logger;
  /** Aborted on SIGINT/SIGTERM: stop, flush, resolve. */
  signal: AbortSignal;
  now: () => number;
  random: () => number;
  /** Called for every printed event. */
  onPrinted?: (e: StreamEvent) => void;
  /** Called with every frame received, before it is parsed, and the key of its connection (tail --record). */
  onFrame?: (text: string, listenKey: string | undefined) => void;
  /** Observes the supervisor's transitions (reconnects, retries, rotations, closed gaps). */
  onTransition?: (transition: StreamTransition) => void;
  /** Shows the stream's health while the run lasts (the --status-line display). */
  status?: { start(read: () => SupervisorSnapshot): void; stop(): void };
  /** The REST weight queue shared by every stream of the process (one IP, one budget); without it the run counts alone. */
  weights?: WeightQueue;
}

/**
 * Follows one market's user-data stream and prints it until stopped; rejects only on a fatal error.
 * The listenKey request goes out first: the socket, the frame parser and the printer load while it
 * travels, so the exchange hears from a starting tail before most of its code is compiled.
 */
export async function runTail(config: TailConfig, io: TailIo): Promise<void> {
  if (io.signal.aborted) return;
  const keys = createAhead(streamKeys(config, io));
  try {
    await printStream(config, io, keys);
  } finally {
    keys.abandon();
  }
}

/** Loads the stream and the printer (after the listenKey request went out), then prints until stopped. */
async function printStream(config: TailConfig, io: TailIo, keys: ListenKeyApi): Promise<void> {
  const [{ createFollow }, { createPrinter }, chalk] = await Promise.all([
    import('./follow.js'),
    import('../output/printer.js'),
    config.output === 'pretty' ? loadChalk(config.colorLevel) : undefined,
  ]);
  const { log } = io;
  let printed = 0;
  let stopping: Promise<void> | undefined;
  const sink = createSink(io.stdout, {
    onBrokenPipe: () => void stop(),
    onError: (err) => {
      log.error(`cannot write to stdout: ${err.message}`);
      void stop();
    },
    onPressure: (full) => (full ? follow.pause() : follow.resume()),
  });
  const print = createPrinter({
    output: config.output,
    market: config.endpoints.market,
    chalk,
    tagMarket: config.tagMarket ?? false,
    account: config.account,
    pretty: config.pretty,
  });
  const follow = createFollow({ ...config, account: config.account?.name }, {
    log,
    weights: io.weights,
    keys,
    now: io.now,
    random: io.random,
    onFrame: io.onFrame,
    onTransition: io.onTransition,
    deliver: (e, text) => {
      sink.write(print(e, text));
      io.onPrinted?.(e);
      printed++;
      if (config.count !== undefined && printed >= config.count) void stop();
    },
  });

  function stop(): Promise<void> {
    stopping ??= (async () => {
      await follow.stop();
      await sink.flush();
    })();
    return stopping;
  }

  const onAbort = () => void stop();
  io.signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (io.signal.aborted) return;
    io.status?.start(follow.snapshot);
    await follow.run();
  } finally {
    io.status?.stop();
    io.signal.removeEventListener('abort', onAbort);
    await stop();
  }
}
