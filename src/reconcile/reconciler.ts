import { setTimeout as sleep } from 'node:timers/promises';
import { formatClock, formatDuration } from '../log/time-format.js';
import type { z } from 'zod';
import { AuthRejectedError, BinanceOrdersError, ExchangeError } from '../errors/errors.js';
import type { ORDER_PATHS } from '../exchange/endpoints.js';
import type { Market } from '../exchange/endpoints.js';
import { RestOrder, RestOrders, orderEventOf } from '../events/kinds/order.js';
import type { OrderEvent, StreamEvent } from '../events/types.js';
import type { Logger } from '../log/log.js';
import type { QueryParams } from '../rest/sign.js';
import type { SignedClient } from '../rest/signed-client.js';
import type { OrderTable } from './order-table.js';

/** An order named on the command line (`wait`): by id, by client id, or either. */
export interface OrderRef {
  orderId?: number;
  clientOrderId?: string;
  symbol?: string;
}

/** A span of time whose stream events may be lost. Times are local ms. */
export interface RecoveryWindow {
  fromMs: number;
  toMs: number;
}

export interface ReconcilerOptions {
  client: SignedClient;
  market: Market;
  /** The market's order endpoints. */
  paths: (typeof ORDER_PATHS)[Market];
  table: OrderTable;
  /** Prints a REST-derived event through the pipeline (filter, dedupe, format). */
  print: (e: OrderEvent) => void;
  log: Logger;
  now: () => number;
  /** Symbols named with --symbol: their history is fetched even if no order was seen there. */
  symbols?: ReadonlySet<string> | undefined;
  /** `wait`'s order: looked up at start and after every gap, and printed when found. */
  watch?: OrderRef | undefined;
  /** Wait before a recovery cut short by a timeout or a network error runs again. @default 30_000 */
  retryDelayMs?: number;
}

/** Recovers order states lost in stream gaps from signed REST queries. */
export interface Reconciler {
  /**
   * Records the open orders at start without printing them (except the watched order), so a later gap
   * has a baseline; after catchUp, recovers the time between it and now instead.
   */
  start(): void;
  /**
   * Prints, as source 'rest', the orders open now or created since `sinceMs` (local ms) whose last change
   * is at or after it, oldest change first. Errors reject: the user asked for this history explicitly.
   */
  catchUp(sinceMs: number): Promise<void>;
  /** Queues the recovery of a closed gap; windows queued while one runs are merged into one run. */
  recover(window: RecoveryWindow): void;
  /** Sees every stream event before filter and dedupe; false drops an order update a printed REST state already covers. */
  admit(e: StreamEvent): boolean;
  /** Resolves once nothing runs or waits. */
  idle(): Promise<void>;
  /** Aborts a running recovery and waits for it to end. */
  stop(): Promise<void>;
}

/** allOrders pages hold at most this many orders (COIN-M: 100). */
const HISTORY_LIMIT: Readonly<Record<Market, number>> = { usdm: 1000, pm: 1000, coinm: 100 };
/** allOrders weight per call (COIN-M per symbol: 20 before the 2026-06-30 integration, 5 after; assume the higher). */
const HISTORY_WEIGHT: Readonly<Record<Market, number>> = { usdm: 5, pm: 5, coinm: 20 };
/** allOrders only looks back 7 days; stay a minute inside. */
const HISTORY_MAX_MS = 7 * 86_400_000 - 60_000;
/** Orders created this long before the gap was noticed are looked for too: clocks and detection are not exact. */
const HISTORY_MARGIN_MS = 2_000;
/** A recovery that timed out or lost its connection runs again at most this many times. */
const MAX_TRANSIENT_RETRIES = 3;

/** A failure that asking again later may not repeat: a deadline passed, a body was cut, a socket dropped. */
function isTransient(error: unknown): boolean {
  if (error instanceof BinanceOrdersError) return error.code === 'NETWORK' || (error instanceof ExchangeError && error.status >= 500);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && (code.startsWith('UND_ERR_') || code.startsWith('ECONN') || code === 'EPIPE' || code === 'ETIMEDOUT');
}

type Outcome = 'done' | 'again-now' | 'again-later';


/** Creates the reconciler of one market. */
export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { client, market, paths, table, print, log, now, watch, retryDelayMs = 30_000 } = options;
  const abort = new AbortController();
  let transientRetries = 0;
  /** Symbols of the orders open at start: asked per symbol when allOrders demands one. */
  const startSymbols = new Set<string>();
  let baselinePending = false;
  let pending: RecoveryWindow | undefined;
  let running: Promise<void> | undefined;
  let disabled = false;
  let symbolHintGiven = false;
  /** Server time of the start-up baseline: orders that ended before it were never ours to report. */
  let baselineServerMs = Number.NEGATIVE_INFINITY;
  /** Local time the catch-up's queries began: start() recovers from there. */
  let caughtUpFromMs: number | undefined;

  const call = <S extends z.ZodType>(path: string, schema: S, params: QueryParams, weight = 1) =>
    client.signed('GET', path, schema, params, { weight, signal: abort.signal });

  function kick() {
    if (disabled || abort.signal.aborted) return;
    running ??= drain().finally(() => {
      running = undefined;
    });
  }

  async function drain() {
    while (!disabled && !abort.signal.aborted && (baselinePending || pending)) {
      if (baselinePending) {
        baselinePending = false;
        await guarded('checking open orders at start', baseline);
        continue;
      }
      const window = pending as RecoveryWindow;
      pending = undefined;
      const outcome = await guarded(`recovering ${formatClock(window.fromMs)} → ${formatClock(window.toMs)}`, () => recoverWindow(window));
      // The signed client holds every call until the exchange's wait is over, so the retry honours it.
      if (outcome !== 'done') merge(window);
      if (outcome === 'again-later') await sleep(retryDelayMs, undefined, { signal: abort.signal }).catch(() => {});
      else if (outcome === 'done') transientRetries = 0;
    }
  }

  function merge(window: RecoveryWindow) {
    pending = pending ? { fromMs: Math.min(pending.fromMs, window.fromMs), toMs: Math.max(pending.toMs, window.toMs) } : window;
  }

  /** Runs one job; says whether it was cut short and should run again, at once (rate limit) or after a wait. */
  async function guarded(what: string, job: () => Promise<void>): Promise<Outcome> {
    try {
      await job();
    } catch (error) {
      if (abort.signal.aborted) return 'done';
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof AuthRejectedError) {
        disabled = true;
        log.warn(`reconcile: ${message}; missed updates will not be recovered in this run`);
      } else if (error instanceof BinanceOrdersError && error.code === 'RATE_LIMITED') {
        log.warn(`reconcile: ${what} paused: ${message}; trying again when the exchange allows`);
        return 'again-now';
      } else if (isTransient(error) && transientRetries < MAX_TRANSIENT_RETRIES) {
        transientRetries++;
        log.warn(`reconcile: ${what} failed: ${message}; trying again in ${formatDuration(retryDelayMs)} (${transientRetries}/${MAX_TRANSIENT_RETRIES})`);
        return 'again-later';
      } else {
        transientRetries = 0;
        log.warn(`reconcile: ${what} failed: ${message}; updates missed in that gap may be missing`);
      }
    }
    return 'done';
  }

  function keep(found: Map<number, RestOrder>, order: RestOrder) {
    const known = found.get(order.orderId);
    if (!known || known.updateTime <= order.updateTime) found.set(order.orderId, order);
  }

  async function openOrders(found: Map<number, RestOrder>): Promise<RestOrder[]> {
    const open = await call(paths.openOrders, RestOrders, {}, 40);
    for (const order of open) keep(found, order);
    return open;
  }

  async function queryOrder(params: QueryParams): Promise<RestOrder | undefined> {
    try {
      return await call(paths.order, RestOrder, params);
    } catch (error) {
      if (error instanceof ExchangeError && error.binanceCode === -2013) {
        log.debug(`reconcile: order ${String(params.orderId ?? params.origClientOrderId)} not found (outside Binance's visibility window)`);
        return undefined;
      }
      throw error;
    }
  }

  const isWatched = (order: { orderId: number; clientOrderId: string }) =>
    watch !== undefined && (order.orderId === watch.orderId || order.clientOrderId === watch.clientOrderId);

  /** Finds `wait`'s order when it is not among the orders already fetched. */
  async function lookupWatched(found: Map<number, RestOrder>) {
    if (!watch || [...found.values()].some(isWatched)) return;
    const seen = table.get(watch.orderId ?? Number.NaN);
    const symbol = watch.symbol ?? seen?.symbol;
    if (symbol !== undefined) {
      const params = watch.orderId !== undefined ? { symbol, orderId: watch.orderId } : { symbol, origClientOrderId: watch.clientOrderId };
      const order = await queryOrder(params);
      if (order) keep(found, order);
      return;
    }
    if (market === 'usdm') {
      for (const order of await call(paths.allOrders, RestOrders, { limit: HISTORY_LIMIT.usdm }, HISTORY_WEIGHT.usdm)) if (isWatched(order)) keep(found, order);
      return;
    }
    if (!symbolHintGiven) {
      symbolHintGiven = true;
      log.warn(`reconcile: ${market} order queries need a symbol; give --symbol so that the order can be checked over REST`);
    }
  }

  /**
   * Orders created since `fromMs`: across all symbols on USDⓈ-M, else per symbol known. Returns the
   * symbols asked when it had to ask per symbol (orders on any other symbol could not be seen).
   */
  async function history(fromMs: number, found: Map<number, RestOrder>): Promise<string[] | undefined> {
    const startTime = Math.max(fromMs + (client.offsetMs() ?? 0) - HISTORY_MARGIN_MS, now() - HISTORY_MAX_MS, baselineServerMs);
    const limit = HISTORY_LIMIT[market];
    const fetch = async (params: QueryParams) => {
      const orders = await call(paths.allOrders, RestOrders, { ...params, startTime, limit }, HISTORY_WEIGHT[market]);
      if (orders.length >= limit) log.warn(`reconcile: allOrders returned a full page (${limit}); older orders created in the gap may be missing`);
      for (const order of orders) keep(found, order);
    };
    if (market === 'usdm') {
      try {
        await fetch({});
        return undefined;
      } catch (error) {
        // Binance made symbol optional on 2026-08-25; a host that still wants it answers -1102.
        if (!(error instanceof ExchangeError && error.binanceCode === -1102)) throw error;
        log.debug('reconcile: allOrders needs a symbol on this host; querying per symbol');
      }
    }
    const symbols = new Set([
      ...(options.symbols ?? []),
      ...startSymbols,
      ...table.symbols(),
      ...[...found.values()].map((order) => order.symbol),
    ]);
    for (const symbol of symbols) await fetch({ symbol });
    return [...symbols].sort();
  }

  /** Prints, in update-time order, every fetched state that differs from the one last known. */
  function printChanges(orders: Iterable<RestOrder>, silent: (order: RestOrder) => boolean = () => false, source: 'reconcile' | 'rest' = 'reconcile'): number {
    let printed = 0;
    const sorted = [...orders].sort((a, b) => a.updateTime - b.updateTime || a.orderId - b.orderId);
    for (const order of sorted) {
      const state = { orderId: order.orderId, symbol: order.symbol, clientOrderId: order.clientOrderId, status: order.status, filledQty: order.executedQty, timeMs: order.updateTime };
      if (table.isKnown(state)) continue;
      if (silent(order)) {
        table.record(state, now());
        continue;
      }
      table.record({ ...state, coveredUntilMs: order.updateTime }, now());
      print(orderEventOf(order, market, source));
      printed++;
    }
    return printed;
  }

  async function baseline() {
    const found = new Map<number, RestOrder>();
    if (client.offsetMs() === undefined) await client.syncClock(abort.signal);
    const serverMs = now() + (client.offsetMs() ?? 0);
    for (const order of await openOrders(found)) startSymbols.add(order.symbol);
    baselineServerMs = serverMs;
    await lookupWatched(found);
    printChanges(found.values(), (order) => !isWatched(order));
    log.debug(`reconcile: ${found.size} open order(s) recorded at start`);
  }

  async function recoverWindow(window: RecoveryWindow) {
    const startedMs = now();
    const before = table.open();
    const found = new Map<number, RestOrder>();
    await openOrders(found);
    for (const state of before) {
      if (found.has(state.orderId)) continue;
      const order = await queryOrder({ symbol: state.symbol, orderId: state.orderId });
      if (order) keep(found, order);
    }
    await lookupWatched(found);
    const perSymbol = await history(window.fromMs, found);
    if (abort.signal.aborted) return;
    const printed = printChanges(found.values());
    const took = formatDuration(now() - startedMs);
    const gap = `gap ${formatClock(window.fromMs)} → ${formatClock(window.toMs)}`;
    if (perSymbol !== undefined) {
      // The one case where "nothing missed" would be a claim we cannot back: new orders elsewhere are invisible.
      const asked = perSymbol.length === 0 ? 'no symbol was known' : `only ${perSymbol.join(', ')} could be checked`;
      log.warn(
        `reconcile: ${gap}: ${printed} missed update(s) recovered in ${took}, but this host's allOrders needs a symbol and ${asked}; ` +
          'orders created during the gap on any other symbol could not be checked (name them with --symbol)',
      );
    } else if (printed > 0) log.info(`reconcile: ${gap}: ${printed} missed update(s) recovered over REST in ${took}`);
    else log.info(`reconcile: ${gap}: nothing missed (checked in ${took})`);
  }

  async function catchUp(sinceMs: number) {
    caughtUpFromMs = now();
    if (now() - sinceMs > HISTORY_MAX_MS) log.warn('--since: Binance keeps order history queries to the last 7 days; older changes are not shown');
    await client.syncClock(abort.signal);
    const sinceServerMs = sinceMs + (client.offsetMs() ?? 0);
    const found = new Map<number, RestOrder>();
    await openOrders(found);
    await history(sinceMs, found);
    baselineServerMs = sinceServerMs;
    const printed = printChanges(found.values(), (order) => order.updateTime < sinceServerMs, 'rest');
    log.info(`since ${formatClock(sinceMs)}: ${printed} order update(s) over REST; following the stream from here`);
  }

  return {
    catchUp,
    start() {
      if (caughtUpFromMs === undefined) baselinePending = true;
      else merge({ fromMs: caughtUpFromMs, toMs: now() });
      kick();
    },
    recover(window) {
      merge(window);
      kick();
    },
    admit(e) {
      if (e.event !== 'order') return true;
      const known = table.get(e.orderId);
      if (known?.coveredUntilMs !== undefined && e.transactionTime <= known.coveredUntilMs) return false;
      table.record(
        { orderId: e.orderId, symbol: e.symbol, clientOrderId: e.clientOrderId, status: e.status, filledQty: e.filledQty, timeMs: e.transactionTime },
        now(),
      );
      return true;
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      abort.abort();
      while (running) await running;
    },
  };
}
