import { parseDecimal } from './decimal.js';
import { type OrderQuery, isReply, namedOrder, restOrder } from './order-routes.js';
import type { SimOrderType, SimSide, SimTimeInForce } from './order-types.js';
import { ERRORS, type Reply, error, missingParameter, ok } from './rest-reply.js';
import { SIM_SYMBOLS } from './symbols.js';

const SIDES: readonly SimSide[] = ['BUY', 'SELL'];
const TYPES: readonly SimOrderType[] = ['LIMIT', 'MARKET'];
const TIMES_IN_FORCE: readonly SimTimeInForce[] = ['GTC', 'IOC', 'FOK', 'GTX'];

/**
 * POST order (TRADE): submits a LIMIT or MARKET order to the simulator's book, which matches it
 * against the last price (see SimOrderBook.submit) and pushes its events to whatever sockets are
 * connected. A post-only (GTX) order that would cross the last price is
 * rejected with -5022, as Binance does.
 */
export function placeOrder({ market, query, orders }: OrderQuery): Reply {
  const symbol = query.get('symbol');
  if (!symbol) return missingParameter('symbol');
  if (!SIM_SYMBOLS[market].some((candidate) => candidate.symbol === symbol)) return ERRORS.invalidSymbol();
  const side = query.get('side') as SimSide | null;
  if (!side || !SIDES.includes(side)) return missingParameter('side');
  const type = (query.get('type') ?? '') as SimOrderType;
  if (!TYPES.includes(type)) return error(400, -1116, 'Invalid orderType.');
  const quantity = query.get('quantity');
  if (!quantity) return missingParameter('quantity');
  const price = query.get('price') ?? undefined;
  if (type === 'LIMIT' && price === undefined) return missingParameter('price');
  const timeInForce = (query.get('timeInForce') ?? 'GTC') as SimTimeInForce;
  if (!TIMES_IN_FORCE.includes(timeInForce)) return error(400, -1115, 'Invalid timeInForce.');
  if (timeInForce === 'GTX' && price !== undefined) {
    const last = orders.lastPrice(market, symbol);
    const limit = parseDecimal(price);
    if (side === 'BUY' ? limit >= last : limit <= last) return ERRORS.postOnlyRejected();
  }
  try {
    const { order } = orders.submit(market, {
      symbol,
      side,
      type,
      timeInForce,
      quantity,
      ...(price === undefined ? {} : { price }),
      ...(query.get('newClientOrderId') ? { clientOrderId: query.get('newClientOrderId') ?? undefined } : {}),
    });
    return ok(restOrder(order));
  } catch (err) {
    return error(400, -1111, `Precision is over the maximum defined for this asset. (${(err as Error).message})`);
  }
}

/** DELETE order (TRADE): cancels an open order by orderId or origClientOrderId; anything else is -2011. */
export function cancelOrder({ market, query, orders }: OrderQuery): Reply {
  const found = namedOrder(market, query, (symbol) => orders.openOrders(market, symbol));
  if (isReply(found)) return found;
  if (!found) return ERRORS.unknownOrder();
  return ok(restOrder(orders.cancel(market, found.orderId).order));
}
