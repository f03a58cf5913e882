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

/** Binance's published limits; the simulator reports them but enforces none (the rate-limit fault answers 429 on cue). */
const RATE_LIMITS = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
  { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
];

/** A far-future delivery date, as Binance gives perpetual contracts (2100-12-25 08:00 UTC). */
const PERPETUAL_DELIVERY_MS = 4_133_404_800_000;
const ONBOARD_MS = 1_569_398_400_000;

/**
 * GET exchangeInfo in Binance's shape: rate limits, exchange filters, (USDⓈ-M) margin assets, and per
 * symbol the pair, contract type, assets, status (`contractStatus` on COIN-M), precisions and
 * filters. The simulator executes LIMIT and MARKET orders only, and lists only those.
 */
export function exchangeInfo({ market, nowMs }: MarketDataQuery): Reply {
  const symbols = SIM_SYMBOLS[market].map((symbol) => {
    const linear = symbol.settlement === 'linear';
    const head = {
      symbol: symbol.symbol,
      pair: symbol.pair,
      contractType: 'PERPETUAL',
      deliveryDate: PERPETUAL_DELIVERY_MS,
      onboardDate: ONBOARD_MS,
      ...(linear ? { status: 'TRADING' } : { contractStatus: 'TRADING', contractSize: Number(symbol.contractSize) }),
      maintMarginPercent: '2.5000',
      requiredMarginPercent: '5.0000',
      baseAsset: symbol.baseAsset,
      quoteAsset: symbol.quoteAsset,
      marginAsset: symbol.marginAsset,
      pricePrecision: symbol.priceDecimals,
      quantityPrecision: symbol.quantityDecimals,
      baseAssetPrecision: 8,
      quotePrecision: 8,
      ...(linear ? {} : { equalQtyPrecision: 4 }),
      underlyingType: 'COIN',
      underlyingSubType: [],
      triggerProtect: '0.0500',
      liquidationFee: '0.012500',
      marketTakeBound: '0.05',
      maxMoveOrderLimit: 10000,
    };
    const filters = [
      { filterType: 'PRICE_FILTER', minPrice: symbol.tick, maxPrice: '4529764', tickSize: symbol.tick },
      { filterType: 'LOT_SIZE', minQty: symbol.step, maxQty: '1000', stepSize: symbol.step },
      { filterType: 'MARKET_LOT_SIZE', minQty: symbol.step, maxQty: '120', stepSize: symbol.step },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
      ...(linear ? [{ filterType: 'MIN_NOTIONAL', notional: '100' }] : []),
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ];
    return { ...head, filters, orderTypes: ['LIMIT', 'MARKET'], timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'] };
  });
  const marginAssets = [...new Set(SIM_SYMBOLS[market].map((symbol) => symbol.marginAsset))];
  const usdm = market !== 'coinm';
  return ok(
    {
      timezone: 'UTC',
      serverTime: nowMs,
      ...(usdm ? { futuresType: 'U_MARGINED' } : {}),
      rateLimits: usdm ? RATE_LIMITS : RATE_LIMITS.slice(0, 2),
      exchangeFilters: [],
      ...(usdm ? { assets: marginAssets.map((asset) => ({ asset, marginAvailable: true, autoAssetExchange: '-10000' })) } : {}),
      symbols,
    },
    1,
  );
}
