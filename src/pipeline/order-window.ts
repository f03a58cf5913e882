import { retained } from '../events/retained.js';
import type { OrderEvent } from '../events/types.js';

/**
 * The dedupe window for order updates, the one kind that arrives in bursts of thousands. Same
 * identity as eventKey() (order id, execution type, status, trade id, transaction time, filled
 * quantity) and the same fixed capacity as DedupeWindow, but no key string is built per update:
 * the fields sit in typed arrays, found through a small hash table. A string key per update lived
 * just long enough (the window) to be promoted out of V8's young generation, so a 200k burst grew
 * the heap by tens of MB of such keys before a full collection; this keeps only the field values.
 */
export class OrderWindow {
  private readonly orderIds: Float64Array;
  private readonly tradeIds: Float64Array;
  private readonly times: Float64Array;
  private readonly strings: (string | undefined)[];
  /** Slot + 1 of the newest entry per bucket (0: empty), then a chain through `next`. */
  private readonly buckets: Int32Array;
  private readonly next: Int32Array;
  private readonly bucketOf: Int32Array;
  private readonly mask: number;
  private used = 0;
  private oldest = 0;

  constructor(readonly capacity: number) {
    this.orderIds = new Float64Array(capacity);
    this.tradeIds = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.strings = new Array<string | undefined>(capacity * 4);
    const bucketCount = 2 ** Math.ceil(Math.log2(Math.max(2, capacity * 2)));
    this.buckets = new Int32Array(bucketCount);
    this.next = new Int32Array(capacity);
    this.bucketOf = new Int32Array(capacity);
    this.mask = bucketCount - 1;
  }

  /** Records the update; true when an identical one is already inside the window (a duplicate). */
  check(e: OrderEvent): boolean {
    const bucket = hash(e.orderId, e.tradeId, e.transactionTime) & this.mask;
    for (let slot = (this.buckets[bucket] as number) - 1; slot >= 0; slot = (this.next[slot] as number) - 1) {
      if (this.same(slot, e)) return true;
    }
    this.insert(e, bucket);
    return false;
  }

  get size(): number {
    return this.used;
  }

  private same(slot: number, e: OrderEvent): boolean {
    const s = slot * 4;
    return (
      this.orderIds[slot] === e.orderId &&
      this.tradeIds[slot] === e.tradeId &&
      this.times[slot] === e.transactionTime &&
      this.strings[s] === retained(e.execType) &&
      this.strings[s + 1] === retained(e.status) &&
      this.strings[s + 2] === retained(e.filledQty) &&
      this.strings[s + 3] === e.market
    );
  }

  private insert(e: OrderEvent, bucket: number): void {
    let slot: number;
    if (this.used < this.capacity) {
      slot = this.used++;
    } else {
      slot = this.oldest;
      this.oldest = (this.oldest + 1) % this.capacity;
      this.unlink(slot);
    }
    this.orderIds[slot] = e.orderId;
    this.tradeIds[slot] = e.tradeId;
    this.times[slot] = e.transactionTime;
    const s = slot * 4;
    this.strings[s] = retained(e.execType);
    this.strings[s + 1] = retained(e.status);
    this.strings[s + 2] = retained(e.filledQty);
    this.strings[s + 3] = e.market;
    this.next[slot] = this.buckets[bucket] as number;
    this.buckets[bucket] = slot + 1;
    this.bucketOf[slot] = bucket;
  }

  /** Takes the evicted slot out of its bucket's chain. */
  private unlink(slot: number): void {
    const bucket = this.bucketOf[slot] as number;
    let link = (this.buckets[bucket] as number) - 1;
    if (link === slot) {
      this.buckets[bucket] = this.next[slot] as number;
      return;
    }
    while (link >= 0) {
      const after = (this.next[link] as number) - 1;
      if (after === slot) {
        this.next[link] = this.next[slot] as number;
        return;
      }
      link = after;
    }
  }
}

/** Mixes the three numbers (integers in practice; any double hashes deterministically). */
function hash(orderId: number, tradeId: number, timeMs: number): number {
  let h = Math.imul(orderId >>> 0, 0x9e3779b1) ^ Math.imul((orderId / 4_294_967_296) >>> 0, 0x85ebca6b);
  h = Math.imul(h ^ (tradeId >>> 0), 0xc2b2ae35) ^ ((tradeId / 4_294_967_296) >>> 0);
  h = Math.imul(h ^ (timeMs >>> 0), 0x27d4eb2f) ^ ((timeMs / 4_294_967_296) >>> 0);
  return (h ^ (h >>> 15)) >>> 0;
}
