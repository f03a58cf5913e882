import { Writable } from 'node:stream';
import { selectKinds } from '../events/filter.js';
import type { StreamEvent } from '../events/types.js';
import type { StreamTimers } from '../stream/timers.js';
import type { SupervisorSnapshot } from '../stream/supervisor.js';
import type { ResolvedEndpoints } from '../exchange/endpoints.js';
import type { Logger } from '../log/log.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import { runTail } from '../run/tail.js';

/** The stream's health as the board's status bar shows it. */
export interface FeedHealth {
  /** connecting, connected, reconnecting, stopped. */
  state: 'connecting' | 'connected' | 'reconnecting' | 'stopped';
  lastEventAtMs: number | undefined;
  reconnects: number;
}

export interface FeedConfig {
  endpoints: ResolvedEndpoints;
  apiKey: string;
  timers: StreamTimers;
  reconcile: ReconcileSettings;
}

export interface FeedIo {
  log: Logger;
  signal: AbortSignal;
  now: () => number;
  random: () => number;
  /** The first connection is open: a REST snapshot taken from now on misses nothing. */
  onConnected: () => void;
}

/** A running follow of the account's stream. */
export interface Feed {
  health(): FeedHealth;
  /** Resolves once the signal stopped the stream; rejects with the error that ended it (a refused key). */
  readonly done: Promise<void>;
}

const STATE_LABELS: Readonly<Record<SupervisorSnapshot['state'], FeedHealth['state']>> = {
  connecting: 'connecting',
  open: 'connected',
  rotating: 'connected',
  backoff: 'reconnecting',
  stopped: 'stopped',
};

/**
 * The board's one link to the stream: the same core as `tail` (reconnects, dedupe, gap recovery),
 * delivering order and account events as objects instead of printed lines. Nothing is written to
 * stdout, which belongs to the board's screen.
 */
export function startFeed(config: FeedConfig, io: FeedIo, onEvent: (e: StreamEvent) => void): Feed {
  let read: (() => SupervisorSnapshot) | undefined;
  const done = runTail(
    {
      endpoints: config.endpoints,
      apiKey: config.apiKey,
      timers: config.timers,
      filter: { events: selectKinds(['order', 'account']) },
      output: 'json',
      colorLevel: 0,
      closeListenKey: false,
      reconcile: config.reconcile,
    },
    {
      stdout: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
      log: io.log,
      signal: io.signal,
      now: io.now,
      random: io.random,
      onPrinted: onEvent,
      onConnected: io.onConnected,
      status: {
        start: (source) => {
          read = source;
        },
        stop: () => {},
      },
    },
  );
  return {
    health() {
      const s = read?.();
      if (!s) return { state: 'connecting', lastEventAtMs: undefined, reconnects: 0 };
      return { state: STATE_LABELS[s.state], lastEventAtMs: s.lastFrameAtMs, reconnects: s.reconnects };
    },
    done,
  };
}
