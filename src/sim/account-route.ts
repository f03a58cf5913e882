import { pnl, notional } from './account.js';
import { type Decimal, ZERO, abs, divide, formatFixed, fromInteger, multiply, parseDecimal } from './decimal.js';
import type { OrderQuery } from './order-routes.js';
import { ERRORS, type Reply, ok } from './rest-reply.js';
import { SIM_SYMBOLS, type SimSymbol } from './symbols.js';
import { SIM_ACCOUNT_ALIAS } from './fixtures.js';

/** Every simulated position is cross margin at this leverage. */
const LEVERAGE = 20;
/** Maintenance margin rate of the first leverage bracket. */
const MAINT_RATE = parseDecimal('0.004');

/** One open position valued at the symbol's last price, the simulator's mark price. */
interface ValuedPosition {
  readonly symbol: SimSymbol;
  readonly amount: Decimal;
  readonly entryPrice: Decimal;
  readonly markPrice: Decimal;
  readonly unrealized: Decimal;
  /** Signed: negative for a short. */
  readonly notional: Decimal;
  readonly initialMargin: Decimal;
  readonly maintMargin: Decimal;
}

/** One margin asset's figures, all derived from the wallet, the positions and the open orders. */
interface AssetFigures {
  readonly asset: string;
  readonly wallet: Decimal;
  readonly unrealized: Decimal;
  readonly positionMargin: Decimal;
  readonly openOrderMargin: Decimal;
  readonly maintMargin: Decimal;
  readonly available: Decimal;
}

const text = (value: Decimal) => formatFixed(value, 8);

/** The account as Binance would value it: positions at the mark price, margins at LEVERAGE, balances net of both. */
function valuation({ market, orders }: OrderQuery): { positions: ValuedPosition[]; assets: AssetFigures[] } {
  const symbols = SIM_SYMBOLS[market];
  const symbolOf = (name: string) => symbols.find((symbol) => symbol.symbol === name);
  const leverage = fromInteger(LEVERAGE);
  const positions = orders
    .account(market)
    .positions()
    .flatMap(({ symbol: name, amount, entryPrice }) => {
      const symbol = symbolOf(name);
      if (!symbol) return [];
      const markPrice = orders.lastPrice(market, name);
      const size = abs(amount);
      const value = notional(symbol, size, markPrice);
      const unrealized = (amount > ZERO ? 1n : -1n) * pnl(symbol, size, entryPrice, markPrice);
      return [{ symbol, amount, entryPrice, markPrice, unrealized, notional: amount > ZERO ? value : -value, initialMargin: divide(value, leverage), maintMargin: multiply(value, MAINT_RATE) }];
    });
  const openOrderMargin = new Map<string, Decimal>();
  for (const order of orders.openOrders(market)) {
    const symbol = symbolOf(order.symbol);
    if (!symbol || order.type !== 'LIMIT') continue;
    const left = parseDecimal(order.origQty) - parseDecimal(order.executedQty);
    const margin = divide(notional(symbol, left, parseDecimal(order.price)), leverage);
    openOrderMargin.set(symbol.marginAsset, (openOrderMargin.get(symbol.marginAsset) ?? ZERO) + margin);
  }
  const assets = [...orders.account(market).balances()].map(([asset, wallet]) => {
    const mine = positions.filter((position) => position.symbol.marginAsset === asset);
    const sum = (pick: (position: ValuedPosition) => Decimal) => mine.reduce((total, position) => total + pick(position), ZERO);
    const unrealized = sum((position) => position.unrealized);
    const positionMargin = sum((position) => position.initialMargin);
    const orderMargin = openOrderMargin.get(asset) ?? ZERO;
    const free = wallet + unrealized - positionMargin - orderMargin;
    return { asset, wallet, unrealized, positionMargin, openOrderMargin: orderMargin, maintMargin: sum((position) => position.maintMargin), available: free > ZERO ? free : ZERO };
  });
  return { positions, assets };
}

/**
 * GET account (USDⓈ-M `/fapi/v3/account`, COIN-M `/dapi/v1/account`, PM `/papi/v1/account`), weight 5:
 * totals, per-asset balances and open positions, consistent with the ACCOUNT_UPDATEs the fills pushed.
 */
export function accountInfo(query: OrderQuery): Reply {
  const { positions, assets } = valuation(query);
  const assetRows = assets.map((asset) => ({
    asset: asset.asset,
    walletBalance: text(asset.wallet),
    unrealizedProfit: text(asset.unrealized),
    marginBalance: text(asset.wallet + asset.unrealized),
    maintMargin: text(asset.maintMargin),
    initialMargin: text(asset.positionMargin + asset.openOrderMargin),
    positionInitialMargin: text(asset.positionMargin),
    openOrderInitialMargin: text(asset.openOrderMargin),
    crossWalletBalance: text(asset.wallet),
    crossUnPnl: text(asset.unrealized),
    availableBalance: text(asset.available),
    maxWithdrawAmount: text(asset.available),
    updateTime: query.nowMs,
  }));
  const positionRows = positions.map((position) => ({
    symbol: position.symbol.symbol,
    positionSide: 'BOTH',
    positionAmt: formatFixed(position.amount, position.symbol.quantityDecimals),
    unrealizedProfit: text(position.unrealized),
    isolatedMargin: '0',
    notional: text(position.notional),
    isolatedWallet: '0',
    initialMargin: text(position.initialMargin),
    maintMargin: text(position.maintMargin),
    updateTime: query.nowMs,
  }));
  if (query.market !== 'usdm') {
    return ok({ feeTier: 0, canTrade: true, canDeposit: true, canWithdraw: true, updateTime: query.nowMs, assets: assetRows, positions: positionRows }, 5);
  }
  const total = (pick: (asset: AssetFigures) => Decimal) => text(assets.reduce((sum, asset) => sum + pick(asset), ZERO));
  return ok(
    {
      totalInitialMargin: total((asset) => asset.positionMargin + asset.openOrderMargin),
      totalMaintMargin: total((asset) => asset.maintMargin),
      totalWalletBalance: total((asset) => asset.wallet),
      totalUnrealizedProfit: total((asset) => asset.unrealized),
      totalMarginBalance: total((asset) => asset.wallet + asset.unrealized),
      totalPositionInitialMargin: total((asset) => asset.positionMargin),
      totalOpenOrderInitialMargin: total((asset) => asset.openOrderMargin),
      totalCrossWalletBalance: total((asset) => asset.wallet),
      totalCrossUnPnl: total((asset) => asset.unrealized),
      availableBalance: total((asset) => asset.available),
      maxWithdrawAmount: total((asset) => asset.available),
      assets: assetRows,
      positions: positionRows,
    },
    5,
  );
}

/** GET balance (`/fapi/v3/balance`, `/fapi/v2/balance`, `/dapi/v1/balance`), weight 5: one row per asset. */
export function balance(query: OrderQuery): Reply {
  const { assets } = valuation(query);
  return ok(
    assets.map((asset) => ({
      accountAlias: SIM_ACCOUNT_ALIAS,
      asset: asset.asset,
      balance: text(asset.wallet),
      crossWalletBalance: text(asset.wallet),
      crossUnPnl: text(asset.unrealized),
      availableBalance: text(asset.available),
      maxWithdrawAmount: text(asset.available),
      ...(query.market === 'coinm' ? { withdrawAvailable: text(asset.available) } : { marginAvailable: true }),
      updateTime: query.nowMs,
    })),
    5,
  );
}

/**
 * GET positionRisk (`/fapi/v3/positionRisk`, `/fapi/v2/positionRisk`, `/dapi/v1/positionRisk`), weight 5:
 * the open positions (v3 lists only those; v2 and COIN-M list every symbol, as Binance does).
 */
export function positionRisk(version: 'v2' | 'v3') {
  return (query: OrderQuery): Reply => {
    const wanted = query.query.get('symbol') ?? undefined;
    const symbols = SIM_SYMBOLS[query.market];
    if (wanted !== undefined && !symbols.some((symbol) => symbol.symbol === wanted)) return ERRORS.invalidSymbol();
    const { positions } = valuation(query);
    const listed = version === 'v3' ? positions.map((position) => position.symbol) : [...symbols];
    return ok(
      listed
        .filter((symbol) => wanted === undefined || symbol.symbol === wanted)
        .map((symbol) => positionRow(query, symbol, positions.find((position) => position.symbol === symbol), version)),
      5,
    );
  };
}

function positionRow(query: OrderQuery, symbol: SimSymbol, position: ValuedPosition | undefined, version: 'v2' | 'v3'): Record<string, unknown> {
  const markPrice = query.orders.lastPrice(query.market, symbol.symbol);
  const entry = position?.entryPrice ?? ZERO;
  const common = {
    symbol: symbol.symbol,
    positionSide: 'BOTH',
    positionAmt: formatFixed(position?.amount ?? ZERO, symbol.quantityDecimals),
    entryPrice: text(entry),
    breakEvenPrice: text(entry),
    markPrice: text(markPrice),
    unRealizedProfit: text(position?.unrealized ?? ZERO),
    liquidationPrice: '0',
    isolatedMargin: '0',
    notional: text(position?.notional ?? ZERO),
    marginAsset: symbol.marginAsset,
    isolatedWallet: '0',
  };
  if (version === 'v3') {
    return {
      ...common,
      initialMargin: text(position?.initialMargin ?? ZERO),
      maintMargin: text(position?.maintMargin ?? ZERO),
      positionInitialMargin: text(position?.initialMargin ?? ZERO),
      openOrderInitialMargin: '0',
      adl: 0,
      bidNotional: '0',
      askNotional: '0',
      updateTime: query.nowMs,
    };
  }
  return { ...common, leverage: String(LEVERAGE), marginType: 'cross', isAutoAddMargin: 'false', maxNotionalValue: '1000000', updateTime: query.nowMs };
}

/**
 * GET leverageBracket (`/fapi/v1/leverageBracket`, `/dapi/v2/leverageBracket`), weight 1: one bracket
 * per symbol (COIN-M by pair, with `qtyCap` in contracts), numbers as Binance sends them here.
 */
export function leverageBracket(query: OrderQuery): Reply {
  const wanted = query.query.get('symbol') ?? undefined;
  const symbols = SIM_SYMBOLS[query.market];
  if (wanted !== undefined && !symbols.some((symbol) => symbol.symbol === wanted)) return ERRORS.invalidSymbol();
  const rows = symbols
    .filter((symbol) => wanted === undefined || symbol.symbol === wanted)
    .map((symbol) => {
      const bracket = { bracket: 1, initialLeverage: 125, maintMarginRatio: 0.004, cum: 0 };
      return query.market === 'coinm'
        ? { pair: symbol.pair, brackets: [{ ...bracket, qtyCap: 5, qtyFloor: 0 }] }
        : { symbol: symbol.symbol, notionalCoef: 1, brackets: [{ ...bracket, notionalCap: 50_000, notionalFloor: 0 }] };
    });
  return ok(rows, 1);
}
