import type { EventFilter } from '../events/filter.js';
import type { StreamEvent } from '../events/types.js';
import type { ResolvedEndpoints } from '../exchange/endpoints.js';
import { rateLimitedWarn, type Logger } from '../log/log.js';
import { redactKey } from '../log/redact.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { attachReconciliation, type ReconcileSettings } from '../reconcile/attach.js';
import type { ListenKeyApi } from '../rest/listen-key.js';
import type { WeightQueue } from '../rest/weight-queue.js';
import { createSupervisor, type Gap, type StreamTransition, type SupervisorSnapshot } from '../stream/supervisor.js';
import type { StreamTimers } from '../stream/timers.js';
import { streamKeys } from './stream-keys.js';

/** What one market's stream needs, already validated. */
export interface FollowConfig {
  endpoints: ResolvedEndpoints;
  apiKey: string;
  /** The variable the key came from, named when the exchange refuses it. @default 'BINANCE_API_KEY' */
  apiKeyName?: string | undefined;
  /** The account's name from an accounts file: set on every event. */
  account?: string | undefined;
  timers: StreamTimers;
  filter: EventFilter;
  /** DELETE the listenKey on stop (cuts every other consumer of the account). */
  closeListenKey: boolean;
  /** Recovery of updates lost in gaps over signed REST. @default { mode: 'off' } */
  reconcile?: ReconcileSettings | undefined;
}

/** Where the stream's output goes, and the clock it runs on. */
export interface FollowHooks {
  log: Logger;
  now: () => number;
  random: () => number;
  /**
   * Every event once, in order, after dedupe and filter: the hot path. `text` is the frame the
   * event was parsed from, undefined for an event recovered over REST.
   */
  deliver: (e: StreamEvent, text: string | undefined) => void;
  /** Every frame received, before it is parsed, and the key of its connection (tail --record). */
  onFrame?: ((text: string, listenKey: string | undefined) => void) | undefined;
  /** The first connection is open: from then on no update can pass unseen (a REST snapshot taken now misses nothing). */
  onConnected?: (() => void) | undefined;
  /** A gap closed: when no socket delivered events, and why. */
  onGap?: ((gap: Gap) => void) | undefined;
  /** Observes the supervisor's transitions (state changes, retries, rotations, closed gaps); must not throw. */
  onTransition?: ((transition: StreamTransition) => void) | undefined;
  /** The REST weight queue shared by every stream of the process (one IP, one budget); without it the stream counts alone. */
  weights?: WeightQueue | undefined;
  /** The stream's listenKey calls when the caller made them (streamKeys), e.g. to send the first one early. */
  keys?: ListenKeyApi | undefined;
}

/** One market's stream: connection lifecycle, dedupe, filter and gap recovery, with no output of its own. */
export interface Follow {
  /**
   * Prints the --since history over REST (when asked), then follows the stream. Resolves after
   * stop(); rejects with the error that ended the stream (a refused API key) or the history.
   */
  run(): Promise<void>;
  /** Closes sockets, stops recovery and clears every timer; idempotent. */
  stop(): Promise<void>;
  /** Stops reading from the socket(s) until resume(): TCP pushes back on the exchange. */
  pause(): void;
  resume(): void;
  snapshot(): SupervisorSnapshot;
}

const BAD_FRAME_WARNINGS_PER_MINUTE = 10;

/**
 * The one composition of the stream that tail, wait, the several-markets mode and followOrders()
 * share: REST client, listenKey, supervisor, pipeline and reconciliation, wired once.
 */
export function createFollow(config: FollowConfig, hooks: FollowHooks): Follow {
  const { endpoints, timers } = config;
  const { log, now } = hooks;
  log.addSecret(config.apiKey);
  const { weights } = hooks;
  const keys = hooks.keys ?? streamKeys(config, hooks);
  let opened = false;
  let stopping: Promise<void> | undefined;
  const reconciliation = attachReconciliation(config.reconcile ?? { mode: 'off' }, {
    endpoints,
    apiKey: config.apiKey,
    log,
    now,
    restTimeoutMs: timers.restTimeoutMs,
    retryDelayMs: timers.backoffCapMs,
    print: (e) => pipeline.handleEvent(e),
    ...(weights ? { weights } : {}),
    apiKeyName: config.apiKeyName,
  });
  const pipeline = createPipeline({
    market: endpoints.market,
    filter: config.filter,
    account: config.account,
    deliver: hooks.deliver,
    admit: reconciliation.admit,
    onBadFrame: rateLimitedWarn(log, BAD_FRAME_WARNINGS_PER_MINUTE, 60_000, now),
  });
  const supervisor = createSupervisor({
    keys,
    streamTemplate: endpoints.streamTemplate,
    timers,
    now,
    random: hooks.random,
    log,
    closeListenKeyOnStop: config.closeListenKey,
    onFrame: (text, conn) => {
      hooks.onFrame?.(text, conn.listenKey);
      pipeline.handleFrame(text, {
        onKeyExpired: (named) => {
          // A late notice about a key already replaced must not cut the live stream; PM's notice names no key.
          if (named !== undefined && conn.listenKey !== undefined && named !== conn.listenKey) {
            log.debug(`stream: ignored listenKeyExpired for ${redactKey(named)}, not this connection's key`);
            return;
          }
          supervisor.keyExpired(conn);
        },
        onServerShutdown: () => supervisor.serverShutdown(conn),
      });
    },
    onGap: (gap) => {
      reconciliation.onGap(gap);
      hooks.onGap?.(gap);
    },
    onTransition: hooks.onTransition,
    onOpen: (_conn, reconnected) => {
      if (!reconnected) log.info(`stream: connected to ${endpoints.market} ${endpoints.network} user data; waiting for events`);
      // The baseline waits for the first socket, so that nothing changes unseen between the two.
      if (!opened) {
        reconciliation.start();
        hooks.onConnected?.();
      } else if (!reconnected) reconciliation.onRotated(supervisor.snapshot().keyObtainedAtMs ?? now());
      opened = true;
    },
  });

  return {
    async run() {
      // --since: the history over REST comes first; the stream then starts where it ended (see Reconciler.start).
      await reconciliation.catchUp();
      if (stopping) return;
      await supervisor.run();
    },
    stop() {
      stopping ??= (async () => {
        await supervisor.stop();
        await reconciliation.stop();
      })();
      return stopping;
    },
    pause: () => supervisor.pause(),
    resume: () => supervisor.resume(),
    snapshot: () => supervisor.snapshot(),
  };
}
