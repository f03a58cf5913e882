import { formatClock } from '../log/time-format.js';
import { ACCOUNT_PATHS, ORDER_PATHS, type ResolvedEndpoints } from '../exchange/endpoints.js';
import type { OrderEvent, StreamEvent } from '../events/types.js';
import type { Logger } from '../log/log.js';
import type { Signer } from '../rest/sign.js';
import { createSignedClient } from '../rest/signed-client.js';
import type { WeightQueue } from '../rest/weight-queue.js';
import type { Gap } from '../stream/gap.js';
import { OrderTable } from './order-table.js';
import { createReconciler, type OrderRef } from './reconciler.js';

/** Whether `tail` recovers gaps: turned off, impossible (and why), or on with a signer. */
export type ReconcileSettings =
  | { mode: 'off' }
  | { mode: 'unavailable'; reason: string }
  | {
      mode: 'on';
      signer: Signer;
      symbols?: ReadonlySet<string> | undefined;
      watch?: OrderRef | undefined;
      /** `tail --since`: print orders changed since this local time over REST before the stream. */
      sinceMs?: number | undefined;
    };

/** The hooks `tail` calls; every one is cheap and never waits for REST. */
export interface TailReconciliation {
  /** For the pipeline: every stream event before filter and dedupe; false drops it. */
  admit?: (e: StreamEvent) => boolean;
  start(): void;
  /** Before the stream: prints, over REST, the orders changed since --since (if given); rejects if it cannot. */
  catchUp(): Promise<void>;
  /** The supervisor closed a gap. */
  onGap(gap: Gap): void;
  /** A new connection replaced the old one; the key may have changed at `sinceMs`. */
  onRotated(sinceMs: number): void;
  stop(): Promise<void>;
  /** Resolves once no recovery runs (tests). */
  idle(): Promise<void>;
}

export interface ReconciliationDeps {
  endpoints: ResolvedEndpoints;
  apiKey: string;
  log: Logger;
  now: () => number;
  print: (e: OrderEvent) => void;
  /** Deadline of each REST call. @default 10_000 */
  restTimeoutMs?: number;
  /** Wait before a recovery cut short by a timeout or network error runs again. @default 30_000 */
  retryDelayMs?: number;
  /** The process's shared REST weight queue. @default one of this market's own */
  weights?: WeightQueue;
  /** Where the key came from, for the hint of a refusal. */
  apiKeyName?: string | undefined;
}


/** Wires the reconciler, or the "cannot recover" notice, to a tail run. */
export function attachReconciliation(settings: ReconcileSettings, deps: ReconciliationDeps): TailReconciliation {
  const { log } = deps;
  const idle = async () => {};
  if (settings.mode === 'off') return { start() {}, catchUp: idle, onGap() {}, onRotated() {}, stop: idle, idle };
  if (settings.mode === 'unavailable') {
    let told = false;
    return {
      start() {},
      catchUp: idle,
      onGap(gap) {
        if (told) return;
        told = true;
        log.warn(
          `reconcile: order updates during the gap ${formatClock(gap.fromMs)} → ${formatClock(gap.toMs)} cannot be recovered: ${settings.reason}, ` +
            'and recovery needs signed REST queries (set one, or pass --no-reconcile to silence this)',
        );
      },
      onRotated() {},
      stop: idle,
      idle,
    };
  }
  const client = createSignedClient({
    baseUrl: deps.endpoints.restBase,
    apiKey: deps.apiKey,
    serverTimePath: ACCOUNT_PATHS[deps.endpoints.market].serverTime,
    signer: settings.signer,
    log,
    now: deps.now,
    timeoutMs: deps.restTimeoutMs,
    ...(deps.weights ? { weights: deps.weights } : {}),
    ...(deps.apiKeyName ? { apiKeyName: deps.apiKeyName } : {}),
  });
  const reconciler = createReconciler({
    client,
    market: deps.endpoints.market,
    paths: ORDER_PATHS[deps.endpoints.market],
    table: new OrderTable(),
    print: deps.print,
    log,
    now: deps.now,
    symbols: settings.symbols,
    watch: settings.watch,
    ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
  });
  return {
    admit: reconciler.admit,
    start: reconciler.start,
    catchUp: () => (settings.sinceMs === undefined ? idle() : reconciler.catchUp(settings.sinceMs)),
    onGap: (gap) => reconciler.recover(gap),
    onRotated: (sinceMs) => reconciler.recover({ fromMs: sinceMs, toMs: deps.now() }),
    stop: reconciler.stop,
    idle: reconciler.idle,
  };
}
