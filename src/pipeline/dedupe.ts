import type { OrderEvent, StreamEvent } from '../events/types.js';

/**
 * Remembers the last `capacity` keys in insertion order and answers whether a key was seen. Memory is
 * fixed: a week-long run holds no more than a minute-long one.
 */
export class DedupeWindow {
  private readonly seen = new Set<string>();
  private readonly ring: string[];
  private next = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<string>(capacity);
  }

  /** Records the key; true when it was already inside the window (a duplicate). */
  check(key: string): boolean {
    if (this.seen.has(key)) return true;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.seen.delete(evicted);
    this.ring[this.next] = key;
    this.seen.add(key);
    this.next = (this.next + 1) % this.capacity;
    return false;
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * What identifies one update of a kind other than an order, so the same update arriving twice (two
 * sockets during a rotation, or a repeated frame) is printed once: its type, times and frame length.
 * Order updates have their own window, OrderWindow, keyed without building a string.
 */
export function eventKey(e: Exclude<StreamEvent, OrderEvent>, frameLength: number): string {
  const transactionTime = 'transactionTime' in e ? e.transactionTime : '';
  return `${e.event}|${e.market}|${e.eventTime}|${transactionTime}|${frameLength}`;
}
