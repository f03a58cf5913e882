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
  readonly coveredUntilMs?: number;
}

export interface OrderTableOptions {
  /** Orders remembered at most; the oldest terminal ones, then the oldest, leave first. @default 10_000 */
  capacity?: number;
  /** A terminal order is forgotten this long after its last update was recorded. @default 3_600_000 */
  terminalTtlMs?: number;
}

/** The last known state of every order seen, bounded in size and age. */
export class OrderTable {
  readonly #states = new Map<number, OrderState & { recordedAtMs: number }>();
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
    this.#states.delete(state.orderId); // re-insert: Map order is recency order
    this.#states.set(state.orderId, { ...state, coveredUntilMs: state.coveredUntilMs ?? known?.coveredUntilMs, recordedAtMs: nowMs });
    this.prune(nowMs);
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
    return [...this.#states.values()].filter((state) => !isTerminal(state.status));
  }

  /** Every symbol an order was seen on. */
  symbols(): Set<string> {
    return new Set([...this.#states.values()].map((state) => state.symbol));
  }

  get size(): number {
    return this.#states.size;
  }

  /**
   * Forgets terminal orders past their time to live (swept at most every tenth of it, so recording
   * stays cheap on the hot path), then the oldest entries beyond capacity.
   */
  prune(nowMs: number): void {
    if (nowMs - this.#sweptAtMs >= this.#terminalTtlMs / 10) {
      this.#sweptAtMs = nowMs;
      for (const [id, state] of this.#states) {
        if (isTerminal(state.status) && nowMs - state.recordedAtMs > this.#terminalTtlMs) this.#states.delete(id);
      }
    }
    if (this.#states.size <= this.#capacity) return;
    for (const [id, state] of this.#states) {
      if (this.#states.size <= this.#capacity) return;
      if (isTerminal(state.status)) this.#states.delete(id);
    }
    for (const id of this.#states.keys()) {
      if (this.#states.size <= this.#capacity) return;
      this.#states.delete(id);
    }
  }
}
