import { SimAccount, notional } from './account.js';
import {
  type Decimal,
  ZERO,
  divide,
  formatFixed,
  formatFixedOrZero,
  formatTrimmed,
  multiply,
  parseDecimal,
} from './decimal.js';
import {
  type SimPayload,
  accountUpdate,
  orderTradeUpdate,
  tradeLite,
} from './fixtures.js';
import { SIM_MARKETS, type SimMarket } from './market.js';
import {
  type SimExecutionType,
  type SimOrder,
  type SimOrderType,
  type SimSide,
  type SimTimeInForce,
  type SimTrade,
  isOpen,
} from './order-types.js';
import type { SimOrderResult, SimSent } from './order-results.js';
import type { Random } from './random.js';
import { SIM_SYMBOLS, type SimSymbol, findSymbol } from './symbols.js';

/** What to place. Quantity and price must fit the symbol's step and tick decimals. */
export interface SimOrderSpec {
  /** @default the market's first symbol (BTCUSDT, or BTCUSD_PERP on COIN-M) */
  symbol?: string;
  side: SimSide;
  /** MARKET orders fill completely at the symbol's last price as soon as they are placed. @default 'LIMIT' */
  type?: SimOrderType;
  /** @default 'GTC' */
  timeInForce?: SimTimeInForce;
  /** Limit price; ignored for MARKET. @default the symbol's last price */
  price?: string;
  /** Base quantity (contracts on COIN-M). @default one step */
  quantity?: string;
  /** @default 22 random alphanumeric characters, like Binance's generated ids */
  clientOrderId?: string;
  reduceOnly?: boolean;
}

/** Where a fill trades, when not where the order says. */
export interface SimFillAt {
  /** Trade price. @default the order's limit price, or the last price for a MARKET order */
  price?: string;
  /** @default true for a resting (GTC/GTX) limit order */
  maker?: boolean;
}

/** What the book needs from the exchange around it. */
export interface SimOrderBookOptions {
  /** Sends a payload to the market's sockets; returns how many received it. */
  readonly publish: (market: SimMarket, payload: SimPayload) => number;
  readonly now: () => number;
  /** Used for generated clientOrderIds. */
  readonly random: Random;
}

type OrderRecord = { -readonly [K in keyof SimOrder]: K extends 'trades' ? SimTrade[] : SimOrder[K] };

interface MarketBook {
  readonly orders: Map<number, OrderRecord>;
  readonly account: SimAccount;
  readonly lastPrice: Map<string, Decimal>;
  nextOrderId: number;
  nextTradeId: number;
}

/** Realistic id ranges per market, so ids look like production ones and never collide across markets. */
const FIRST_IDS: Readonly<Record<SimMarket, { orderId: number; tradeId: number }>> = {
  usdm: { orderId: 215456451001, tradeId: 6512345001 },
  coinm: { orderId: 91270405601, tradeId: 412345001 },
  pm: { orderId: 8389765591001, tradeId: 6512988001 },
};

const CLIENT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Every order the simulator knows, per market, with the lifecycle verbs that change it. Each verb
 * updates the state and pushes the matching events in Binance's wire shape to whatever sockets are
 * connected; with none connected the events are lost, as on Binance. State stays queryable, so the
 * REST side can answer openOrders / order / allOrders from it.
 */
export class SimOrderBook {
  readonly #options: SimOrderBookOptions;
  readonly #books = new Map<SimMarket, MarketBook>();

  constructor(options: SimOrderBookOptions) {
    this.#options = options;
    for (const market of SIM_MARKETS) {
      this.#books.set(market, {
        orders: new Map(),
        account: new SimAccount(market),
        lastPrice: new Map(SIM_SYMBOLS[market].map((symbol) => [symbol.symbol, parseDecimal(symbol.referencePrice)])),
        nextOrderId: FIRST_IDS[market].orderId,
        nextTradeId: FIRST_IDS[market].tradeId,
      });
    }
  }

  /** Places an order: NEW; a MARKET order then fills at once. */
  place(market: SimMarket, spec: SimOrderSpec): SimOrderResult {
    const book = this.#book(market);
    const symbol = findSymbol(market, spec.symbol ?? SIM_SYMBOLS[market][0]?.symbol ?? '');
    const type = spec.type ?? 'LIMIT';
    const limitPrice = spec.price ?? formatFixed(this.lastPrice(market, symbol.symbol), symbol.priceDecimals);
    const price = type === 'MARKET' ? '0' : normalize(limitPrice, symbol.priceDecimals, 'price');
    const now = this.#options.now();
    const order: OrderRecord = {
      market,
      symbol: symbol.symbol,
      orderId: book.nextOrderId++,
      clientOrderId: spec.clientOrderId ?? this.#clientOrderId(),
      side: spec.side,
      type,
      timeInForce: spec.timeInForce ?? 'GTC',
      positionSide: 'BOTH',
      reduceOnly: spec.reduceOnly ?? false,
      price,
      origQty: normalize(spec.quantity ?? symbol.step, symbol.quantityDecimals, 'quantity'),
      executedQty: '0',
      avgPrice: '0',
      cumQuote: '0',
      status: 'NEW',
      expiryReason: '0',
      time: now,
      updateTime: now,
      trades: [],
    };
    if (parseDecimal(order.origQty) <= ZERO) throw new RangeError(`quantity must be positive, got ${order.origQty}`);
    book.orders.set(order.orderId, order);
    const sent = [this.#publishOrder(order, 'NEW')];
    if (type === 'MARKET') sent.push(...this.fill(market, order.orderId).sent);
    return { order: snapshot(order), sent };
  }

  /**
   * Order entry as the exchange matches it: the order is placed (NEW); a MARKET order fills at once;
   * a LIMIT order that crosses the symbol's last price (the simulator's mark price) fills at once as
   * taker at that price; an IOC or FOK limit order that does not cross expires. Anything else rests
   * until it is filled or cancelled.
   */
  submit(market: SimMarket, spec: SimOrderSpec): SimOrderResult {
    const placed = this.place(market, spec);
    const { order } = placed;
    if (!isOpen(order) || order.type !== 'LIMIT') return placed;
    const last = this.lastPrice(market, order.symbol);
    const limit = parseDecimal(order.price);
    const crosses = order.side === 'BUY' ? limit >= last : limit <= last;
    const symbol = findSymbol(market, order.symbol);
    const then = crosses
      ? this.fill(market, order.orderId, undefined, { price: formatFixed(last, symbol.priceDecimals), maker: false })
      : order.timeInForce === 'IOC' || order.timeInForce === 'FOK'
        ? this.expire(market, order.orderId)
        : undefined;
    return then ? { order: then.order, sent: [...placed.sent, ...then.sent] } : placed;
  }

  /**
   * Fills `qty` (default: all that is left) of an open order. A LIMIT order fills at its price (as
   * maker unless IOC/FOK); a MARKET order at the symbol's last price as taker; `at` overrides both. Pushes TRADE_LITE (USDⓈ-M only),
   * then ORDER_TRADE_UPDATE, then ACCOUNT_UPDATE, the order Binance sends them in.
   */
  fill(market: SimMarket, orderId: number, qty?: string, at: SimFillAt = {}): SimOrderResult {
    const order = this.#openOrder(market, orderId);
    const book = this.#book(market);
    const symbol = findSymbol(market, order.symbol);
    const remaining = parseDecimal(order.origQty) - parseDecimal(order.executedQty);
    const fillQty = qty === undefined ? remaining : parseDecimal(normalize(qty, symbol.quantityDecimals, 'quantity'));
    if (fillQty <= ZERO || fillQty > remaining) {
      throw new RangeError(`fill of ${qty} on order ${orderId}: must be above 0 and at most the remaining ${formatTrimmed(remaining, symbol.quantityDecimals)}`);
    }
    // A resting limit order trades as maker at its own price; IOC/FOK orders take liquidity.
    const maker = at.maker ?? (order.type === 'LIMIT' && (order.timeInForce === 'GTC' || order.timeInForce === 'GTX'));
    const price =
      at.price !== undefined
        ? parseDecimal(normalize(at.price, symbol.priceDecimals, 'price'))
        : order.type === 'LIMIT'
          ? parseDecimal(order.price)
          : this.lastPrice(market, order.symbol);
    if (price <= ZERO) throw new RangeError(`price must be positive, got ${at.price}`);
    const now = this.#options.now();
    const effect = book.account.apply({ symbol, side: order.side, qty: fillQty, price, maker });
    book.lastPrice.set(order.symbol, price);

    const trade: SimTrade = {
      tradeId: book.nextTradeId++,
      price: formatFixed(price, symbol.priceDecimals),
      qty: formatFixed(fillQty, symbol.quantityDecimals),
      commission: formatTrimmed(effect.commission, 8),
      commissionAsset: symbol.marginAsset,
      realizedPnl: formatTrimmed(effect.realizedPnl, 8),
      maker,
      time: now,
    };
    order.trades.push(trade);
    const executed = parseDecimal(order.executedQty) + fillQty;
    const filledValue = parseDecimal(order.cumQuote) + notional(symbol, fillQty, price);
    order.executedQty = formatFixed(executed, symbol.quantityDecimals);
    order.cumQuote = formatTrimmed(filledValue, 8);
    order.avgPrice = formatFixed(averagePrice(symbol, order.trades), 5);
    order.status = executed === parseDecimal(order.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = now;

    const sent: SimSent[] = [];
    if (market === 'usdm') {
      sent.push(
        this.#publish(
          market,
          tradeLite({
            symbol: order.symbol,
            origQty: order.origQty,
            price: order.price,
            isMaker: maker,
            clientOrderId: order.clientOrderId,
            side: order.side,
            lastFilledPrice: trade.price,
            lastFilledQty: trade.qty,
            tradeId: trade.tradeId,
            orderId: order.orderId,
            transactionTime: now,
          }),
        ),
      );
    }
    sent.push(this.#publishOrder(order, 'TRADE', trade));
    sent.push(
      this.#publish(
        market,
        accountUpdate({ market, reason: 'ORDER', balances: [effect.balance], positions: [effect.position], transactionTime: now }),
      ),
    );
    return { order: snapshot(order), sent };
  }

  /** Cancels an open order. */
  cancel(market: SimMarket, orderId: number): SimOrderResult {
    const order = this.#openOrder(market, orderId);
    order.status = 'CANCELED';
    order.updateTime = this.#options.now();
    return { order: snapshot(order), sent: [this.#publishOrder(order, 'CANCELED')] };
  }

  /**
   * Expires an open order with Binance expiry-reason code `reason` (`er`). The default is "2"
   * (IOC not fully filled) for IOC orders and "1" (self-trade prevention) otherwise.
   */
  expire(market: SimMarket, orderId: number, opts: { reason?: string } = {}): SimOrderResult {
    const order = this.#openOrder(market, orderId);
    order.status = 'EXPIRED';
    order.expiryReason = opts.reason ?? (order.timeInForce === 'IOC' ? '2' : '1');
    order.updateTime = this.#options.now();
    return { order: snapshot(order), sent: [this.#publishOrder(order, 'EXPIRED')] };
  }

  /** The order's current state, if the market has it. */
  get(market: SimMarket, orderId: number): SimOrder | undefined {
    const order = this.#book(market).orders.get(orderId);
    return order && snapshot(order);
  }

  /** Every order of the market, oldest first; only one symbol's when given. */
  list(market: SimMarket, symbol?: string): SimOrder[] {
    return [...this.#book(market).orders.values()].filter((order) => symbol === undefined || order.symbol === symbol).map(snapshot);
  }

  /** The market's NEW and PARTIALLY_FILLED orders, oldest first; only one symbol's when given. */
  openOrders(market: SimMarket, symbol?: string): SimOrder[] {
    return this.list(market, symbol).filter(isOpen);
  }

  /** The symbol's last traded price (its reference price before any fill). */
  lastPrice(market: SimMarket, symbol: string): Decimal {
    return this.#book(market).lastPrice.get(findSymbol(market, symbol).symbol) ?? ZERO;
  }

  /** The market's account: wallet balances and open positions. */
  account(market: SimMarket): Pick<SimAccount, 'balances' | 'positions'> {
    return this.#book(market).account;
  }

  #book(market: SimMarket): MarketBook {
    const book = this.#books.get(market);
    if (!book) throw new RangeError(`unknown market ${String(market)}`);
    return book;
  }

  #openOrder(market: SimMarket, orderId: number): OrderRecord {
    const order = this.#book(market).orders.get(orderId);
    if (!order) throw new RangeError(`no ${market} order ${orderId}`);
    if (!isOpen(order)) throw new RangeError(`${market} order ${orderId} is ${order.status}, not open`);
    return order;
  }

  #publishOrder(order: OrderRecord, executionType: SimExecutionType, trade?: SimTrade): SimSent {
    const symbol = findSymbol(order.market, order.symbol);
    const resting = this.openOrders(order.market, order.symbol).filter((open) => open.type === 'LIMIT');
    const openValue = (side: SimSide) =>
      resting
        .filter((open) => open.side === side)
        .reduce((sum, open) => sum + notional(symbol, parseDecimal(open.origQty) - parseDecimal(open.executedQty), parseDecimal(open.price)), ZERO);
    const notionalPlaces = symbol.settlement === 'linear' ? 5 : 8;
    return this.#publish(
      order.market,
      orderTradeUpdate({
        market: order.market,
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
        side: order.side,
        orderType: order.type,
        timeInForce: order.timeInForce,
        origQty: order.origQty,
        price: order.price,
        avgPrice: order.avgPrice,
        execType: executionType,
        status: order.status,
        orderId: order.orderId,
        lastFilledQty: trade?.qty ?? '0',
        filledQty: formatFixedOrZero(parseDecimal(order.executedQty), symbol.quantityDecimals),
        lastFilledPrice: trade?.price ?? '0',
        commission: trade?.commission ?? '0',
        commissionAsset: symbol.marginAsset,
        tradeTime: order.updateTime,
        tradeId: trade?.tradeId ?? 0,
        bidNotional: formatTrimmed(openValue('BUY'), notionalPlaces),
        askNotional: formatTrimmed(openValue('SELL'), notionalPlaces),
        isMaker: trade?.maker ?? false,
        reduceOnly: order.reduceOnly,
        positionSide: order.positionSide,
        realizedProfit: trade?.realizedPnl ?? '0',
        expiryReason: order.expiryReason,
        transactionTime: order.updateTime,
      }),
    );
  }

  #publish(market: SimMarket, payload: SimPayload): SimSent {
    return { payload, delivered: this.#options.publish(market, payload) > 0 };
  }

  #clientOrderId(): string {
    let id = '';
    for (let i = 0; i < 22; i++) id += CLIENT_ID_ALPHABET[Math.floor(this.#options.random() * CLIENT_ID_ALPHABET.length)];
    return id;
  }
}

/**
 * Average fill price: Σq·p / Σq for linear contracts; for inverse ones the harmonic mean
 * Σq / Σ(q/p), summed as an exact fraction so that equal prices average to exactly that price.
 */
function averagePrice(symbol: SimSymbol, trades: readonly SimTrade[]): Decimal {
  const fills = trades.map((trade) => ({ qty: parseDecimal(trade.qty), price: parseDecimal(trade.price) }));
  const totalQty = fills.reduce((sum, fill) => sum + fill.qty, ZERO);
  if (symbol.settlement === 'linear') {
    return divide(fills.reduce((sum, fill) => sum + multiply(fill.qty, fill.price), ZERO), totalQty);
  }
  let numerator = 0n;
  let denominator = 1n;
  for (const fill of fills) {
    numerator = numerator * fill.price + fill.qty * denominator;
    denominator *= fill.price;
  }
  const quotient = totalQty * denominator;
  return (quotient + numerator / 2n) / numerator;
}

/** Rewrites a decimal with the symbol's exact number of places; throws if that would change its value. */
function normalize(text: string, places: number, what: string): string {
  const value = parseDecimal(text);
  const formatted = formatFixed(value, places);
  if (parseDecimal(formatted) !== value) throw new RangeError(`${what} ${text} has more than ${places} decimal places`);
  return formatted;
}

function snapshot(order: OrderRecord): SimOrder {
  return { ...order, trades: [...order.trades] };
}
