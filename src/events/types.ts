/**
 * The normalized event model: what the rest of the program sees of a Binance user-data frame.
 * Single-letter wire keys become readable names here and in normalize.ts only. Decimals stay the
 * strings Binance sent; ids and times are numbers (ms since the epoch for times).
 */

import type { Market } from '../exchange/endpoints.js';

/** Where an event came from: the live stream, or a REST look-up after a gap. */
export type Source = 'ws' | 'reconcile';

/** Order side. */
export type Side = 'BUY' | 'SELL';

/** PM business unit of an event (`fs`): UM or CM; kept as sent. */
export type BusinessUnit = string;

/** Fields every event carries. */
interface EventBase {
  /** The account's name when several accounts are followed (`--accounts`); absent otherwise. */
  account?: string;
  market: Market;
  /** `E`: when Binance generated the event, ms. Arrives as a number or a numeric string. */
  eventTime: number;
  source: Source;
}

/** ORDER_TRADE_UPDATE: one change in the life of an order (new, fill, cancel, amend, expiry...). */
export interface OrderEvent extends EventBase {
  event: 'order';
  /** Top-level `T` (falls back to `o.T` when absent). */
  transactionTime: number;
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: Side;
  /** `o`: LIMIT, MARKET, STOP, ... unknown values pass through. */
  orderType: string;
  /** `f`: GTC, IOC, FOK, GTX, GTD, RPI ... */
  timeInForce: string;
  /** `x`: NEW, TRADE, CANCELED, EXPIRED, CALCULATED, AMENDMENT ... */
  execType: string;
  /** `X`: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH ... */
  status: string;
  price: string;
  avgPrice: string;
  stopPrice: string;
  origQty: string;
  /** `z`: cumulative filled quantity. */
  filledQty: string;
  lastFilledQty: string;
  lastFilledPrice: string;
  /** `n`: Binance omits it when there is no commission. */
  commission?: string;
  commissionAsset?: string;
  realizedProfit: string;
  /** `t`: 0 when the event is not a trade. */
  tradeId: number;
  /** `o.T`: order trade time. */
  tradeTime: number;
  positionSide: string;
  reduceOnly: boolean;
  isMaker: boolean;
  /** `er`: opaque code such as "0" (none) or "2" (IOC remainder canceled). */
  expiryReason?: string;
  /** `ot` */
  originalOrderType?: string;
  /** `wt`: MARK_PRICE or CONTRACT_PRICE. */
  workingType?: string;
  /** `cp` */
  closePosition?: boolean;
  /** `AP`: trailing stops only. */
  activationPrice?: string;
  /** `cr`: trailing stops only. */
  callbackRate?: string;
  /** `pP` */
  priceProtect?: boolean;
  /** `b`: notional on usdm, base-asset quantity on coinm. */
  bidNotional?: string;
  /** `a`: notional on usdm, base-asset quantity on coinm. */
  askNotional?: string;
  /** `V` */
  selfTradePrevention?: string;
  /** `pm` */
  priceMatch?: string;
  /** `gtd`: auto-cancel time, 0 when not GTD. */
  goodTillDate?: number;
  /** `M`: only on AMENDMENT events when the request carried a modifyId. */
  modifyId?: number;
  /** `si`: documented as "ignore". */
  strategyId?: number | string;
  /** `ss`: documented as "ignore". */
  strategyType?: number | string;
  /** `o.ma`: coinm only. */
  marginAsset?: string;
  /** Top-level `i`: coinm account alias. */
  accountAlias?: string;
  /** Top-level `fs`: pm only. */
  businessUnit?: BusinessUnit;
}

/** TRADE_LITE: a low-latency fill notice (usdm only); no commission, status or PnL. */
export interface TradeLiteEvent extends EventBase {
  event: 'trade-lite';
  transactionTime: number;
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: Side;
  origQty: string;
  price: string;
  lastFilledQty: string;
  lastFilledPrice: string;
  tradeId: number;
  isMaker: boolean;
}

/** One asset of an ACCOUNT_UPDATE. */
export interface Balance {
  asset: string;
  walletBalance: string;
  crossWalletBalance?: string;
  /** `bc`: change excluding PnL and commission. */
  balanceChange?: string;
}

/** One position of an ACCOUNT_UPDATE. */
export interface Position {
  symbol: string;
  positionAmount: string;
  entryPrice: string;
  breakevenPrice?: string;
  /** `cr`: accumulated realized, pre-fee. */
  accumulatedRealized?: string;
  unrealizedProfit: string;
  marginType: string;
  isolatedWallet?: string;
  positionSide: string;
}

/** ACCOUNT_UPDATE: balances and positions changed. */
export interface AccountEvent extends EventBase {
  event: 'account';
  transactionTime: number;
  /** `a.m`: ORDER, FUNDING_FEE, DEPOSIT ... */
  reason: string;
  balances: Balance[];
  positions: Position[];
  accountAlias?: string;
  businessUnit?: BusinessUnit;
}

/** One position at risk in a MARGIN_CALL. */
export interface MarginCallPosition {
  symbol: string;
  positionSide: string;
  positionAmount: string;
  marginType: string;
  isolatedWallet?: string;
  markPrice: string;
  unrealizedProfit: string;
  maintenanceMargin: string;
}

/** MARGIN_CALL: guidance only; the position may already be liquidated. Has no transaction time. */
export interface MarginCallEvent extends EventBase {
  event: 'margin-call';
  crossWalletBalance?: string;
  positions: MarginCallPosition[];
  accountAlias?: string;
}

/** ACCOUNT_CONFIG_UPDATE: a leverage change (symbol + leverage) or a Multi-Assets mode change. */
export interface AccountConfigEvent extends EventBase {
  event: 'account-config';
  transactionTime: number;
  symbol?: string;
  leverage?: number;
  multiAssetsMode?: boolean;
  businessUnit?: BusinessUnit;
}

/** ALGO_UPDATE: the life of a conditional order in the Algo Service, before and after it triggers. */
export interface AlgoEvent extends EventBase {
  event: 'algo';
  transactionTime: number;
  symbol: string;
  algoId: number;
  clientAlgoId: string;
  side: Side;
  /** `at`: CONDITIONAL. */
  algoType?: string;
  orderType: string;
  /** `X`: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED ... */
  status: string;
  positionSide?: string;
  timeInForce?: string;
  origQty?: string;
  price?: string;
  triggerPrice?: string;
  /** `ai`: matching-engine order id, a string, empty until triggered. */
  engineOrderId?: string;
  /** `ap`: average fill price in the engine once triggered. */
  avgPrice?: string;
  /** `aq`: executed quantity in the engine once triggered. */
  filledQty?: string;
  /** `act`: actual order type in the engine once triggered. */
  actualOrderType?: string;
  selfTradePrevention?: string;
  workingType?: string;
  priceMatch?: string;
  closePosition?: boolean;
  priceProtect?: boolean;
  reduceOnly?: boolean;
  /** `tt`: 0 until triggered. */
  triggerTime?: number;
  goodTillDate?: number;
  /** `rm`: why the algo order failed. */
  failureReason?: string;
  businessUnit?: BusinessUnit;
}

/** STRATEGY_UPDATE: a trading strategy (e.g. a grid) changed state. */
export interface StrategyEvent extends EventBase {
  event: 'strategy';
  transactionTime: number;
  symbol: string;
  strategyId: number;
  strategyType: string;
  /** `ss`: NEW, WORKING, CANCELLED, EXPIRED (note the spelling). */
  status: string;
  updateTime: number;
  /** `c`: 8001..8015, see protocol §3.7. */
  opCode: number;
}

/** GRID_UPDATE: a grid sub-order filled or partially filled. */
export interface GridEvent extends EventBase {
  event: 'grid';
  transactionTime: number;
  symbol: string;
  strategyId: number;
  strategyType: string;
  status: string;
  realizedProfit: string;
  unmatchedAvgPrice: string;
  unmatchedQty: string;
  unmatchedFee: string;
  matchedProfit: string;
  updateTime: number;
}

/** CONDITIONAL_ORDER_TRIGGER_REJECT (deprecated 2025-12-15): a triggered conditional order was rejected. */
export interface ConditionalRejectEvent extends EventBase {
  event: 'conditional-reject';
  /** `T`: message send time. */
  transactionTime: number;
  symbol: string;
  orderId: number;
  reason: string;
}

/** PM CONDITIONAL_ORDER_TRADE_UPDATE: a Portfolio Margin conditional (strategy) order changed. */
export interface ConditionalOrderEvent extends EventBase {
  event: 'conditional-order';
  transactionTime: number;
  symbol: string;
  strategyId: number;
  clientOrderId: string;
  side: Side;
  /** `st`: STOP, TAKE_PROFIT, STOP_MARKET, TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET. */
  orderType: string;
  /** `os`: NEW, CANCELED, EXPIRED, TRIGGERED, FINISHED. */
  status: string;
  timeInForce?: string;
  origQty?: string;
  price?: string;
  stopPrice?: string;
  /** `i`: the order placed once triggered. */
  orderId?: number;
  /** `so.T`: order book time. */
  bookTime?: number;
  updateTime?: number;
  reduceOnly?: boolean;
  workingType?: string;
  positionSide?: string;
  closePosition?: boolean;
  activationPrice?: string;
  callbackRate?: string;
  selfTradePrevention?: string;
  priceMatch?: string;
  goodTillDate?: number;
  businessUnit?: BusinessUnit;
}

/**
 * A Portfolio Margin margin-account or risk event (balanceUpdate, executionReport,
 * outboundAccountPosition, liabilityChange, openOrderLoss, riskLevelChange), kept whole.
 */
export interface PmOtherEvent extends EventBase {
  event: 'pm-other';
  /** The wire `e`, e.g. "riskLevelChange". */
  type: string;
  /** The whole frame object as Binance sent it (decimals still strings). */
  payload: Readonly<Record<string, unknown>>;
}

/** listenKeyExpired: no more data arrives on this connection until a valid key is used. */
export interface KeyExpiredEvent extends EventBase {
  event: 'key-expired';
  /** Absent in some frames; then the event applies to the key of the connection it came on. */
  listenKey?: string;
}

/** Every event the program handles, discriminated on `event`. */
export type StreamEvent =
  | OrderEvent
  | TradeLiteEvent
  | AccountEvent
  | MarginCallEvent
  | AccountConfigEvent
  | AlgoEvent
  | StrategyEvent
  | GridEvent
  | ConditionalRejectEvent
  | ConditionalOrderEvent
  | PmOtherEvent
  | KeyExpiredEvent;

/** The discriminant of StreamEvent. */
export type EventKind = StreamEvent['event'];

/** The member of StreamEvent with the given kind. */
export type EventOf<K extends EventKind> = Extract<StreamEvent, { event: K }>;
