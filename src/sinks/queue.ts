import type { SinkItem } from './item.js';

/** How the events that reached one destination ended, so far. */
export interface SinkCounts {
  delivered: number;
  /** Refused by the destination (a 4xx, a failing command): reported, not retried. */
  failed: number;
  /** Pushed out of a full queue, oldest first. */
  dropped: number;
  /** Waiting, or being delivered right now. */
  pending: number;
}

/**
 * The bounded queue in front of one destination. The producer (the stream) never waits: when the
 * queue is full the oldest waiting event is dropped and counted. The destination takes events in
 * order; an event it took is "in flight" until it says how it ended, or puts it back to retry.
 */
export class SinkQueue {
  /** Slots before `head` were taken or dropped and are cleared; reclaimed in batches. */
  private readonly items: (SinkItem | undefined)[] = [];
  private head = 0;
  private inFlight = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  readonly counts = { delivered: 0, failed: 0, dropped: 0 };

  constructor(
    readonly capacity: number,
    private readonly onDrop: (dropped: number) => void,
  ) {}

  /** Waiting events, not counting those in flight. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Every event that has not ended yet: waiting or in flight. */
  get pending(): number {
    return this.length + this.inFlight;
  }

  /** Adds an event; never waits. */
  push(item: SinkItem): void {
    if (this.closed) return;
    if (this.length >= this.capacity) this.dropOldest();
    this.items.push(item);
    // Taken slots are reclaimed in batches, so a long run neither grows the array nor shifts it per event.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    this.wakeUp();
  }

  /** The next event, in flight from now on; undefined once the queue is closed and empty, or `signal` aborts. */
  async take(signal: AbortSignal): Promise<SinkItem | undefined> {
    while (this.length === 0) {
      if (this.closed || signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return this.takeNow();
  }

  /** The next event if one is waiting, without waiting. */
  takeNow(): SinkItem | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    this.inFlight++;
    return item;
  }

  /** An event taken earlier has ended. */
  settle(outcome: 'delivered' | 'failed'): void {
    this.inFlight--;
    this.counts[outcome]++;
  }

  /** Events taken earlier go back to the front, in the given order, to be taken again. */
  putBack(items: readonly SinkItem[]): void {
    this.inFlight -= items.length;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (item === undefined) continue;
      if (this.head > 0) this.items[--this.head] = item;
      else this.items.unshift(item);
    }
    while (this.length > this.capacity) this.dropOldest();
    this.wakeUp();
  }

  /** No more events will come: take() returns undefined once the queue is empty. */
  close(): void {
    this.closed = true;
    this.wakeUp();
  }

  /** The counts with what is still pending. */
  snapshot(): SinkCounts {
    return { ...this.counts, pending: this.pending };
  }

  private dropOldest() {
    this.items[this.head] = undefined;
    this.head++;
    this.counts.dropped++;
    this.onDrop(this.counts.dropped);
  }

  private wakeUp() {
    this.wake?.();
  }
}
