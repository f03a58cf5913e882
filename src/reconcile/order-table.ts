import { retained } from '../events/retained.js';
import { isTerminal, sameDecimal } from './order-status.js';

/** What is known of one order: its latest state, from the stream or from REST. */
export interface OrderState {
  readonly orderId: number;
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly status: string;
  readonly filledQty: string;
  /** Transaction time of the state (`T` on the stream, `updateTime` over REST), ms. */
  readonly timeMs: number;
  /**
   * Set when reconciliation printed a REST state: every stream event of this order up to this time is
   * already covered by it (a fill during the reconnect that the socket also delivered), so it is dropped.
   */
  readonly coveredUntilMs?: number | undefined;
}

export interface OrderTableOptions {
  /** Orders remembered at most; the oldest terminal ones, then the oldest, leave first. @default 10_000 */
  capacity?: number;
  /** A terminal order is forgotten this long after its last update was recorded. @default 3_600_000 */
  terminalTtlMs?: number;
}

/**
 * The last known state of every order seen, bounded in size and age. Recording is the stream's hot
 * path, so it is a Map lookup and a set; expiry and eviction run in batches (V8 Maps are slow to
 * iterate from the front after many deletions, so nothing here does that per update).
 */
export class OrderTable {
  readonly #states = new Map<number, OrderState>();
  /** Terminal orders only, with the time each became terminal, oldest first. */
  readonly #terminal = new Map<number, number>();
  readonly #capacity: number;
  readonly #terminalTtlMs: number;
  #sweptAtMs = Number.NEGATIVE_INFINITY;

  constructor({ capacity = 10_000, terminalTtlMs = 3_600_000 }: OrderTableOptions = {}) {
    this.#capacity = capacity;
    this.#terminalTtlMs = terminalTtlMs;
  }

  get(orderId: number): OrderState | undefined {
    return this.#states.get(orderId);
  }

  /** Keeps `state` unless a later one is already known. Returns whether it was kept. */
  record(state: OrderState, nowMs: number): boolean {
    const known = this.#states.get(state.orderId);
    if (known && known.timeMs > state.timeMs) return false;
    // Built field by field: an object spread costs ~30x more on this path.
    this.#states.set(state.orderId, {
      orderId: state.orderId,
      symbol: retained(state.symbol),
      clientOrderId: retained(state.clientOrderId),
      status: retained(state.status),
      filledQty: retained(state.filledQty),
      timeMs: state.timeMs,
      coveredUntilMs: state.coveredUntilMs ?? known?.coveredUntilMs,
    });
    if (isTerminal(state.status)) {
      if (!this.#terminal.has(state.orderId)) this.#terminal.set(state.orderId, nowMs);
    } else if (this.#terminal.size > 0) {
      this.#terminal.delete(state.orderId);
    }
    if (this.#states.size > this.#capacity || nowMs - this.#sweptAtMs >= this.#terminalTtlMs / 10) this.prune(nowMs);
    return true;
  }

  /** True when the state is the one already known (same status and filled quantity), or older than it. */
  isKnown(state: Pick<OrderState, 'orderId' | 'status' | 'filledQty' | 'timeMs'>): boolean {
    const known = this.#states.get(state.orderId);
    if (!known) return false;
    if (known.timeMs > state.timeMs) return true;
    return known.status === state.status && sameDecimal(known.filledQty, state.filledQty);
  }

  /** Orders not yet in a terminal status, as last known. */
  open(): OrderState[] {
    return [...this.#states.values()].filter((state) => !this.#terminal.has(state.orderId));
  }

  /** Every symbol an order was seen on. */
  symbols(): Set<string> {
    return new Set([...this.#states.values()].map((state) => state.symbol));
  }

  get size(): number {
    return this.#states.size;
  }

  /**
   * Forgets terminal orders past their time to live; over capacity, forgets the oldest tenth (terminal
   * orders first, then the longest known), so the next eviction is many updates away.
   */
  prune(nowMs: number): void {
    this.#sweptAtMs = nowMs;
    for (const [id, terminalAtMs] of this.#terminal) {
      if (nowMs - terminalAtMs <= this.#terminalTtlMs) break;
      this.#forget(id);
    }
    if (this.#states.size <= this.#capacity) return;
    const target = Math.floor(this.#capacity * 0.9);
    for (const id of this.#terminal.keys()) {
      if (this.#states.size <= target) return;
      this.#forget(id);
    }
    for (const id of this.#states.keys()) {
      if (this.#states.size <= target) return;
      this.#forget(id);
    }
  }

  #forget(orderId: number): void {
    this.#states.delete(orderId);
    this.#terminal.delete(orderId);
  }
}
