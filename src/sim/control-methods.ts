import { type SimFillInput, type SimOrderInput, SimControlError, faultOf, fillOf, optionalMarketOf, orderSpecOf } from './control-input.js';
import { parseDecimal } from './decimal.js';
import type { FaultInjector, SimFault, SimFaultResult } from './faults.js';
import type { ListenKeyRegistry } from './listen-keys.js';
import { SIM_MARKETS, type SimMarket } from './market.js';
import type { SimOrder } from './order-types.js';
import type { SimOrderBook } from './orders.js';
import { findSymbol } from './symbols.js';
import type { SimConnection, SimFrameCounts, SimRefusal, SocketHub } from './ws.js';

/** What `GET /_sim/state` and `sim.state()` report. */
export interface SimState {
  /** Open sockets, oldest first, with the streams each receives. */
  readonly connections: readonly (SimConnection & { readonly subscriptions: readonly string[] })[];
  /** Each market's active listenKey, or null. */
  readonly listenKeys: Readonly<Record<SimMarket, string | null>>;
  /** Each market's NEW and PARTIALLY_FILLED orders, oldest first. */
  readonly openOrders: Readonly<Record<SimMarket, readonly SimOrder[]>>;
  /** Frames written to sockets, and event frames per event type. */
  readonly sent: SimFrameCounts;
  /** REST requests answered so far (control calls not counted). */
  readonly restRequests: number;
  /** Faults in force right now. */
  readonly faults: { readonly stalled: boolean; readonly refusing: SimRefusal | null; readonly clockSkewMs: number };
}

/** What the control verbs act on. */
export interface ControlParts {
  readonly orders: SimOrderBook;
  readonly hub: SocketHub;
  readonly keys: ListenKeyRegistry;
  readonly injector: FaultInjector;
  /** Told one line per action; lines never hold a key or secret. */
  readonly log: (line: string) => void;
  readonly restRequests: () => number;
  readonly clockSkewMs: () => number;
}

/** The control verbs, shared by the `/_sim/` HTTP routes and the in-process SimExchange; each validates its input. */
export function createControlMethods({ orders, hub, keys, injector, log, restRequests, clockSkewMs }: ControlParts) {
  /** The market holding an order id (ids never repeat across markets); 404 when none does, or not the one named. */
  const marketOfOrder = (orderId: number, named?: SimMarket): SimMarket => {
    const market = SIM_MARKETS.find((candidate) => orders.get(candidate, orderId) !== undefined);
    if (market === undefined || (named !== undefined && named !== market)) {
      throw new SimControlError(`no ${named ?? ''}${named ? ' ' : ''}order ${orderId}`, 'orderId', 404);
    }
    return market;
  };
  const openOrderMarket = (orderId: number, named?: SimMarket): SimMarket => {
    const market = marketOfOrder(orderId, named);
    const status = orders.get(market, orderId)?.status;
    if (status !== 'NEW' && status !== 'PARTIALLY_FILLED') throw new SimControlError(`order ${orderId} is ${status}, not open`, 'orderId', 409);
    return market;
  };
  const control = {
    placeOrder(input: SimOrderInput): SimOrder {
      const { market, spec } = orderSpecOf(input);
      if (spec.timeInForce === 'GTX' && spec.price !== undefined) {
        const last = orders.lastPrice(market, spec.symbol ?? '');
        const limit = parseDecimal(spec.price);
        if (spec.side === 'BUY' ? limit >= last : limit <= last) throw new SimControlError('a post-only (GTX) order at this price would cross the last price and is rejected', 'price');
      }
      const { order } = orders.submit(market, spec);
      log(`placed ${market} order ${order.orderId}: ${order.side} ${order.type} ${order.origQty} ${order.symbol}${order.type === 'LIMIT' ? ` @ ${order.price}` : ''} → ${order.status}`);
      return order;
    },
    getOrder(orderId: number): SimOrder {
      const order = orders.get(marketOfOrder(orderId), orderId);
      if (!order) throw new SimControlError(`no order ${orderId}`, 'orderId', 404);
      return order;
    },
    fillOrder(orderId: number, input?: SimFillInput): SimOrder {
      const market = openOrderMarket(orderId, optionalMarketOf(input, ['quantity', 'price', 'market']));
      const current = orders.get(market, orderId);
      const fill = fillOf(input, findSymbol(market, current?.symbol ?? ''));
      const remaining = current ? parseDecimal(current.origQty) - parseDecimal(current.executedQty) : 0n;
      if (fill.quantity !== undefined && parseDecimal(fill.quantity) > remaining) {
        throw new SimControlError(`quantity ${fill.quantity} is more than the ${current?.origQty ?? ''} ordered less the ${current?.executedQty ?? ''} filled`, 'quantity');
      }
      const { order } = orders.fill(market, orderId, fill.quantity, fill.price === undefined ? {} : { price: fill.price });
      log(`filled ${market} order ${orderId}: ${order.executedQty}/${order.origQty} → ${order.status}`);
      return order;
    },
    cancelOrder(orderId: number, input?: { market?: SimMarket }): SimOrder {
      const market = openOrderMarket(orderId, optionalMarketOf(input, ['market']));
      const { order } = orders.cancel(market, orderId);
      log(`cancelled ${market} order ${orderId}`);
      return order;
    },
    fault(input: SimFault): SimFaultResult {
      const result = injector.apply(faultOf(input));
      log(`fault ${result.kind}${result.sockets === undefined ? '' : `: ${result.sockets} socket(s)`}${result.markets ? `: ${result.markets.join(', ')}` : ''}`);
      return result;
    },
    state(): SimState {
      const byMarket = <T>(value: (market: SimMarket) => T) => Object.fromEntries(SIM_MARKETS.map((market) => [market, value(market)])) as Record<SimMarket, T>;
      return {
        connections: hub.connections().map((connection) => ({ ...connection, subscriptions: hub.subscriptionsOf(connection.id) })),
        listenKeys: byMarket((market) => keys.active(market) ?? null),
        openOrders: byMarket((market) => orders.openOrders(market)),
        sent: hub.counts(),
        restRequests: restRequests(),
        faults: { stalled: hub.stalled, refusing: hub.refusal ?? null, clockSkewMs: clockSkewMs() },
      };
    },
  };
  return control;
}
