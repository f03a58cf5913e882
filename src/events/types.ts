/**
 * The normalized event model, defined once: what the rest of the program sees of a Binance
 * user-data frame, and what a JSON line and followOrders() publish. Each kind's schema lists its
 * keys in output order; the TypeScript types, the JSON encoders (output/json.ts) and the published
 * JSON Schema (docs/schema/, scripts/schema.ts) all derive from it. Single-letter wire keys become
 * these names in normalize.ts only. Decimals stay the strings Binance sent; ids and times are
 * numbers (ms since the epoch for times). An optional key is one Binance may not send: it is
 * written as null.
 */
import { z } from 'zod';
import type { Market as MarketName } from '../exchange/endpoints.js';

/** Which Binance product the stream belongs to (the one Market type, checked here against it). */
export const Market = z.enum(['usdm', 'coinm', 'pm']) satisfies z.ZodType<MarketName>;

/** Where an event came from: the live stream, a REST look-up after a gap, or a REST read (`tail --since` history, `orders`). */
export const Source = z.enum(['ws', 'reconcile', 'rest']);
export type Source = z.output<typeof Source>;

/** Order side. */
export const Side = z.enum(['BUY', 'SELL']);
export type Side = z.output<typeof Side>;

/** PM business unit of an event (`fs`): UM or CM; kept as sent. */
export type BusinessUnit = string;

/** One asset of an ACCOUNT_UPDATE. */
export const Balance = z.object({
  asset: z.string(),
  walletBalance: z.string(),
  crossWalletBalance: z.string().optional(),
  balanceChange: z.string().optional().meta({ description: '`bc`: change excluding PnL and commission.' }),
});
export type Balance = z.output<typeof Balance>;

/** One position of an ACCOUNT_UPDATE. */
export const Position = z.object({
  symbol: z.string(),
  positionAmount: z.string(),
  entryPrice: z.string(),
  breakevenPrice: z.string().optional(),
  accumulatedRealized: z.string().optional().meta({ description: '`cr`: accumulated realized, pre-fee.' }),
  unrealizedProfit: z.string(),
  marginType: z.string(),
  isolatedWallet: z.string().optional(),
  positionSide: z.string(),
});
export type Position = z.output<typeof Position>;

/** One position at risk in a MARGIN_CALL. */
export const MarginCallPosition = z.object({
  symbol: z.string(),
  positionSide: z.string(),
  positionAmount: z.string(),
  marginType: z.string(),
  isolatedWallet: z.string().optional(),
  markPrice: z.string(),
  unrealizedProfit: z.string(),
  maintenanceMargin: z.string(),
});
export type MarginCallPosition = z.output<typeof MarginCallPosition>;

/** The keys every event kind starts with, after `event`: who, which market, and when Binance made it. */
const header = {
  account: z.string().optional().meta({ description: 'The account name when several accounts are followed (--accounts); the key is absent otherwise.' }),
  market: Market,
  eventTime: z.number().meta({ description: '`E`: when Binance generated the event, ms. Arrives as a number or a numeric string.' }),
};

/** ORDER_TRADE_UPDATE: one change in the life of an order (new, fill, cancel, amend, expiry...). */
export const OrderEvent = z.object({
  event: z.literal('order'),
  ...header,
  transactionTime: z.number().meta({ description: 'Top-level `T` (falls back to `o.T` when absent).' }),
  symbol: z.string(),
  orderId: z.number(),
  clientOrderId: z.string(),
  side: Side,
  orderType: z.string().meta({ description: '`o`: LIMIT, MARKET, STOP, ... unknown values pass through.' }),
  timeInForce: z.string().meta({ description: '`f`: GTC, IOC, FOK, GTX, GTD, RPI ...' }),
  execType: z.string().meta({ description: '`x`: NEW, TRADE, CANCELED, EXPIRED, CALCULATED, AMENDMENT ...' }),
  status: z.string().meta({ description: '`X`: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH ...' }),
  price: z.string(),
  avgPrice: z.string(),
  stopPrice: z.string(),
  origQty: z.string(),
  filledQty: z.string().meta({ description: '`z`: cumulative filled quantity.' }),
  lastFilledQty: z.string(),
  lastFilledPrice: z.string(),
  commission: z.string().optional().meta({ description: '`n`: Binance omits it when there is no commission.' }),
  commissionAsset: z.string().optional(),
  realizedProfit: z.string(),
  tradeId: z.number().meta({ description: '`t`: 0 when the event is not a trade.' }),
  tradeTime: z.number().meta({ description: '`o.T`: order trade time.' }),
  positionSide: z.string(),
  reduceOnly: z.boolean(),
  isMaker: z.boolean(),
  expiryReason: z.string().optional().meta({ description: '`er`: opaque code such as "0" (none) or "2" (IOC remainder canceled).' }),
  originalOrderType: z.string().optional().meta({ description: '`ot`' }),
  workingType: z.string().optional().meta({ description: '`wt`: MARK_PRICE or CONTRACT_PRICE.' }),
  closePosition: z.boolean().optional().meta({ description: '`cp`' }),
  activationPrice: z.string().optional().meta({ description: '`AP`: trailing stops only.' }),
  callbackRate: z.string().optional().meta({ description: '`cr`: trailing stops only.' }),
  priceProtect: z.boolean().optional().meta({ description: '`pP`' }),
  bidNotional: z.string().optional().meta({ description: '`b`: notional on usdm, base-asset quantity on coinm.' }),
  askNotional: z.string().optional().meta({ description: '`a`: notional on usdm, base-asset quantity on coinm.' }),
  selfTradePrevention: z.string().optional().meta({ description: '`V`' }),
  priceMatch: z.string().optional().meta({ description: '`pm`' }),
  goodTillDate: z.number().optional().meta({ description: '`gtd`: auto-cancel time, 0 when not GTD.' }),
  modifyId: z.union([z.string(), z.number()]).optional().meta({ description: '`M`: only on AMENDMENT events when the request carried a modifyId; a string since 2026, a number in older captures.' }),
  strategyId: z.union([z.number(), z.string()]).optional().meta({ description: '`si`: documented as "ignore".' }),
  strategyType: z.union([z.number(), z.string()]).optional().meta({ description: '`ss`: documented as "ignore".' }),
  marginAsset: z.string().optional().meta({ description: '`o.ma`: coinm only.' }),
  accountAlias: z.string().optional().meta({ description: 'Top-level `i`: coinm account alias.' }),
  businessUnit: z.string().optional().meta({ description: 'Top-level `fs`: pm only.' }),
  source: Source,
});
export type OrderEvent = z.output<typeof OrderEvent>;

/**
 * What every mapping into an order event writes: each key of the schema, undefined when its source
 * does not say. A key added to OrderEvent is a compile error in each mapping until it produces it.
 * `account` is not the mapping's to know: the account tag adds it.
 */
export type OrderEventFields = { [K in Exclude<keyof OrderEvent, 'account'>]-?: OrderEvent[K] | undefined };

/** TRADE_LITE: a low-latency fill notice (usdm only); no commission, status or PnL. */
export const TradeLiteEvent = z.object({
  event: z.literal('trade-lite'),
  ...header,
  transactionTime: z.number(),
  symbol: z.string(),
  orderId: z.number(),
  clientOrderId: z.string(),
  side: Side,
  origQty: z.string(),
  price: z.string(),
  lastFilledQty: z.string(),
  lastFilledPrice: z.string(),
  tradeId: z.number(),
  isMaker: z.boolean(),
  source: Source,
});
export type TradeLiteEvent = z.output<typeof TradeLiteEvent>;

/** ACCOUNT_UPDATE: balances and positions changed. */
export const AccountEvent = z.object({
  event: z.literal('account'),
  ...header,
  transactionTime: z.number(),
  reason: z.string().meta({ description: '`a.m`: ORDER, FUNDING_FEE, DEPOSIT ...' }),
  symbol: z.string().optional().meta({ description: '`a.S`: the symbol a FUNDING_FEE update belongs to.' }),
  balances: z.array(Balance),
  positions: z.array(Position),
  accountAlias: z.string().optional(),
  businessUnit: z.string().optional(),
  source: Source,
});
export type AccountEvent = z.output<typeof AccountEvent>;

/** MARGIN_CALL: guidance only; the position may already be liquidated. Has no transaction time. */
export const MarginCallEvent = z.object({
  event: z.literal('margin-call'),
  ...header,
  crossWalletBalance: z.string().optional(),
  positions: z.array(MarginCallPosition),
  accountAlias: z.string().optional(),
  source: Source,
});
export type MarginCallEvent = z.output<typeof MarginCallEvent>;

/** ACCOUNT_CONFIG_UPDATE: a leverage change (symbol + leverage) or a Multi-Assets mode change. */
export const AccountConfigEvent = z.object({
  event: z.literal('account-config'),
  ...header,
  transactionTime: z.number(),
  symbol: z.string().optional(),
  leverage: z.number().optional(),
  multiAssetsMode: z.boolean().optional(),
  businessUnit: z.string().optional(),
  source: Source,
});
export type AccountConfigEvent = z.output<typeof AccountConfigEvent>;

/** ALGO_UPDATE: the life of a conditional order in the Algo Service, before and after it triggers. */
export const AlgoEvent = z.object({
  event: z.literal('algo'),
  ...header,
  transactionTime: z.number(),
  symbol: z.string(),
  algoId: z.number(),
  clientAlgoId: z.string(),
  side: Side,
  algoType: z.string().optional().meta({ description: '`at`: CONDITIONAL.' }),
  orderType: z.string(),
  status: z.string().meta({ description: '`X`: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED ...' }),
  positionSide: z.string().optional(),
  timeInForce: z.string().optional(),
  origQty: z.string().optional(),
  price: z.string().optional(),
  triggerPrice: z.string().optional(),
  engineOrderId: z.string().optional().meta({ description: '`ai`: matching-engine order id, a string, empty until triggered.' }),
  avgPrice: z.string().optional().meta({ description: '`ap`: average fill price in the engine once triggered.' }),
  filledQty: z.string().optional().meta({ description: '`aq`: executed quantity in the engine once triggered.' }),
  actualOrderType: z.string().optional().meta({ description: '`act`: actual order type in the engine once triggered.' }),
  selfTradePrevention: z.string().optional(),
  workingType: z.string().optional(),
  priceMatch: z.string().optional(),
  closePosition: z.boolean().optional(),
  priceProtect: z.boolean().optional(),
  reduceOnly: z.boolean().optional(),
  triggerTime: z.number().optional().meta({ description: '`tt`: 0 until triggered.' }),
  goodTillDate: z.number().optional(),
  failureReason: z.string().optional().meta({ description: '`rm`: why the algo order failed.' }),
  activated: z.boolean().optional().meta({ description: '`ia`: trailing orders only; whether the order is activated.' }),
  businessUnit: z.string().optional(),
  source: Source,
});
export type AlgoEvent = z.output<typeof AlgoEvent>;

/** STRATEGY_UPDATE: a trading strategy (e.g. a grid) changed state. */
export const StrategyEvent = z.object({
  event: z.literal('strategy'),
  ...header,
  transactionTime: z.number(),
  updateTime: z.number(),
  symbol: z.string(),
  strategyId: z.number(),
  strategyType: z.string(),
  status: z.string().meta({ description: '`ss`: NEW, WORKING, CANCELLED, EXPIRED (note the spelling).' }),
  opCode: z.number().meta({ description: '`c`: 8001..8015, see protocol §3.7.' }),
  source: Source,
});
export type StrategyEvent = z.output<typeof StrategyEvent>;

/** GRID_UPDATE: a grid sub-order filled or partially filled. */
export const GridEvent = z.object({
  event: z.literal('grid'),
  ...header,
  transactionTime: z.number(),
  updateTime: z.number(),
  symbol: z.string(),
  strategyId: z.number(),
  strategyType: z.string(),
  status: z.string(),
  realizedProfit: z.string(),
  unmatchedAvgPrice: z.string(),
  unmatchedQty: z.string(),
  unmatchedFee: z.string(),
  matchedProfit: z.string(),
  source: Source,
});
export type GridEvent = z.output<typeof GridEvent>;

/** CONDITIONAL_ORDER_TRIGGER_REJECT (deprecated 2025-12-15): a triggered conditional order was rejected. */
export const ConditionalRejectEvent = z.object({
  event: z.literal('conditional-reject'),
  ...header,
  transactionTime: z.number().meta({ description: '`T`: message send time.' }),
  symbol: z.string(),
  orderId: z.number(),
  reason: z.string(),
  source: Source,
});
export type ConditionalRejectEvent = z.output<typeof ConditionalRejectEvent>;

/** PM CONDITIONAL_ORDER_TRADE_UPDATE: a Portfolio Margin conditional (strategy) order changed. */
export const ConditionalOrderEvent = z.object({
  event: z.literal('conditional-order'),
  ...header,
  transactionTime: z.number(),
  bookTime: z.number().optional().meta({ description: '`so.T`: order book time.' }),
  updateTime: z.number().optional(),
  symbol: z.string(),
  strategyId: z.number(),
  clientOrderId: z.string(),
  side: Side,
  orderType: z.string().meta({ description: '`st`: STOP, TAKE_PROFIT, STOP_MARKET, TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET.' }),
  status: z.string().meta({ description: '`os`: NEW, CANCELED, EXPIRED, TRIGGERED, FINISHED.' }),
  timeInForce: z.string().optional(),
  origQty: z.string().optional(),
  price: z.string().optional(),
  stopPrice: z.string().optional(),
  orderId: z.number().optional().meta({ description: '`i`: the order placed once triggered.' }),
  reduceOnly: z.boolean().optional(),
  workingType: z.string().optional(),
  positionSide: z.string().optional(),
  closePosition: z.boolean().optional(),
  activationPrice: z.string().optional(),
  callbackRate: z.string().optional(),
  selfTradePrevention: z.string().optional(),
  priceMatch: z.string().optional(),
  goodTillDate: z.number().optional(),
  businessUnit: z.string().optional(),
  source: Source,
});
export type ConditionalOrderEvent = z.output<typeof ConditionalOrderEvent>;

/** * A Portfolio Margin margin-account or risk event (balanceUpdate, executionReport, outboundAccountPosition, liabilityChange, openOrderLoss, riskLevelChange), kept whole. */
export const PmOtherEvent = z.object({
  event: z.literal('pm-other'),
  ...header,
  type: z.string().meta({ description: 'The wire `e`, e.g. "riskLevelChange".' }),
  payload: z.record(z.string(), z.unknown()).meta({ description: 'The whole frame object as Binance sent it (decimals still strings).' }),
  source: Source,
});
export type PmOtherEvent = z.output<typeof PmOtherEvent>;

/** listenKeyExpired: no more data arrives on this connection until a valid key is used. */
export const KeyExpiredEvent = z.object({
  event: z.literal('key-expired'),
  ...header,
  /** Never written out: a listenKey is a secret. */
  listenKey: z.string().optional(),
  source: Source,
});
export type KeyExpiredEvent = z.output<typeof KeyExpiredEvent>;

/** Every kind's schema, by its `event` name. */
export const EVENT_SCHEMAS = {
  order: OrderEvent,
  'trade-lite': TradeLiteEvent,
  account: AccountEvent,
  'margin-call': MarginCallEvent,
  'account-config': AccountConfigEvent,
  algo: AlgoEvent,
  strategy: StrategyEvent,
  grid: GridEvent,
  'conditional-reject': ConditionalRejectEvent,
  'conditional-order': ConditionalOrderEvent,
  'pm-other': PmOtherEvent,
  'key-expired': KeyExpiredEvent,
} as const;

/** A normalized event: the union of every kind, discriminated by `event`. */
export type StreamEvent = z.output<(typeof EVENT_SCHEMAS)[keyof typeof EVENT_SCHEMAS]>;

export type EventKind = StreamEvent['event'];

export type EventOf<K extends EventKind> = Extract<StreamEvent, { event: K }>;

/** Keys written only when set: the account of a multi-account run, so a single account's lines are unchanged. */
export const WRITTEN_WHEN_SET: ReadonlySet<string> = new Set(['account']);

/** The kinds that are data, written as JSON lines; key-expired is a control signal and never is. */
export const PUBLISHED_KINDS = Object.keys(EVENT_SCHEMAS).filter((kind) => kind !== 'key-expired') as Exclude<EventKind, 'key-expired'>[];
