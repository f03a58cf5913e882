import { byPlacement, type OpenOrder } from '../account/open-orders.js';
import { isZeroAmount } from '../account/positions.js';
import type { AccountEvent, OrderEvent, Position, Side, StreamEvent } from '../events/types.js';
import { isTerminal } from '../reconcile/order-status.js';

/** One execution, as the recent-fills list shows it. */
export interface Fill {
  timeMs: number;
  symbol: string;
  side: Side;
  qty: string;
  price: string;
  /** Absent when Binance sent no commission. */
  fee?: string;
  feeAsset?: string;
  realizedProfit: string;
}

/** What the board knows of the account: open orders, positions not flat, the latest fills. */
export interface BoardData {
  /** In display order: symbol, then placement time. */
  orders: readonly OpenOrder[];
  /** By symbol, then position side. */
  positions: readonly Position[];
  /** Newest first. */
  fills: readonly Fill[];
}

/** How many fills are remembered; more than any screen shows. */
const FILLS_KEPT = 200;

const positionKey = (p: Position) => `${p.symbol}\u0000${p.positionSide}`;

/**
 * The board's picture of one account, kept from a REST snapshot and the stream that follows it.
 * The stream may overtake the snapshot (it starts first, so nothing falls between the two): a
 * snapshot order is taken only if the stream said nothing newer about it, and a snapshot position
 * only for symbols no ACCOUNT_UPDATE has touched yet. `version` grows with every change.
 */
export class BoardModel {
  readonly #orders = new Map<number, OpenOrder>();
  /** Orders the stream saw end, so that an older snapshot cannot bring them back. */
  readonly #ended = new Set<number>();
  readonly #positions = new Map<string, Position>();
  readonly #streamedPositions = new Set<string>();
  #fills: Fill[] = [];
  #version = 0;

  /** Grows on every change that can alter the screen. */
  get version(): number {
    return this.#version;
  }

  /** A stream event; kinds the board does not show are ignored. */
  apply(e: StreamEvent): void {
    if (e.event === 'order') this.#order(e);
    else if (e.event === 'account') this.#account(e);
  }

  /** The open orders and positions read over REST at start. */
  applySnapshot(orders: readonly OpenOrder[], positions: readonly Position[]): void {
    for (const order of orders) {
      const known = this.#orders.get(order.event.orderId);
      if (this.#ended.has(order.event.orderId) || (known && known.event.transactionTime >= order.event.transactionTime)) continue;
      this.#orders.set(order.event.orderId, order);
    }
    for (const position of positions) {
      if (this.#streamedPositions.has(position.symbol)) continue;
      this.#positions.set(positionKey(position), position);
    }
    this.#version++;
  }

  /** A copy for rendering, in display order. */
  data(): BoardData {
    return {
      orders: [...this.#orders.values()].sort(byPlacement),
      positions: [...this.#positions.values()].sort((a, b) => positionKey(a).localeCompare(positionKey(b))),
      fills: this.#fills.slice(),
    };
  }

  #order(e: OrderEvent) {
    if (e.execType === 'TRADE' && e.source === 'ws' && !isZeroAmount(e.lastFilledQty)) {
      // `??` also maps a JSON null (a key the frame did not carry) to absent.
      const fee = e.commission ?? undefined;
      const feeAsset = e.commissionAsset ?? undefined;
      this.#fills.unshift({
        timeMs: e.tradeTime,
        symbol: e.symbol,
        side: e.side,
        qty: e.lastFilledQty,
        price: e.lastFilledPrice,
        ...(fee === undefined ? {} : { fee }),
        ...(feeAsset === undefined ? {} : { feeAsset }),
        realizedProfit: e.realizedProfit,
      });
      if (this.#fills.length > FILLS_KEPT) this.#fills.length = FILLS_KEPT;
    }
    if (isTerminal(e.status)) {
      this.#ended.add(e.orderId);
      this.#orders.delete(e.orderId);
    } else {
      const known = this.#orders.get(e.orderId);
      this.#orders.set(e.orderId, { event: e, placedAtMs: known?.placedAtMs ?? e.transactionTime });
    }
    this.#version++;
  }

  #account(e: AccountEvent) {
    for (const position of e.positions) {
      this.#streamedPositions.add(position.symbol);
      if (isZeroAmount(position.positionAmount)) this.#positions.delete(positionKey(position));
      else this.#positions.set(positionKey(position), position);
    }
    this.#version++;
  }
}
