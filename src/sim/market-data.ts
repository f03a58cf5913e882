import { formatFixed } from './decimal.js';
import type { SimMarket } from './market.js';
import type { SimOrderBook } from './orders.js';
import { ERRORS, type Reply, ok } from './rest-reply.js';
import { SIM_SYMBOLS } from './symbols.js';

/** What a MARKET_DATA route needs: no key, no signature. */
export interface MarketDataQuery {
  readonly market: SimMarket;
  readonly query: URLSearchParams;
  readonly orders: SimOrderBook;
  readonly nowMs: number;
}

/** GET premiumIndex: the mark price, here the symbol's last traded price with Binance's 8 places. */
export function premiumIndex({ market, query, orders, nowMs }: MarketDataQuery): Reply {
  const symbol = query.get('symbol') ?? '';
  const found = SIM_SYMBOLS[market].find((candidate) => candidate.symbol === symbol);
  if (!found) return ERRORS.invalidSymbol();
  const markPrice = formatFixed(orders.lastPrice(market, symbol), 8);
  return ok({ symbol, markPrice, indexPrice: markPrice, estimatedSettlePrice: markPrice, lastFundingRate: '0.00010000', time: nowMs });
}

/** GET exchangeInfo: each symbol's price, quantity, notional and percent-price filters, in Binance's shape. */
export function exchangeInfo({ market, nowMs }: MarketDataQuery): Reply {
  const symbols = SIM_SYMBOLS[market].map((symbol) => ({
    symbol: symbol.symbol,
    status: 'TRADING',
    pricePrecision: symbol.priceDecimals,
    quantityPrecision: symbol.quantityDecimals,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: symbol.tick, maxPrice: '4529764', tickSize: symbol.tick },
      { filterType: 'LOT_SIZE', minQty: symbol.step, maxQty: '1000', stepSize: symbol.step },
      { filterType: 'MIN_NOTIONAL', notional: symbol.settlement === 'linear' ? '100' : '0' },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
  }));
  return ok({ timezone: 'UTC', serverTime: nowMs, symbols }, 1);
}
