import type { SimMarket } from './market.js';
import type { SimOrder } from './order-types.js';
import type { SimOrderBook } from './orders.js';
import { ERRORS, type Reply, error, missingParameter, ok } from './rest-reply.js';
import { SIM_SYMBOLS } from './symbols.js';

const DAY_MS = 86_400_000;

/** A signed order query that already passed the key and signature checks. */
export interface OrderQuery {
  readonly market: SimMarket;
  readonly query: URLSearchParams;
  readonly orders: SimOrderBook;
  readonly nowMs: number;
}

/** Weights and page sizes per market, from Binance's endpoint pages. */
const LIMITS: Readonly<Record<SimMarket, { allOrdersWeight: number; defaultLimit: number; maxLimit: number }>> = {
  usdm: { allOrdersWeight: 5, defaultLimit: 500, maxLimit: 1000 },
  pm: { allOrdersWeight: 5, defaultLimit: 500, maxLimit: 1000 },
  coinm: { allOrdersWeight: 20, defaultLimit: 50, maxLimit: 100 },
};

/** GET openOrders: every NEW or PARTIALLY_FILLED order, of one symbol (weight 1) or all (weight 40). */
export function openOrders({ market, query, orders }: OrderQuery): Reply {
  const symbol = query.get('symbol') ?? undefined;
  if (symbol !== undefined && !isSymbol(market, symbol)) return ERRORS.invalidSymbol();
  const pair = query.get('pair') ?? undefined;
  const found = orders.openOrders(market, symbol).filter((order) => pair === undefined || pairOf(order.symbol) === pair);
  return ok(found.map((order) => restOrder(order)), symbol === undefined ? 40 : 1);
}

/**
 * The order a GET or DELETE order request names by symbol plus orderId or origClientOrderId, among
 * `candidates`; a Reply when the request itself is malformed.
 */
export function namedOrder(market: SimMarket, query: URLSearchParams, candidates: (symbol: string) => SimOrder[]): SimOrder | undefined | Reply {
  const symbol = query.get('symbol');
  if (!symbol) return missingParameter('symbol');
  if (!isSymbol(market, symbol)) return ERRORS.invalidSymbol();
  const orderId = query.get('orderId');
  const clientOrderId = query.get('origClientOrderId');
  if (!orderId && !clientOrderId) return error(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  return candidates(symbol).find((order) => (orderId ? String(order.orderId) === orderId : order.clientOrderId === clientOrderId));
}

/** True for the malformed-request answer of namedOrder. */
export const isReply = (value: SimOrder | Reply | undefined): value is Reply => value !== undefined && 'status' in value && 'body' in value;

/** GET order: one order by orderId or origClientOrderId, within Binance's visibility window. */
export function queryOrder({ market, query, orders, nowMs }: OrderQuery): Reply {
  const found = namedOrder(market, query, (symbol) => orders.list(market, symbol));
  if (isReply(found)) return found;
  return found && isVisible(found, nowMs) ? ok(restOrder(found)) : ERRORS.noSuchOrder();
}

/**
 * GET allOrders: orders with orderId ≥ `orderId` (oldest first), or else the most recent ones,
 * filtered by startTime/endTime and cut to `limit`.
 */
export function allOrders({ market, query, orders, nowMs }: OrderQuery): Reply {
  const symbol = query.get('symbol') ?? undefined;
  const pair = query.get('pair') ?? undefined;
  if (symbol === undefined && (market === 'coinm' ? pair === undefined : market === 'pm')) return missingParameter('symbol');
  if (symbol !== undefined && !isSymbol(market, symbol)) return ERRORS.invalidSymbol();
  const limits = LIMITS[market];
  const limit = Math.min(Number(query.get('limit') ?? limits.defaultLimit), limits.maxLimit);
  const fromId = Number(query.get('orderId') ?? Number.NaN);
  const startTime = Number(query.get('startTime') ?? Number.NEGATIVE_INFINITY);
  const endTime = Number(query.get('endTime') ?? Number.POSITIVE_INFINITY);
  const matching = orders
    .list(market, symbol)
    .filter((order) => pair === undefined || pairOf(order.symbol) === pair)
    .filter((order) => isVisible(order, nowMs) && order.time >= startTime && order.time <= endTime)
    .filter((order) => Number.isNaN(fromId) || order.orderId >= fromId);
  const page = Number.isNaN(fromId) ? matching.slice(-limit) : matching.slice(0, limit);
  return ok(page.map((order) => restOrder(order)), pair !== undefined ? 40 : limits.allOrdersWeight);
}

/** The REST order object, in the key order of Binance's docs; COIN-M has `cumBase` and `pair` instead of `cumQuote`. */
export function restOrder(order: SimOrder): Record<string, unknown> {
  const quantity = order.market === 'coinm' ? { cumBase: order.cumQuote } : { cumQuote: order.cumQuote };
  const head = {
    avgPrice: order.avgPrice === '0' ? '0.00000' : order.avgPrice,
    clientOrderId: order.clientOrderId,
    ...quantity,
    executedQty: order.executedQty,
    orderId: order.orderId,
    origQty: order.origQty,
    origType: order.type,
    price: order.price,
    reduceOnly: order.reduceOnly,
    side: order.side,
    positionSide: order.positionSide,
    status: order.status,
    stopPrice: '0',
    closePosition: false,
    symbol: order.symbol,
  };
  const tail = { timeInForce: order.timeInForce, type: order.type, updateTime: order.updateTime, workingType: 'CONTRACT_PRICE', priceProtect: false };
  if (order.market === 'coinm') return { ...head, pair: pairOf(order.symbol), time: order.time, ...tail };
  return { ...head, time: order.time, ...tail, priceMatch: 'NONE', selfTradePreventionMode: 'EXPIRE_MAKER', goodTillDate: 0 };
}

/** Binance forgets CANCELED or EXPIRED orders without fills after 3 days, and every order after 90. */
function isVisible(order: SimOrder, nowMs: number): boolean {
  const ageMs = nowMs - order.time;
  if (ageMs > 90 * DAY_MS) return false;
  const unfilledEnd = (order.status === 'CANCELED' || order.status === 'EXPIRED') && order.trades.length === 0;
  return !(unfilledEnd && ageMs > 3 * DAY_MS);
}

function isSymbol(market: SimMarket, symbol: string): boolean {
  return SIM_SYMBOLS[market].some((candidate) => candidate.symbol === symbol);
}

/** COIN-M pair of a symbol: BTCUSD_PERP → BTCUSD. */
function pairOf(symbol: string): string {
  return symbol.split('_')[0] ?? symbol;
}
