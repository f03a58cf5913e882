import { z } from 'zod';
import type { Market } from '../exchange/endpoints.js';
import type { MappedFields } from '../events/fields.js';
import type { OrderEvent, Source } from '../events/types.js';

/**
 * The order object of GET openOrders / order / allOrders (USDⓈ-M, COIN-M and PM UM share these
 * fields; COIN-M has cumBase for cumQuote). Unknown fields are ignored; unknown enum values pass.
 */
export const RestOrder = z.object({
  orderId: z.number(),
  symbol: z.string(),
  clientOrderId: z.string(),
  side: z.enum(['BUY', 'SELL']),
  type: z.string(),
  origType: z.string().optional(),
  timeInForce: z.string(),
  status: z.string(),
  price: z.string(),
  avgPrice: z.string(),
  stopPrice: z.string().optional(),
  origQty: z.string(),
  executedQty: z.string(),
  positionSide: z.string().optional(),
  reduceOnly: z.boolean().optional(),
  closePosition: z.boolean().optional(),
  workingType: z.string().optional(),
  priceProtect: z.boolean().optional(),
  priceMatch: z.string().optional(),
  selfTradePreventionMode: z.string().optional(),
  goodTillDate: z.number().optional(),
  activatePrice: z.string().optional(),
  priceRate: z.string().optional(),
  time: z.number(),
  updateTime: z.number(),
});
export type RestOrder = z.infer<typeof RestOrder>;

export const RestOrders = z.array(RestOrder);

/** The execution type a stream event for this status would carry; REST does not say which one happened last. */
function execTypeOf(status: string): string {
  if (status === 'PARTIALLY_FILLED' || status === 'FILLED') return 'TRADE';
  if (status === 'EXPIRED_IN_MATCH') return 'EXPIRED';
  return status;
}

/**
 * An order event built from a REST order, for printing after a gap (`reconcile`) or as a listing of
 * open orders (`rest`). REST gives the order's current
 * state only: the last fill's quantity, price, trade id and PnL are unknown, so they are "0" / 0, as
 * Binance sends them on events that are not trades, and what REST does not carry at all is
 * undefined (null in JSON). Times are `updateTime`.
 * `source` is 'rest' for the history `tail --since` prints before the stream, 'reconcile' after a gap.
 */
export function orderEventOf(order: RestOrder, market: Market, source: Source = 'reconcile'): OrderEvent {
  return {
    event: 'order',
    market,
    eventTime: order.updateTime,
    transactionTime: order.updateTime,
    symbol: order.symbol,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    side: order.side,
    orderType: order.type,
    timeInForce: order.timeInForce,
    execType: execTypeOf(order.status),
    status: order.status,
    price: order.price,
    avgPrice: order.avgPrice,
    stopPrice: order.stopPrice ?? '0',
    origQty: order.origQty,
    filledQty: order.executedQty,
    lastFilledQty: '0',
    lastFilledPrice: '0',
    commission: undefined,
    commissionAsset: undefined,
    realizedProfit: '0',
    tradeId: 0,
    tradeTime: order.updateTime,
    positionSide: order.positionSide ?? 'BOTH',
    reduceOnly: order.reduceOnly ?? false,
    isMaker: false,
    expiryReason: undefined,
    originalOrderType: order.origType,
    workingType: order.workingType,
    closePosition: order.closePosition,
    activationPrice: order.activatePrice,
    callbackRate: order.priceRate,
    priceProtect: order.priceProtect,
    bidNotional: undefined,
    askNotional: undefined,
    selfTradePrevention: order.selfTradePreventionMode,
    priceMatch: order.priceMatch,
    goodTillDate: order.goodTillDate,
    modifyId: undefined,
    strategyId: undefined,
    strategyType: undefined,
    marginAsset: undefined,
    accountAlias: undefined,
    businessUnit: undefined,
    source,
  } satisfies MappedFields<OrderEvent>;
}
