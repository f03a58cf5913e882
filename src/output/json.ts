/**
 * NDJSON formatter. Each kind has a fixed key order: event, account (when set) and market first, then times, then the
 * fields, source last, whatever order the event object was built in (reconcile builds its own).
 * The order tables are typed so a key added to an event type fails to compile until it is placed
 * here. Absent optional fields are left out. Decimals stay strings.
 */
import type { EventKind, EventOf, StreamEvent } from '../events/types.js';

/** Every key of T, in the order written. The object form makes the compiler check completeness. */
type KeyOrder<T> = { readonly [K in keyof T]-?: true };

const ORDER: KeyOrder<EventOf<'order'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  symbol: true,
  orderId: true,
  clientOrderId: true,
  side: true,
  orderType: true,
  timeInForce: true,
  execType: true,
  status: true,
  price: true,
  avgPrice: true,
  stopPrice: true,
  origQty: true,
  filledQty: true,
  lastFilledQty: true,
  lastFilledPrice: true,
  commission: true,
  commissionAsset: true,
  realizedProfit: true,
  tradeId: true,
  tradeTime: true,
  positionSide: true,
  reduceOnly: true,
  isMaker: true,
  expiryReason: true,
  originalOrderType: true,
  workingType: true,
  closePosition: true,
  activationPrice: true,
  callbackRate: true,
  priceProtect: true,
  bidNotional: true,
  askNotional: true,
  selfTradePrevention: true,
  priceMatch: true,
  goodTillDate: true,
  modifyId: true,
  strategyId: true,
  strategyType: true,
  marginAsset: true,
  accountAlias: true,
  businessUnit: true,
  source: true,
};

const TRADE_LITE: KeyOrder<EventOf<'trade-lite'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  symbol: true,
  orderId: true,
  clientOrderId: true,
  side: true,
  origQty: true,
  price: true,
  lastFilledQty: true,
  lastFilledPrice: true,
  tradeId: true,
  isMaker: true,
  source: true,
};

const ACCOUNT: KeyOrder<EventOf<'account'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  reason: true,
  balances: true,
  positions: true,
  accountAlias: true,
  businessUnit: true,
  source: true,
};

const MARGIN_CALL: KeyOrder<EventOf<'margin-call'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  crossWalletBalance: true,
  positions: true,
  accountAlias: true,
  source: true,
};

const ACCOUNT_CONFIG: KeyOrder<EventOf<'account-config'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  symbol: true,
  leverage: true,
  multiAssetsMode: true,
  businessUnit: true,
  source: true,
};

const ALGO: KeyOrder<EventOf<'algo'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  symbol: true,
  algoId: true,
  clientAlgoId: true,
  side: true,
  algoType: true,
  orderType: true,
  status: true,
  positionSide: true,
  timeInForce: true,
  origQty: true,
  price: true,
  triggerPrice: true,
  engineOrderId: true,
  avgPrice: true,
  filledQty: true,
  actualOrderType: true,
  selfTradePrevention: true,
  workingType: true,
  priceMatch: true,
  closePosition: true,
  priceProtect: true,
  reduceOnly: true,
  triggerTime: true,
  goodTillDate: true,
  failureReason: true,
  businessUnit: true,
  source: true,
};

const STRATEGY: KeyOrder<EventOf<'strategy'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  updateTime: true,
  symbol: true,
  strategyId: true,
  strategyType: true,
  status: true,
  opCode: true,
  source: true,
};

const GRID: KeyOrder<EventOf<'grid'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  updateTime: true,
  symbol: true,
  strategyId: true,
  strategyType: true,
  status: true,
  realizedProfit: true,
  unmatchedAvgPrice: true,
  unmatchedQty: true,
  unmatchedFee: true,
  matchedProfit: true,
  source: true,
};

const CONDITIONAL_REJECT: KeyOrder<EventOf<'conditional-reject'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  symbol: true,
  orderId: true,
  reason: true,
  source: true,
};

const CONDITIONAL_ORDER: KeyOrder<EventOf<'conditional-order'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  transactionTime: true,
  bookTime: true,
  updateTime: true,
  symbol: true,
  strategyId: true,
  clientOrderId: true,
  side: true,
  orderType: true,
  status: true,
  timeInForce: true,
  origQty: true,
  price: true,
  stopPrice: true,
  orderId: true,
  reduceOnly: true,
  workingType: true,
  positionSide: true,
  closePosition: true,
  activationPrice: true,
  callbackRate: true,
  selfTradePrevention: true,
  priceMatch: true,
  goodTillDate: true,
  businessUnit: true,
  source: true,
};

const PM_OTHER: KeyOrder<EventOf<'pm-other'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  type: true,
  payload: true,
  source: true,
};

/** The listenKey is left out: the full key must never be printed, and this formatter has no redactor. */
const KEY_EXPIRED: KeyOrder<Omit<EventOf<'key-expired'>, 'listenKey'>> = {
  event: true,
  account: true,
  market: true,
  eventTime: true,
  source: true,
};

/** Per kind, each key with its JSON prefix (`"key":`), computed once. */
const KEYS: { readonly [K in EventKind]: readonly (readonly [string, string])[] } = {
  order: prefixed(ORDER),
  'trade-lite': prefixed(TRADE_LITE),
  account: prefixed(ACCOUNT),
  'margin-call': prefixed(MARGIN_CALL),
  'account-config': prefixed(ACCOUNT_CONFIG),
  algo: prefixed(ALGO),
  strategy: prefixed(STRATEGY),
  grid: prefixed(GRID),
  'conditional-reject': prefixed(CONDITIONAL_REJECT),
  'conditional-order': prefixed(CONDITIONAL_ORDER),
  'pm-other': prefixed(PM_OTHER),
  'key-expired': prefixed(KEY_EXPIRED),
};

function prefixed(order: object): (readonly [string, string])[] {
  return Object.keys(order).map((key) => [key, `${JSON.stringify(key)}:`] as const);
}

/**
 * One JSON line for the event, without the trailing newline. The line is assembled directly
 * rather than through an intermediate ordered object: on the hot path that halves the cost.
 */
export function formatJson(e: StreamEvent): string {
  const fields = e as unknown as Readonly<Record<string, unknown>>;
  let line = '';
  for (const [key, prefix] of KEYS[e.event]) {
    const value = fields[key];
    if (value === undefined) continue;
    line += `${line === '' ? '{' : ','}${prefix}${encode(value)}`;
  }
  return `${line}}`;
}

/** Same output as JSON.stringify (NaN becomes null), with a shortcut for numbers and booleans. */
function encode(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/**
 * The same line for an event fresh from parseFrame: normalize.ts builds every kind with its keys
 * already in this file's order (a test holds it to that), so one native JSON.stringify writes it,
 * at about two thirds of formatJson's cost. key-expired keeps formatJson, which drops the listenKey.
 */
export function formatWireJson(e: StreamEvent): string {
  return e.event === 'key-expired' ? formatJson(e) : JSON.stringify(e);
}
