import { EVENT_SELECTORS, selectKinds, type EventFilter, type EventSelector } from '../events/filter.js';
import type { Side, StreamEvent } from '../events/types.js';
import { resolveEndpoints, type Market, type Network } from '../exchange/endpoints.js';
import { UsageError } from '../errors/errors.js';
import type { Logger } from '../log/log.js';
import { escapeControls } from '../log/control-chars.js';
import { scrub } from '../log/redact.js';
import { toJsonObject } from '../output/json.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import { hmacSigner, parsePrivateKey, privateKeySigner } from '../rest/sign.js';
import { createFollow } from '../run/follow.js';
import { describeCause } from '../stream/cause-wording.js';
import type { Gap, StateName } from '../stream/supervisor.js';
import { DEFAULT_TIMERS, type StreamTimers } from '../stream/timers.js';

/** Where followOrders() writes what `tail` would print on stderr. Every line is scrubbed of secrets first. */
export interface StreamLogger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  /** Given, debug lines (state changes, stacks of unexpected errors) are written too. */
  debug?(message: string): void;
}

/** A time when no socket delivered events, reported once a connection is back. */
export interface GapReport {
  market: Market;
  /** When the last connection was lost, ms since the epoch. */
  fromMs: number;
  /** When a connection was open again. */
  toMs: number;
  /** Why the connection was lost, worded as the CLI logs it. */
  cause: string;
  /** Connection attempts it took. */
  attempts: number;
}

/** The stream's state, read without waiting for an event. */
export interface StreamHealth {
  state: StateName | 'closed';
  /** Age of the last event yielded by the stream; undefined before the first. */
  lastEventAgeMs: number | undefined;
  /** Age of the last frame of any kind (events, pings do not count); undefined before the first. */
  lastFrameAgeMs: number | undefined;
  connectionAgeMs: number | undefined;
  listenKeyAgeMs: number | undefined;
  reconnects: number;
  /** Events waiting in the buffer for the consumer. */
  buffered: number;
}

/** Options of followOrders(); only apiKey is required. */
export interface FollowOrdersOptions {
  /** The account's API key (X-MBX-APIKEY). */
  apiKey: string;
  /** @default 'usdm' */
  market?: Market;
  /** @default 'mainnet' */
  network?: Network;
  /** HMAC secret: enables recovery of updates lost while disconnected (signed REST). */
  apiSecret?: string | undefined;
  /** Ed25519 or RSA private key (unencrypted PKCS#8 PEM), instead of apiSecret. */
  privateKeyPem?: string | undefined;
  /** The same names as `tail --events`. @default ['order'] */
  events?: readonly (EventSelector | 'all')[];
  /** Only events of these symbols (Binance's upper case); events without a symbol still pass. */
  symbols?: readonly string[];
  /** Only this side's order events. */
  side?: Side;
  /** Only order events in these statuses, e.g. ['FILLED', 'CANCELED']. */
  statuses?: readonly string[];
  /** Another REST origin (scheme://host[:port]), e.g. the simulator's. */
  restUrl?: string;
  /** Another stream origin, or a full template with `{listenKey}`. */
  wsUrl?: string;
  /** Recover gaps over signed REST when a secret or key is given. @default true */
  reconcile?: boolean;
  /** Stream timers in ms; see StreamTimers. Unset ones keep the CLI's defaults. */
  timers?: Partial<StreamTimers>;
  /** Aborting it ends the stream as close() does. */
  signal?: AbortSignal;
  /** Silent without one. */
  logger?: StreamLogger;
  /** Called for every gap once it has closed. */
  onGap?: (gap: GapReport) => void;
  /** Events buffered for a slow consumer before the socket is paused (TCP then pushes back). @default 1000 */
  highWaterMark?: number;
  /** DELETE the listenKey on close; it cuts every other consumer of the account. @default false */
  closeListenKey?: boolean;
}

/** A running stream: iterate it for events; close() ends it. */
export interface OrderStream extends AsyncIterable<StreamEvent> {
  /** Ends the stream: closes sockets, clears every timer; the iteration finishes. Idempotent. */
  close(): Promise<void>;
  health(): StreamHealth;
  /** Settles when the stream has ended: resolves after close(), rejects with a fatal error. */
  readonly done: Promise<void>;
}

/**
 * Follows one account's user-data stream with the guarantees of `tail`: reconnects, listenKey
 * renewal, 24 h rotation, dedupe, and gap recovery when a secret is given. Each value yielded is
 * the object `tail --json` prints as a line. A fatal condition (a refused key) ends the iteration
 * by throwing a BinanceOrdersError with a stable `code` and the CLI's `exitCode`.
 */
export function followOrders(options: FollowOrdersOptions): OrderStream {
  const market = options.market ?? 'usdm';
  const apiKey = options.apiKey?.trim();
  if (!apiKey) throw new UsageError('followOrders: apiKey is required');
  const endpoints = resolveEndpoints(market, options.network ?? 'mainnet', { restUrl: options.restUrl, wsUrl: options.wsUrl });
  const secrets = new Set([apiKey, options.apiSecret ?? '', options.privateKeyPem ?? ''].filter((s) => s.length > 0));
  const log = loggerOf(options.logger, secrets);
  const highWaterMark = Math.max(1, options.highWaterMark ?? 1000);
  const now = Date.now;

  const queue: StreamEvent[] = [];
  let head = 0;
  let paused = false;
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let lastEventAtMs: number | undefined;

  const follow = createFollow(
    {
      endpoints,
      apiKey,
      timers: { ...DEFAULT_TIMERS, ...options.timers },
      filter: filterOf(options),
      closeListenKey: options.closeListenKey ?? false,
      reconcile: reconcileOf(options),
    },
    {
      log,
      now,
      random: Math.random,
      deliver: (e) => {
        lastEventAtMs = now();
        queue.push(toJsonObject(e) as unknown as StreamEvent);
        if (!paused && queue.length - head >= highWaterMark) {
          paused = true;
          follow.pause();
        }
        wake?.();
      },
      onGap: options.onGap && ((gap: Gap) => options.onGap?.(gapReport(market, gap))),
    },
  );

  const finish = (error?: unknown) => {
    if (ended) return;
    ended = true;
    if (error !== undefined) failure = { error };
    options.signal?.removeEventListener('abort', onAbort);
    wake?.();
  };
  const done = follow.run().then(
    () => finish(),
    (error: unknown) => {
      finish(error);
      throw error;
    },
  );
  done.catch(() => {}); // surfaced by the iteration or by awaiting done, whichever the caller uses
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= follow.stop().then(() => finish());
    return closing;
  };
  const onAbort = () => void close();
  if (options.signal?.aborted) void close();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  async function next(): Promise<IteratorResult<StreamEvent>> {
    for (;;) {
      if (head < queue.length) {
        const value = queue[head] as StreamEvent;
        head++;
        if (head === queue.length) {
          queue.length = 0;
          head = 0;
        }
        if (paused && queue.length - head <= highWaterMark >> 1) {
          paused = false;
          follow.resume();
        }
        return { value, done: false };
      }
      if (ended) {
        if (failure) {
          const { error } = failure;
          failure = undefined;
          throw error;
        }
        return { value: undefined, done: true };
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  }

  return {
    [Symbol.asyncIterator]: () => ({
      next,
      // break, return or a throw inside for-await: end the stream, so nothing is left running.
      return: async () => {
        await close();
        return { value: undefined, done: true };
      },
    }),
    close,
    done,
    health() {
      const snap = follow.snapshot();
      const t = now();
      const age = (ms: number | undefined) => (ms === undefined ? undefined : t - ms);
      return {
        state: ended ? 'closed' : snap.state,
        lastEventAgeMs: age(lastEventAtMs),
        lastFrameAgeMs: age(snap.lastFrameAtMs),
        connectionAgeMs: age(snap.connectionOpenedAtMs),
        listenKeyAgeMs: age(snap.keyObtainedAtMs),
        reconnects: snap.reconnects,
        buffered: queue.length - head,
      };
    },
  };
}

function filterOf(options: FollowOrdersOptions): EventFilter {
  const events = options.events ?? ['order'];
  for (const name of events) {
    if (name !== 'all' && !(EVENT_SELECTORS as readonly string[]).includes(name)) {
      throw new UsageError(`followOrders: unknown event name ${JSON.stringify(name)}; use ${EVENT_SELECTORS.join(', ')} or all`);
    }
  }
  return {
    events: selectKinds(events),
    ...(options.symbols ? { symbols: new Set(options.symbols) } : {}),
    ...(options.side ? { side: options.side } : {}),
    ...(options.statuses ? { statuses: new Set(options.statuses) } : {}),
  };
}

function reconcileOf(options: FollowOrdersOptions): ReconcileSettings {
  if (options.reconcile === false) return { mode: 'off' };
  if (options.privateKeyPem) return { mode: 'on', signer: privateKeySigner(parsePrivateKey(options.privateKeyPem)), symbols: options.symbols && new Set(options.symbols) };
  if (options.apiSecret) return { mode: 'on', signer: hmacSigner(options.apiSecret), symbols: options.symbols && new Set(options.symbols) };
  return { mode: 'unavailable', reason: 'neither apiSecret nor privateKeyPem was given' };
}

function gapReport(market: Market, gap: Gap): GapReport {
  return { market, fromMs: gap.fromMs, toMs: gap.toMs, cause: describeCause(gap.cause), attempts: gap.attempts };
}

/**
 * The internal logger over the caller's, or a silent one: secrets are scrubbed from every line, and
 * control characters from the wire escaped, as on the CLI's stderr.
 */
function loggerOf(target: StreamLogger | undefined, secrets: Set<string>): Logger {
  const line = (write: ((message: string) => void) | undefined) => (message: string) => write?.(escapeControls(scrub(message, secrets)));
  const debug = target?.debug?.bind(target);
  return {
    verbosity: debug ? 'verbose' : 'normal',
    error: line(target?.error.bind(target)),
    warn: line(target?.warn.bind(target)),
    info: line(target?.info.bind(target)),
    debug: line(debug),
    addSecret: (secret) => {
      if (secret.length > 0) secrets.add(secret);
    },
  };
}
