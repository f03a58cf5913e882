import { formatDuration } from '../log/time-format.js';
import { OtherTerminalStatusError, WaitTimeoutError } from '../errors/errors.js';
import { selectKinds } from '../events/filter.js';
import type { OrderEvent, StreamEvent } from '../events/types.js';
import type { ReconcileSettings } from '../reconcile/attach.js';
import { TERMINAL_STATUSES } from '../reconcile/order-status.js';
import type { OrderRef } from '../reconcile/reconciler.js';
import { runTail, type TailConfig, type TailIo } from './tail.js';

/** What `wait` waits for. */
export interface WaitConfig {
  /** The tail settings; filter, count and reconciliation are set from the fields below. */
  tail: Omit<TailConfig, 'filter' | 'count' | 'reconcile'>;
  order: OrderRef;
  /** Statuses that end the wait successfully. */
  until: ReadonlySet<string>;
  /** Give up after this long; undefined waits for ever. */
  timeoutMs?: number | undefined;
  /** Recovery over REST at start and after gaps; 'unavailable' follows the stream only. */
  reconcile: ReconcileSettings;
}

const describeRef = (ref: OrderRef) => (ref.orderId !== undefined ? `order ${ref.orderId}` : `order "${ref.clientOrderId ?? ''}"`);

/**
 * Follows the stream until the order reaches one of `until`, prints that update and resolves. Throws
 * OtherTerminalStatusError (exit 5) when it ended otherwise, and WaitTimeoutError (exit 4) when the
 * time ran out or the run was interrupted first. With signing credentials the order is also looked up
 * over REST at start (it may be done already) and after every gap.
 */
export async function runWait(config: WaitConfig, io: TailIo): Promise<OrderEvent> {
  const { order, until, timeoutMs } = config;
  const stopper = new AbortController();
  let timedOut = false;
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), stopper.abort()), timeoutMs);
  let reached: OrderEvent | undefined;
  const statuses = new Set([...until, ...TERMINAL_STATUSES]);
  const tail: TailConfig = {
    ...config.tail,
    filter: { events: selectKinds(['order']), statuses, order, ...(order.symbol ? { symbols: new Set([order.symbol]) } : {}) },
    count: 1,
    reconcile: config.reconcile.mode === 'on' ? { ...config.reconcile, watch: order } : config.reconcile,
  };
  if (config.reconcile.mode === 'unavailable') {
    io.log.info(`wait: ${config.reconcile.reason}; following the stream only, so an order already done before now is not seen`);
  }
  try {
    await runTail(tail, {
      ...io,
      signal: AbortSignal.any([io.signal, stopper.signal]),
      onPrinted: (e: StreamEvent) => {
        if (e.event === 'order') reached = e;
        io.onPrinted?.(e);
      },
    });
  } finally {
    clearTimeout(timer);
  }
  const wanted = [...until].join(' or ');
  if (!reached) {
    const why = timedOut ? `did not reach ${wanted} within ${formatDuration(timeoutMs ?? 0)}` : `had not reached ${wanted} when interrupted`;
    throw new WaitTimeoutError(`${describeRef(order)} ${why}`);
  }
  if (!until.has(reached.status)) {
    throw new OtherTerminalStatusError(`${describeRef(order)} ended ${reached.status}, not ${wanted}`);
  }
  return reached;
}
