import { selectKinds } from '../events/filter.js';
import type { StreamEvent } from '../events/types.js';
import type { StreamTimers } from '../stream/timers.js';
import type { SupervisorSnapshot } from '../stream/supervisor.js';
import type { ResolvedEndpoints } from '../exchange/endpoints.js';
import type { Logger } from '../log/log.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import { createFollow } from '../run/follow.js';

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
 * delivering order and account events as objects. Nothing is written to stdout, which belongs to
 * the board's screen.
 */
export function startFeed(config: FeedConfig, io: FeedIo, onEvent: (e: StreamEvent) => void): Feed {
  const follow = createFollow(
    {
      endpoints: config.endpoints,
      apiKey: config.apiKey,
      timers: config.timers,
      filter: { events: selectKinds(['order', 'account']) },
      closeListenKey: false,
      reconcile: config.reconcile,
    },
    { log: io.log, now: io.now, random: io.random, onConnected: io.onConnected, deliver: (e) => onEvent(e) },
  );
  const onAbort = () => void follow.stop();
  io.signal.addEventListener('abort', onAbort, { once: true });
  const done = (async () => {
    try {
      if (!io.signal.aborted) await follow.run();
    } finally {
      io.signal.removeEventListener('abort', onAbort);
      await follow.stop();
    }
  })();
  return {
    health() {
      const s = follow.snapshot();
      return { state: STATE_LABELS[s.state], lastEventAtMs: s.lastFrameAtMs, reconnects: s.reconnects };
    },
    done,
  };
}
