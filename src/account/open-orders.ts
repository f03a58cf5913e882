import { ORDER_PATHS, type Market } from '../exchange/endpoints.js';
import { orderEventOf, RestOrders } from '../events/kinds/order.js';
import type { OrderEvent } from '../events/types.js';
import type { SignedClient } from '../rest/signed-client.js';

/** An open order as `orders` and `board` show it: the event tail would print, and when it was placed. */
export interface OpenOrder {
  event: OrderEvent;
  /** When the order was created (REST `time`), ms. */
  placedAtMs: number;
}

/** openOrders weight for all symbols at once; one symbol costs 1. */
const ALL_SYMBOLS_WEIGHT = 40;

/**
 * The market's open orders now (signed GET openOrders): all symbols in one call, or one call per
 * symbol given. Sorted by symbol, then creation time, then orderId.
 */
export async function fetchOpenOrders(client: SignedClient, market: Market, symbols?: ReadonlySet<string>, signal?: AbortSignal): Promise<OpenOrder[]> {
  const path = ORDER_PATHS[market].openOrders;
  const pages = symbols?.size
    ? await Promise.all([...symbols].map((symbol) => client.signed('GET', path, RestOrders, { symbol }, { weight: 1, signal })))
    : [await client.signed('GET', path, RestOrders, {}, { weight: ALL_SYMBOLS_WEIGHT, signal })];
  return pages
    .flat()
    .map((order) => ({ event: orderEventOf(order, market, 'rest'), placedAtMs: order.time }))
    .sort(byPlacement);
}

/** Symbol, then creation time, then orderId. */
export function byPlacement(a: OpenOrder, b: OpenOrder): number {
  return (a.event.symbol < b.event.symbol ? -1 : a.event.symbol > b.event.symbol ? 1 : 0) || a.placedAtMs - b.placedAtMs || a.event.orderId - b.event.orderId;
}
