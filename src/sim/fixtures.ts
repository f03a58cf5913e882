import type { SimMarket } from './market.js';
import type {
  SimExecutionType,
  SimOrderStatus,
  SimOrderType,
  SimPositionSide,
  SimSide,
  SimTimeInForce,
} from './order-types.js';

/*
 * Builders for user-data payloads in Binance's wire format. Key order follows real captures
 * (`T` before `E`, `n` before `N` on USDⓈ-M) rather than the docs, because clients must not
 * depend on either. Decimals are strings; ids and times are numbers.
 */

/** A closed set of known values that still admits any other string, so tests can push values Binance may add. */
export type OpenEnum<Known extends string> = Known | (string & {});

/** The COIN-M account alias (top-level `i`) the simulator reports. */
export const SIM_ACCOUNT_ALIAS = 'SfsR';

/** `o` of a USDⓈ-M or Portfolio Margin ORDER_TRADE_UPDATE, in the 2026 wire order. */
export interface UsdmOrderWire {
  s: string;
  c: string;
  S: OpenEnum<SimSide>;
  o: OpenEnum<SimOrderType>;
  f: OpenEnum<SimTimeInForce>;
  q: string;
  p: string;
  ap: string;
  sp: string;
  x: OpenEnum<SimExecutionType>;
  X: OpenEnum<SimOrderStatus>;
  i: number;
  l: string;
  z: string;
  L: string;
  n: string;
  N: string;
  T: number;
  t: number;
  b: string;
  a: string;
  m: boolean;
  R: boolean;
  wt: string;
  ot: OpenEnum<SimOrderType>;
  ps: OpenEnum<SimPositionSide>;
  cp: boolean;
  rp: string;
  pP: boolean;
  si: number;
  ss: number;
  V: string;
  pm: string;
  gtd: number;
  er: string;
}

/** `o` of a COIN-M ORDER_TRADE_UPDATE: adds `ma`, has no `si`/`ss`/`gtd`; `b`/`a` are base-asset amounts. */
export interface CoinmOrderWire {
  s: string;
  c: string;
  S: OpenEnum<SimSide>;
  o: OpenEnum<SimOrderType>;
  f: OpenEnum<SimTimeInForce>;
  q: string;
  p: string;
  ap: string;
  sp: string;
  x: OpenEnum<SimExecutionType>;
  X: OpenEnum<SimOrderStatus>;
  i: number;
  l: string;
  z: string;
  L: string;
  ma: string;
  N: string;
  n: string;
  T: number;
  t: number;
  rp: string;
  b: string;
  a: string;
  m: boolean;
  R: boolean;
  wt: string;
  ot: OpenEnum<SimOrderType>;
  ps: OpenEnum<SimPositionSide>;
  cp: boolean;
  pP: boolean;
  V: string;
  pm: string;
  er: string;
}

/** ORDER_TRADE_UPDATE on USDⓈ-M. */
export interface UsdmOrderTradeUpdate {
  e: 'ORDER_TRADE_UPDATE';
  T: number;
  E: number;
  o: UsdmOrderWire;
}

/** ORDER_TRADE_UPDATE on Portfolio Margin: the UM order plus the business unit `fs`. */
export interface PmOrderTradeUpdate {
  e: 'ORDER_TRADE_UPDATE';
  fs: 'UM';
  T: number;
  E: number;
  o: UsdmOrderWire;
}

/** ORDER_TRADE_UPDATE on COIN-M, with the account alias `i`. */
export interface CoinmOrderTradeUpdate {
  e: 'ORDER_TRADE_UPDATE';
  T: number;
  E: number;
  i: string;
  o: CoinmOrderWire;
}

/** Any market's ORDER_TRADE_UPDATE. */
export type OrderTradeUpdate = UsdmOrderTradeUpdate | PmOrderTradeUpdate | CoinmOrderTradeUpdate;

/** TRADE_LITE (USDⓈ-M only): the low-latency echo of a fill. */
export interface TradeLite {
  e: 'TRADE_LITE';
  T: number;
  E: number;
  s: string;
  q: string;
  p: string;
  m: boolean;
  c: string;
  S: OpenEnum<SimSide>;
  L: string;
  l: string;
  t: number;
  i: number;
}

/** One balance of ACCOUNT_UPDATE `a.B`. */
export interface BalanceWire {
  a: string;
  wb: string;
  cw: string;
  bc: string;
}

/** One position of ACCOUNT_UPDATE `a.P`. */
export interface PositionWire {
  s: string;
  pa: string;
  ep: string;
  bep: string;
  cr: string;
  up: string;
  mt: string;
  iw: string;
  ps: OpenEnum<SimPositionSide>;
}

/** ACCOUNT_UPDATE; `i` on COIN-M, `fs` on Portfolio Margin. Wire order puts `m` after `P`. */
export interface AccountUpdate {
  e: 'ACCOUNT_UPDATE';
  fs?: 'UM';
  T: number;
  E: number;
  i?: string;
  a: { B: BalanceWire[]; P: PositionWire[]; m: string };
}

/** listenKeyExpired as each market's docs show it: USDⓈ-M string `E`; COIN-M number `E`; PM without `listenKey`. */
export interface ListenKeyExpired {
  e: 'listenKeyExpired';
  E: number | string;
  listenKey?: string;
}

/** Every payload the simulator builds. */
export type SimPayload = OrderTradeUpdate | TradeLite | AccountUpdate | ListenKeyExpired;

/** The fields of an ORDER_TRADE_UPDATE, named as the project's OrderEvent names them; each has a realistic default. */
export interface OrderUpdateFields {
  market?: SimMarket;
  symbol?: string;
  clientOrderId?: string;
  side?: OpenEnum<SimSide>;
  orderType?: OpenEnum<SimOrderType>;
  timeInForce?: OpenEnum<SimTimeInForce>;
  origQty?: string;
  price?: string;
  avgPrice?: string;
  stopPrice?: string;
  execType?: OpenEnum<SimExecutionType>;
  status?: OpenEnum<SimOrderStatus>;
  orderId?: number;
  lastFilledQty?: string;
  /** Cumulative filled quantity `z`. */
  filledQty?: string;
  lastFilledPrice?: string;
  commission?: string;
  commissionAsset?: string;
  /** Epoch ms of the order's last trade or change. */
  tradeTime?: number;
  tradeId?: number;
  /** Open bid notional on the symbol (base-asset amount on COIN-M). */
  bidNotional?: string;
  /** Open ask notional on the symbol (base-asset amount on COIN-M). */
  askNotional?: string;
  isMaker?: boolean;
  reduceOnly?: boolean;
  positionSide?: OpenEnum<SimPositionSide>;
  realizedProfit?: string;
  /** Expiry-reason code `er`, a string such as "2". */
  expiryReason?: string;
  /** Epoch ms; `E`. Defaults to transactionTime + 1. */
  eventTime?: number;
  /** Epoch ms; `T`. Defaults to now. */
  transactionTime?: number;
}

const ORDER_DEFAULTS = {
  usdm: { symbol: 'BTCUSDT', origQty: '0.010', price: '104250.00', asset: 'USDT', orderId: 215456450616 },
  pm: { symbol: 'BTCUSDT', origQty: '0.010', price: '104250.00', asset: 'USDT', orderId: 215456450616 },
  coinm: { symbol: 'BTCUSD_PERP', origQty: '3', price: '104231.5', asset: 'BTC', orderId: 91270405512 },
} as const;

/** Builds an ORDER_TRADE_UPDATE in the wire shape of `fields.market` (default usdm); a NEW limit order unless told otherwise. */
export function orderTradeUpdate(fields: OrderUpdateFields = {}): OrderTradeUpdate {
  const market = fields.market ?? 'usdm';
  const defaults = ORDER_DEFAULTS[market];
  const transactionTime = fields.transactionTime ?? Date.now();
  const eventTime = fields.eventTime ?? transactionTime + 1;
  const type = fields.orderType ?? 'LIMIT';
  const common = {
    s: fields.symbol ?? defaults.symbol,
    c: fields.clientOrderId ?? 'web_Xq3nT9vKc2LmR8pW4sYb',
    S: fields.side ?? 'BUY',
    o: type,
    f: fields.timeInForce ?? 'GTC',
    q: fields.origQty ?? defaults.origQty,
    p: fields.price ?? (type === 'MARKET' ? '0' : defaults.price),
    ap: fields.avgPrice ?? '0',
    sp: fields.stopPrice ?? '0',
    x: fields.execType ?? 'NEW',
    X: fields.status ?? 'NEW',
    i: fields.orderId ?? defaults.orderId,
    l: fields.lastFilledQty ?? '0',
    z: fields.filledQty ?? '0',
    L: fields.lastFilledPrice ?? '0',
  } as const;
  const commission = fields.commission ?? '0';
  const commissionAsset = fields.commissionAsset ?? defaults.asset;
  const tradeTime = fields.tradeTime ?? transactionTime;
  const tradeId = fields.tradeId ?? 0;
  const bid = fields.bidNotional ?? '0';
  const ask = fields.askNotional ?? '0';
  const maker = fields.isMaker ?? false;
  const reduceOnly = fields.reduceOnly ?? false;
  const positionSide = fields.positionSide ?? 'BOTH';
  const realized = fields.realizedProfit ?? '0';
  const expiryReason = fields.expiryReason ?? '0';

  if (market === 'coinm') {
    return {
      e: 'ORDER_TRADE_UPDATE',
      T: transactionTime,
      E: eventTime,
      i: SIM_ACCOUNT_ALIAS,
      o: {
        ...common,
        ma: defaults.asset,
        N: commissionAsset,
        n: commission,
        T: tradeTime,
        t: tradeId,
        rp: realized,
        b: bid,
        a: ask,
        m: maker,
        R: reduceOnly,
        wt: 'CONTRACT_PRICE',
        ot: type,
        ps: positionSide,
        cp: false,
        pP: false,
        V: 'EXPIRE_MAKER',
        pm: 'NONE',
        er: expiryReason,
      },
    };
  }
  const order: UsdmOrderWire = {
    ...common,
    n: commission,
    N: commissionAsset,
    T: tradeTime,
    t: tradeId,
    b: bid,
    a: ask,
    m: maker,
    R: reduceOnly,
    wt: 'CONTRACT_PRICE',
    ot: type,
    ps: positionSide,
    cp: false,
    rp: realized,
    pP: false,
    si: 0,
    ss: 0,
    V: 'EXPIRE_MAKER',
    pm: 'NONE',
    gtd: 0,
    er: expiryReason,
  };
  if (market === 'pm') return { e: 'ORDER_TRADE_UPDATE', fs: 'UM', T: transactionTime, E: eventTime, o: order };
  return { e: 'ORDER_TRADE_UPDATE', T: transactionTime, E: eventTime, o: order };
}

/** The fields of a TRADE_LITE, named as the project names them; each has a realistic default. */
export interface TradeLiteFields {
  symbol?: string;
  origQty?: string;
  /** Original order price; "0" for a MARKET order. */
  price?: string;
  isMaker?: boolean;
  clientOrderId?: string;
  side?: OpenEnum<SimSide>;
  lastFilledPrice?: string;
  lastFilledQty?: string;
  tradeId?: number;
  orderId?: number;
  eventTime?: number;
  transactionTime?: number;
}

/** Builds a USDⓈ-M TRADE_LITE. */
export function tradeLite(fields: TradeLiteFields = {}): TradeLite {
  const transactionTime = fields.transactionTime ?? Date.now();
  return {
    e: 'TRADE_LITE',
    T: transactionTime,
    E: fields.eventTime ?? transactionTime + 1,
    s: fields.symbol ?? 'BTCUSDT',
    q: fields.origQty ?? '0.010',
    p: fields.price ?? '104250.00',
    m: fields.isMaker ?? false,
    c: fields.clientOrderId ?? 'web_Xq3nT9vKc2LmR8pW4sYb',
    S: fields.side ?? 'BUY',
    L: fields.lastFilledPrice ?? '104250.00',
    l: fields.lastFilledQty ?? '0.010',
    t: fields.tradeId ?? 6512345001,
    i: fields.orderId ?? 215456450616,
  };
}

/** The fields of an ACCOUNT_UPDATE; each has a realistic default. */
export interface AccountUpdateFields {
  market?: SimMarket;
  /** Reason type `a.m`, e.g. ORDER or FUNDING_FEE. */
  reason?: string;
  balances?: BalanceWire[];
  positions?: PositionWire[];
  eventTime?: number;
  transactionTime?: number;
}

/** Builds an ACCOUNT_UPDATE in the wire shape of `fields.market` (default usdm). */
export function accountUpdate(fields: AccountUpdateFields = {}): AccountUpdate {
  const market = fields.market ?? 'usdm';
  const transactionTime = fields.transactionTime ?? Date.now();
  const eventTime = fields.eventTime ?? transactionTime + 1;
  const asset = market === 'coinm' ? 'BTC' : 'USDT';
  const body = {
    B: fields.balances ?? [{ a: asset, wb: '10000.00000000', cw: '10000.00000000', bc: '0' }],
    P: fields.positions ?? [],
    m: fields.reason ?? 'ORDER',
  };
  if (market === 'coinm') {
    return { e: 'ACCOUNT_UPDATE', T: transactionTime, E: eventTime, i: SIM_ACCOUNT_ALIAS, a: body };
  }
  if (market === 'pm') return { e: 'ACCOUNT_UPDATE', fs: 'UM', T: transactionTime, E: eventTime, a: body };
  return { e: 'ACCOUNT_UPDATE', T: transactionTime, E: eventTime, a: body };
}

/** Builds listenKeyExpired in the variant each market's docs show (see ListenKeyExpired). */
export function listenKeyExpired(market: SimMarket, listenKey: string, eventTime: number): ListenKeyExpired {
  switch (market) {
    case 'usdm':
      return { e: 'listenKeyExpired', E: String(eventTime), listenKey };
    case 'coinm':
      return { e: 'listenKeyExpired', E: eventTime, listenKey };
    case 'pm':
      return { e: 'listenKeyExpired', E: eventTime };
  }
}
