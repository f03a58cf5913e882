/**
 * The order event and both ways into it: an ORDER_TRADE_UPDATE frame from the stream, and an order
 * as REST lists it (after a gap, or as history). A key added to the schema fails to compile in
 * each mapping until it writes it.
 */
import { z } from 'zod';
import type { Market } from '../../exchange/endpoints.js';
import { header, Side, Source, type MappedFields } from '../fields.js';
import { decimal, id, opaque, optionalDecimal, RawEventTime, time, wireMapping } from '../wire.js';

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

/** ORDER_TRADE_UPDATE `o`, the fields both markets share. */
const orderObject = z.looseObject({
  s: z.string(),
  c: z.string(),
  S: Side,
  o: z.string(),
  f: z.string(),
  q: decimal,
  p: decimal,
  ap: decimal,
  sp: decimal,
  x: z.string(),
  X: z.string(),
  i: id,
  l: decimal,
  z: decimal,
  L: decimal,
  N: z.string().optional(),
  n: optionalDecimal,
  T: time,
  t: id,
  b: optionalDecimal,
  a: optionalDecimal,
  m: z.boolean(),
  R: z.boolean(),
  wt: z.string().optional(),
  ot: z.string().optional(),
  ps: z.string(),
  cp: z.boolean().optional(),
  AP: optionalDecimal,
  cr: optionalDecimal,
  pP: z.boolean().optional(),
  si: opaque,
  ss: opaque,
  rp: decimal,
  V: z.string().optional(),
  pm: z.string().optional(),
  gtd: time.optional(),
  er: z.string().optional(),
  /** A string since 2026; a number in older captures. */
  M: z.union([z.string(), id]).optional(),
});

/** ORDER_TRADE_UPDATE on usdm, and on pm (which adds the business unit `fs`). */
export const RawUsdmOrderTradeUpdate = z.looseObject({
  e: z.literal('ORDER_TRADE_UPDATE'),
  E: RawEventTime,
  T: time.optional(),
  fs: z.string().optional(),
  o: orderObject,
});

/** ORDER_TRADE_UPDATE on coinm: top-level `i` is the account alias (not the order id) and `o.ma` the margin asset. */
const RawCoinmOrderTradeUpdate = z.looseObject({
  e: z.literal('ORDER_TRADE_UPDATE'),
  E: RawEventTime,
  T: time.optional(),
  i: z.string().optional(),
  o: orderObject.extend({ ma: z.string().optional() }),
});

/** The keys both markets' frames share, named; the market-specific three come from the caller. */
function fromFrame(
  raw: z.output<typeof RawUsdmOrderTradeUpdate> | z.output<typeof RawCoinmOrderTradeUpdate>,
  market: Market,
  marginAsset: string | undefined,
  accountAlias: string | undefined,
  businessUnit: string | undefined,
): MappedFields<OrderEvent> {
  const o = raw.o;
  return {
    event: 'order',
    market,
    eventTime: raw.E,
    transactionTime: raw.T ?? o.T,
    symbol: o.s,
    orderId: o.i,
    clientOrderId: o.c,
    side: o.S,
    orderType: o.o,
    timeInForce: o.f,
    execType: o.x,
    status: o.X,
    price: o.p,
    avgPrice: o.ap,
    stopPrice: o.sp,
    origQty: o.q,
    filledQty: o.z,
    lastFilledQty: o.l,
    lastFilledPrice: o.L,
    commission: o.n,
    commissionAsset: o.N,
    realizedProfit: o.rp,
    tradeId: o.t,
    tradeTime: o.T,
    positionSide: o.ps,
    reduceOnly: o.R,
    isMaker: o.m,
    expiryReason: o.er,
    originalOrderType: o.ot,
    workingType: o.wt,
    closePosition: o.cp,
    activationPrice: o.AP,
    callbackRate: o.cr,
    priceProtect: o.pP,
    bidNotional: o.b,
    askNotional: o.a,
    selfTradePrevention: o.V,
    priceMatch: o.pm,
    goodTillDate: o.gtd,
    modifyId: o.M,
    strategyId: o.si,
    strategyType: o.ss,
    marginAsset,
    accountAlias,
    businessUnit,
    source: 'ws',
  };
}

/** ORDER_TRADE_UPDATE on usdm, or on pm where it carries the business unit `fs`. */
export const usdmOrderWire = wireMapping(RawUsdmOrderTradeUpdate, (raw, market) => fromFrame(raw, market, undefined, undefined, raw.fs));

/** ORDER_TRADE_UPDATE on coinm: adds the margin asset `o.ma` and the account alias `i`. */
export const coinmOrderWire = wireMapping(RawCoinmOrderTradeUpdate, (raw, market) => fromFrame(raw, market, raw.o.ma, raw.i, undefined));

/**
 * The order object of GET openOrders / order / allOrders (USDⓈ-M, COIN-M and PM UM share these
 * fields; COIN-M has cumBase for cumQuote). Unknown fields are ignored; unknown enum values pass.
 */
export const RestOrder = z.object({
  orderId: z.number(),
  symbol: z.string(),
  clientOrderId: z.string(),
  side: Side,
  type: z.string(),
  origType: z.string().optional(),
  timeInForce: z.string(),
  status: z.string(),
  price: z.string(),
  avgPrice: z.string(),
  stopPrice: z.string().optional(),
  origQty: z.string(),
  executedQty: z.string(),
  positionSide: z.string().optional(),
  reduceOnly: z.boolean().optional(),
  closePosition: z.boolean().optional(),
  workingType: z.string().optional(),
  priceProtect: z.boolean().optional(),
  priceMatch: z.string().optional(),
  selfTradePreventionMode: z.string().optional(),
  goodTillDate: z.number().optional(),
  activatePrice: z.string().optional(),
  priceRate: z.string().optional(),
  time: z.number(),
  updateTime: z.number(),
});
export type RestOrder = z.infer<typeof RestOrder>;

export const RestOrders = z.array(RestOrder);

/** The execution type a stream event for this status would carry; REST does not say which one happened last. */
function execTypeOf(status: string): string {
  if (status === 'PARTIALLY_FILLED' || status === 'FILLED') return 'TRADE';
  if (status === 'EXPIRED_IN_MATCH') return 'EXPIRED';
  return status;
}

/**
 * An order event built from a REST order, for printing after a gap (`reconcile`) or as a listing of
 * open orders (`rest`). REST gives the order's current state only: the last fill's quantity, price,
 * trade id and PnL are unknown, so they are "0" / 0, as Binance sends them on events that are not
 * trades, and what REST does not carry at all is undefined (null in JSON). Times are `updateTime`.
 * `source` is 'rest' for the history `tail --since` prints before the stream, 'reconcile' after a gap.
 */
export function orderEventOf(order: RestOrder, market: Market, source: Source = 'reconcile'): OrderEvent {
  return {
    event: 'order',
    market,
    eventTime: order.updateTime,
    transactionTime: order.updateTime,
    symbol: order.symbol,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    side: order.side,
    orderType: order.type,
    timeInForce: order.timeInForce,
    execType: execTypeOf(order.status),
    status: order.status,
    price: order.price,
    avgPrice: order.avgPrice,
    stopPrice: order.stopPrice ?? '0',
    origQty: order.origQty,
    filledQty: order.executedQty,
    lastFilledQty: '0',
    lastFilledPrice: '0',
    commission: undefined,
    commissionAsset: undefined,
    realizedProfit: '0',
    tradeId: 0,
    tradeTime: order.updateTime,
    positionSide: order.positionSide ?? 'BOTH',
    reduceOnly: order.reduceOnly ?? false,
    isMaker: false,
    expiryReason: undefined,
    originalOrderType: order.origType,
    workingType: order.workingType,
    closePosition: order.closePosition,
    activationPrice: order.activatePrice,
    callbackRate: order.priceRate,
    priceProtect: order.priceProtect,
    bidNotional: undefined,
    askNotional: undefined,
    selfTradePrevention: order.selfTradePreventionMode,
    priceMatch: order.priceMatch,
    goodTillDate: order.goodTillDate,
    modifyId: undefined,
    strategyId: undefined,
    strategyType: undefined,
    marginAsset: undefined,
    accountAlias: undefined,
    businessUnit: undefined,
    source,
  } satisfies MappedFields<OrderEvent>;
}
