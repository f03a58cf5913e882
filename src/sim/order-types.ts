import type { SimMarket } from './market.js';

/** Order side. */
export type SimSide = 'BUY' | 'SELL';
/** Order types the simulator's book executes. */
export type SimOrderType = 'LIMIT' | 'MARKET';
/** Time in force; MARKET orders carry GTC on the wire, as Binance sends them. */
export type SimTimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTX';
/** Order status (`X` on the wire, `status` over REST). */
export type SimOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';
/** What one ORDER_TRADE_UPDATE reports (`x` on the wire). */
export type SimExecutionType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED';
/** Position side; the simulated account is in one-way mode, so always BOTH. */
export type SimPositionSide = 'BOTH' | 'LONG' | 'SHORT';

/** One execution against an order. Decimals are strings as Binance sends them. */
export interface SimTrade {
  readonly tradeId: number;
  readonly price: string;
  readonly qty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly realizedPnl: string;
  readonly maker: boolean;
  /** Epoch ms. */
  readonly time: number;
}

/**
 * The simulator's record of one order, named like Binance's REST order object so that
 * openOrders / order / allOrders can be served from it directly. Times are epoch ms.
 */
export interface SimOrder {
  readonly market: SimMarket;
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly timeInForce: SimTimeInForce;
  readonly positionSide: SimPositionSide;
  readonly reduceOnly: boolean;
  readonly price: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly avgPrice: string;
  /** Filled notional: quote asset for linear contracts, base asset for inverse ones (`cumBase` on COIN-M). */
  readonly cumQuote: string;
  readonly status: SimOrderStatus;
  /** Binance expiry-reason code (`er`), "0" unless the order expired. */
  readonly expiryReason: string;
  readonly time: number;
  readonly updateTime: number;
  readonly trades: readonly SimTrade[];
}

/** True while an order can still trade. */
export function isOpen(order: Pick<SimOrder, 'status'>): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}
