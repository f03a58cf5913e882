import type { SimMarket } from './market.js';

/**
 * A contract the simulator trades. Prices move in `tick` steps around `referencePrice` and
 * quantities in `step` units, so every generated value is a valid decimal for that symbol.
 */
export interface SimSymbol {
  readonly symbol: string;
  /** The underlying pair: the symbol itself on USDⓈ-M, the part before `_` on COIN-M (BTCUSD_PERP → BTCUSD). */
  readonly pair: string;
  readonly baseAsset: string;
  /** USDT for linear contracts, USD for inverse ones. */
  readonly quoteAsset: string;
  /** Linear contracts settle in a stablecoin; inverse (COIN-M) contracts settle in the coin. */
  readonly settlement: 'linear' | 'inverse';
  /** Asset that commission and PnL are paid in (`N` on the wire, `ma` on COIN-M). */
  readonly marginAsset: string;
  readonly referencePrice: string;
  readonly tick: string;
  readonly priceDecimals: number;
  readonly step: string;
  readonly quantityDecimals: number;
  /** Largest generated order, in steps. */
  readonly maxSteps: number;
  /** USD value of one contract; inverse contracts only ("1" for linear ones). */
  readonly contractSize: string;
}

const linear = (
  symbol: string,
  referencePrice: string,
  tick: string,
  step: string,
  maxSteps: number,
): SimSymbol => ({
  symbol,
  pair: symbol,
  baseAsset: symbol.slice(0, -'USDT'.length),
  quoteAsset: 'USDT',
  settlement: 'linear',
  marginAsset: 'USDT',
  referencePrice,
  tick,
  priceDecimals: decimalsOf(tick),
  step,
  quantityDecimals: decimalsOf(step),
  maxSteps,
  contractSize: '1',
});

const inverse = (symbol: string, marginAsset: string, referencePrice: string, tick: string, contractSize: string): SimSymbol => ({
  symbol,
  pair: symbol.split('_')[0] ?? symbol,
  baseAsset: marginAsset,
  quoteAsset: 'USD',
  settlement: 'inverse',
  marginAsset,
  referencePrice,
  tick,
  priceDecimals: decimalsOf(tick),
  step: '1',
  quantityDecimals: 0,
  maxSteps: 60,
  contractSize,
});

const USDM_SYMBOLS: readonly SimSymbol[] = [
  linear('BTCUSDT', '104250.00', '0.10', '0.001', 400),
  linear('ETHUSDT', '2515.37', '0.01', '0.001', 6000),
  linear('SOLUSDT', '85.67', '0.01', '0.01', 3000),
  linear('BNBUSDT', '652.41', '0.01', '0.01', 1500),
];

const COINM_SYMBOLS: readonly SimSymbol[] = [
  inverse('BTCUSD_PERP', 'BTC', '104231.5', '0.1', '100'),
  inverse('ETHUSD_PERP', 'ETH', '2514.82', '0.01', '10'),
];

/** Symbols per market. Portfolio Margin trades the USDⓈ-M (UM) book. */
export const SIM_SYMBOLS: Readonly<Record<SimMarket, readonly SimSymbol[]>> = {
  usdm: USDM_SYMBOLS,
  coinm: COINM_SYMBOLS,
  pm: USDM_SYMBOLS,
};

/** Looks a symbol up in a market; throws with the valid names when it is not traded there. */
export function findSymbol(market: SimMarket, symbol: string): SimSymbol {
  const found = SIM_SYMBOLS[market].find((candidate) => candidate.symbol === symbol);
  if (!found) {
    const known = SIM_SYMBOLS[market].map((candidate) => candidate.symbol).join(', ');
    throw new RangeError(`${symbol} is not a ${market} symbol in the simulator (known: ${known})`);
  }
  return found;
}

function decimalsOf(increment: string): number {
  return increment.split('.')[1]?.length ?? 0;
}
