import type { SinkItem } from './item.js';
import type { SinkQueue } from './queue.js';

/** Where events go: a webhook, a command, a message bus. */
export interface Destination {
  /** How stderr names the destination; never carries a credential (URLs are redacted). */
  readonly label: string;
  /**
   * Delivers events from the queue, in order, until the queue is closed and empty; returns soon
   * after `signal` aborts, leaving what it could not deliver in the queue or put back there.
   */
  run(queue: SinkQueue, signal: AbortSignal): Promise<void>;
}

/** How one delivery ended; 'aborted' puts the event back as not delivered. */
export type Outcome = 'delivered' | 'failed' | 'aborted';

/** The run loop of a destination that delivers one event at a time: take, deliver, settle, repeat. */
export async function deliverInOrder(
  queue: SinkQueue,
  signal: AbortSignal,
  deliverOne: (item: SinkItem, signal: AbortSignal) => Promise<Outcome>,
): Promise<void> {
  for (;;) {
    const item = await queue.take(signal);
    if (item === undefined) return;
    const outcome = await deliverOne(item, signal);
    if (outcome === 'aborted') {
      queue.putBack([item]);
      return;
    }
    queue.settle(outcome);
  }
}
