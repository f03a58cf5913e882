/** The three Binance futures products the simulator serves. */
export type SimMarket = 'usdm' | 'coinm' | 'pm';

/** Every market, in a fixed order for iteration. */
export const SIM_MARKETS: readonly SimMarket[] = ['usdm', 'coinm', 'pm'];

/** REST path prefix per market: USDⓈ-M `/fapi`, COIN-M `/dapi`, Portfolio Margin `/papi`. */
export const REST_PREFIX: Readonly<Record<SimMarket, string>> = {
  usdm: '/fapi',
  coinm: '/dapi',
  pm: '/papi',
};

/** The market a REST path prefix belongs to, if any. */
export function marketOfRestPrefix(prefix: string): SimMarket | undefined {
  return SIM_MARKETS.find((market) => REST_PREFIX[market] === prefix);
}
