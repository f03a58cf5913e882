import {
  type Decimal,
  ZERO,
  abs,
  divide,
  formatFixed,
  formatTrimmed,
  min,
  multiply,
  parseDecimal,
} from './decimal.js';
import type { BalanceWire, PositionWire } from './fixtures.js';
import type { SimMarket } from './market.js';
import type { SimSide } from './order-types.js';
import type { SimSymbol } from './symbols.js';

/** Fee rates of a regular (VIP 0) futures account. */
const MAKER_RATE = parseDecimal('0.0002');
const TAKER_RATE = parseDecimal('0.0005');

const STARTING_BALANCES: Readonly<Record<SimMarket, Readonly<Record<string, string>>>> = {
  usdm: { USDT: '10000' },
  pm: { USDT: '10000' },
  coinm: { BTC: '1.5', ETH: '20' },
};

interface Position {
  /** Signed: positive long, negative short. */
  amount: Decimal;
  entryPrice: Decimal;
  accumulatedRealized: Decimal;
}

/** One execution to book against the account. */
export interface Execution {
  readonly symbol: SimSymbol;
  readonly side: SimSide;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly maker: boolean;
}

/** What an execution did to the account, ready for the wire. */
export interface ExecutionEffect {
  readonly commission: Decimal;
  readonly realizedPnl: Decimal;
  readonly balance: BalanceWire;
  readonly position: PositionWire;
}

/**
 * Wallet balances and one-way-mode cross positions of one market's account, so fills carry a
 * consistent commission, realized profit and ACCOUNT_UPDATE. Linear contracts book PnL in the
 * quote asset; inverse (COIN-M) contracts in the coin, at contractSize USD per contract.
 */
export class SimAccount {
  readonly #balances = new Map<string, Decimal>();
  readonly #positions = new Map<string, Position>();

  constructor(market: SimMarket) {
    for (const [asset, amount] of Object.entries(STARTING_BALANCES[market])) this.#balances.set(asset, parseDecimal(amount));
  }

  /** Books a fill: commission, realized PnL, new position and wallet balance. */
  apply(execution: Execution): ExecutionEffect {
    const { symbol, side, qty, price } = execution;
    const position = this.#position(symbol.symbol);
    const commission = multiply(notional(symbol, qty, price), execution.maker ? MAKER_RATE : TAKER_RATE);
    const signedQty = side === 'BUY' ? qty : -qty;
    const closing = position.amount !== ZERO && position.amount > ZERO !== signedQty > ZERO;
    const closedQty = closing ? min(abs(position.amount), qty) : ZERO;
    const openedQty = qty - closedQty;
    const direction = position.amount > ZERO ? 1n : -1n;
    const realizedPnl = closedQty === ZERO ? ZERO : direction * pnl(symbol, closedQty, position.entryPrice, price);

    if (openedQty > ZERO) {
      const held = closing ? ZERO : abs(position.amount);
      position.entryPrice = held === ZERO ? price : averageEntry(symbol, held, position.entryPrice, openedQty, price);
    }
    position.amount += signedQty;
    if (position.amount === ZERO) position.entryPrice = ZERO;
    position.accumulatedRealized += realizedPnl;

    const asset = symbol.marginAsset;
    const wallet = (this.#balances.get(asset) ?? ZERO) + realizedPnl - commission;
    this.#balances.set(asset, wallet);
    const walletText = formatFixed(wallet, 8);
    const unrealized = position.amount === ZERO ? ZERO : (position.amount > ZERO ? 1n : -1n) * pnl(symbol, abs(position.amount), position.entryPrice, price);
    return {
      commission,
      realizedPnl,
      balance: { a: asset, wb: walletText, cw: walletText, bc: '0' },
      position: {
        s: symbol.symbol,
        pa: formatTrimmed(position.amount, symbol.quantityDecimals),
        ep: formatTrimmed(position.entryPrice, 8),
        bep: formatTrimmed(position.entryPrice, 8),
        cr: formatTrimmed(position.accumulatedRealized, 8),
        up: formatTrimmed(unrealized, 8),
        mt: 'cross',
        iw: '0',
        ps: 'BOTH',
      },
    };
  }

  /** Wallet balance per asset. */
  balances(): ReadonlyMap<string, Decimal> {
    return this.#balances;
  }

  /** Open positions (amount not zero): signed amount and entry price per symbol. */
  positions(): { readonly symbol: string; readonly amount: Decimal; readonly entryPrice: Decimal }[] {
    return [...this.#positions]
      .filter(([, position]) => position.amount !== ZERO)
      .map(([symbol, position]) => ({ symbol, amount: position.amount, entryPrice: position.entryPrice }));
  }

  #position(symbol: string): Position {
    let position = this.#positions.get(symbol);
    if (!position) {
      position = { amount: ZERO, entryPrice: ZERO, accumulatedRealized: ZERO };
      this.#positions.set(symbol, position);
    }
    return position;
  }
}

/** Value of `qty` at `price`: quote asset for linear contracts, coin for inverse ones. */
export function notional(symbol: SimSymbol, qty: Decimal, price: Decimal): Decimal {
  if (symbol.settlement === 'linear') return multiply(qty, price);
  return divide(multiply(qty, parseDecimal(symbol.contractSize)), price);
}

/** Profit of a long of `qty` bought at `entry` and sold at `exit`, rounded once. */
export function pnl(symbol: SimSymbol, qty: Decimal, entry: Decimal, exit: Decimal): Decimal {
  if (symbol.settlement === 'linear') return multiply(qty, exit - entry);
  const usd = multiply(qty, parseDecimal(symbol.contractSize));
  return divide(multiply(usd, exit - entry), multiply(entry, exit));
}

/** Entry price after adding to a position: arithmetic mean for linear, harmonic for inverse contracts. */
function averageEntry(symbol: SimSymbol, held: Decimal, entry: Decimal, added: Decimal, price: Decimal): Decimal {
  if (symbol.settlement === 'linear') return divide(multiply(held, entry) + multiply(added, price), held + added);
  const numerator = multiply(multiply(held + added, entry), price);
  return divide(numerator, multiply(held, price) + multiply(added, entry));
}
