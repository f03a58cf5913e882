/**
 * Validated wire objects → normalized events. This is the one place where single-letter keys
 * become names. Each builder writes every key of its event in one literal (optional ones may be
 * undefined), so all events of a kind share one shape; decimals are copied, never converted.
 * Events built here come from the live stream, so their source is 'ws'.
 */
import type {
  RawAccountConfigUpdate,
  RawAccountUpdate,
  RawAlgoUpdate,
  RawPmAlgoUpdate,
  RawCoinmOrderTradeUpdate,
  RawConditionalOrderTradeUpdate,
  RawConditionalOrderTriggerReject,
  RawGridUpdate,
  RawListenKeyExpired,
  RawMarginCall,
  RawPmOther,
  RawStrategyUpdate,
  RawTradeLite,
  RawUsdmOrderTradeUpdate,
} from './raw.js';
import type { Market } from '../exchange/endpoints.js';
import type {
  AccountConfigEvent,
  AccountEvent,
  AlgoEvent,
  ConditionalOrderEvent,
  ConditionalRejectEvent,
  GridEvent,
  KeyExpiredEvent,
  MarginCallEvent,
  OrderEvent,
  OrderEventFields,
  PmOtherEvent,
  StrategyEvent,
  TradeLiteEvent,
} from './types.js';

/** ORDER_TRADE_UPDATE on usdm, or on pm where it carries the business unit `fs`. */
export function toUsdmOrderEvent(raw: RawUsdmOrderTradeUpdate, market: Market): OrderEvent {
  return toOrderEvent(raw, market, undefined, undefined, raw.fs);
}

/** ORDER_TRADE_UPDATE on coinm: adds the margin asset `o.ma` and the account alias `i`. */
export function toCoinmOrderEvent(raw: RawCoinmOrderTradeUpdate, market: Market): OrderEvent {
  return toOrderEvent(raw, market, raw.o.ma, raw.i, undefined);
}

function toOrderEvent(
  raw: RawUsdmOrderTradeUpdate | RawCoinmOrderTradeUpdate,
  market: Market,
  marginAsset: string | undefined,
  accountAlias: string | undefined,
  businessUnit: string | undefined,
): OrderEvent {
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
  } satisfies OrderEventFields;
}

/** TRADE_LITE: a fill notice without commission or status. */
export function toTradeLiteEvent(raw: RawTradeLite, market: Market): TradeLiteEvent {
  return {
    event: 'trade-lite',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    symbol: raw.s,
    orderId: raw.i,
    clientOrderId: raw.c,
    side: raw.S,
    origQty: raw.q,
    price: raw.p,
    lastFilledQty: raw.l,
    lastFilledPrice: raw.L,
    tradeId: raw.t,
    isMaker: raw.m,
    source: 'ws',
  };
}

/** ACCOUNT_UPDATE: missing `B` or `P` lists become empty arrays. */
export function toAccountEvent(raw: RawAccountUpdate, market: Market): AccountEvent {
  return {
    event: 'account',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    reason: raw.a.m,
    symbol: raw.a.S,
    balances: (raw.a.B ?? []).map((b) => ({
      asset: b.a,
      walletBalance: b.wb,
      crossWalletBalance: b.cw,
      balanceChange: b.bc,
    })),
    positions: (raw.a.P ?? []).map((p) => ({
      symbol: p.s,
      positionAmount: p.pa,
      entryPrice: p.ep,
      breakevenPrice: p.bep,
      accumulatedRealized: p.cr,
      unrealizedProfit: p.up,
      marginType: p.mt,
      isolatedWallet: p.iw,
      positionSide: p.ps,
    })),
    accountAlias: raw.i,
    businessUnit: raw.fs,
    source: 'ws',
  };
}

/** MARGIN_CALL: has no transaction time. */
export function toMarginCallEvent(raw: RawMarginCall, market: Market): MarginCallEvent {
  return {
    event: 'margin-call',
    market,
    eventTime: raw.E,
    crossWalletBalance: raw.cw,
    positions: raw.p.map((p) => ({
      symbol: p.s,
      positionSide: p.ps,
      positionAmount: p.pa,
      marginType: p.mt,
      isolatedWallet: p.iw,
      markPrice: p.mp,
      unrealizedProfit: p.up,
      maintenanceMargin: p.mm,
    })),
    accountAlias: raw.i,
    source: 'ws',
  };
}

/** ACCOUNT_CONFIG_UPDATE: leverage (`ac`) or Multi-Assets mode (`ai`). */
export function toAccountConfigEvent(raw: RawAccountConfigUpdate, market: Market): AccountConfigEvent {
  return {
    event: 'account-config',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    symbol: raw.ac?.s,
    leverage: raw.ac?.l,
    multiAssetsMode: raw.ai?.j,
    businessUnit: raw.fs,
    source: 'ws',
  };
}

/** ALGO_UPDATE: `E` is the event time and `T` the transaction time (protocol §3.9). */
export function toAlgoEvent(raw: RawAlgoUpdate, market: Market): AlgoEvent {
  return algoEventOf(raw, raw.o, market);
}

/** ALGO_UPDATE from Portfolio Margin: the same payload under `ao`. */
export function toPmAlgoEvent(raw: RawPmAlgoUpdate, market: Market): AlgoEvent {
  return algoEventOf(raw, raw.ao, market);
}

function algoEventOf(raw: RawAlgoUpdate | RawPmAlgoUpdate, o: RawAlgoUpdate['o'], market: Market): AlgoEvent {
  return {
    event: 'algo',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    symbol: o.s,
    algoId: o.aid,
    clientAlgoId: o.caid,
    side: o.S,
    algoType: o.at,
    orderType: o.o,
    status: o.X,
    positionSide: o.ps,
    timeInForce: o.f,
    origQty: o.q,
    price: o.p,
    triggerPrice: o.tp,
    engineOrderId: o.ai,
    avgPrice: o.ap,
    filledQty: o.aq,
    actualOrderType: o.act,
    selfTradePrevention: o.V,
    workingType: o.wt,
    priceMatch: o.pm,
    closePosition: o.cp,
    priceProtect: o.pP,
    reduceOnly: o.R,
    triggerTime: o.tt,
    goodTillDate: o.gtd,
    failureReason: o.rm,
    activated: o.ia,
    businessUnit: raw.fs,
    source: 'ws',
  };
}

/** STRATEGY_UPDATE. */
export function toStrategyEvent(raw: RawStrategyUpdate, market: Market): StrategyEvent {
  const su = raw.su;
  return {
    event: 'strategy',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    updateTime: su.ut,
    symbol: su.s,
    strategyId: su.si,
    strategyType: su.st,
    status: su.ss,
    opCode: su.c,
    source: 'ws',
  };
}

/** GRID_UPDATE. */
export function toGridEvent(raw: RawGridUpdate, market: Market): GridEvent {
  const gu = raw.gu;
  return {
    event: 'grid',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    updateTime: gu.ut,
    symbol: gu.s,
    strategyId: gu.si,
    strategyType: gu.st,
    status: gu.ss,
    realizedProfit: gu.r,
    unmatchedAvgPrice: gu.up,
    unmatchedQty: gu.uq,
    unmatchedFee: gu.uf,
    matchedProfit: gu.mp,
    source: 'ws',
  };
}

/** CONDITIONAL_ORDER_TRIGGER_REJECT (deprecated, still parsed). */
export function toConditionalRejectEvent(
  raw: RawConditionalOrderTriggerReject,
  market: Market,
): ConditionalRejectEvent {
  return {
    event: 'conditional-reject',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    symbol: raw.or.s,
    orderId: raw.or.i,
    reason: raw.or.r,
    source: 'ws',
  };
}

/** PM CONDITIONAL_ORDER_TRADE_UPDATE; `so.st` is the order type. */
export function toConditionalOrderEvent(
  raw: RawConditionalOrderTradeUpdate,
  market: Market,
): ConditionalOrderEvent {
  const so = raw.so;
  return {
    event: 'conditional-order',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    bookTime: so.T,
    updateTime: so.ut,
    symbol: so.s,
    strategyId: so.si,
    clientOrderId: so.c,
    side: so.S,
    orderType: so.st,
    status: so.os,
    timeInForce: so.f,
    origQty: so.q,
    price: so.p,
    stopPrice: so.sp,
    orderId: so.i,
    reduceOnly: so.R,
    workingType: so.wt,
    positionSide: so.ps,
    closePosition: so.cp,
    activationPrice: so.AP,
    callbackRate: so.cr,
    selfTradePrevention: so.V,
    priceMatch: so.pm,
    goodTillDate: so.gtd,
    businessUnit: raw.fs,
    source: 'ws',
  };
}

/** `payload` is the frame object as parsed, before validation, so `E` keeps its wire type. */
export function toPmOtherEvent(
  raw: RawPmOther,
  market: Market,
  payload: Readonly<Record<string, unknown>>,
): PmOtherEvent {
  return { event: 'pm-other', market, eventTime: raw.E, type: raw.e, payload, source: 'ws' };
}

/** listenKeyExpired; the key may be absent. */
export function toKeyExpiredEvent(raw: RawListenKeyExpired, market: Market): KeyExpiredEvent {
  return { event: 'key-expired', market, eventTime: raw.E, listenKey: raw.listenKey, source: 'ws' };
}
