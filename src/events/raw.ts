/**
 * Wire schemas, one per Binance `e`, built once at module load. They are loose: unknown fields are
 * tolerated (and ignored by normalize.ts), so a new Binance field never breaks parsing. Only fields
 * the normalized event needs are required. Enum-like values (status, order type, ...) are plain
 * strings so unknown values pass through. Decimals are strings and are never converted.
 */
import { z } from 'zod';

/**
 * `E`: a number, or a numeric string (listenKeyExpired has been seen both ways, so every event
 * accepts both). Coerced to a number without a regex: Number() and an integer check.
 */
export const RawEventTime = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : value === '' ? Number.NaN : Number(value);
  if (Number.isSafeInteger(ms) && ms >= 0) return ms;
  ctx.addIssue({ code: 'custom', message: `event time is not a non-negative integer: ${JSON.stringify(value)}` });
  return z.NEVER;
});

const side = z.enum(['BUY', 'SELL']);
const decimal = z.string();
const id = z.number();
const time = z.number();
const optionalDecimal = decimal.optional();
/** Fields documented as "ignore" (`si`, `ss`): tolerated as number or string. */
const opaque = z.union([z.number(), z.string()]).optional();

/** ORDER_TRADE_UPDATE `o`, the fields both markets share. */
const orderObject = z.looseObject({
  s: z.string(),
  c: z.string(),
  S: side,
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
export const RawCoinmOrderTradeUpdate = z.looseObject({
  e: z.literal('ORDER_TRADE_UPDATE'),
  E: RawEventTime,
  T: time.optional(),
  i: z.string().optional(),
  o: orderObject.extend({ ma: z.string().optional() }),
});

/** TRADE_LITE (usdm only). */
export const RawTradeLite = z.looseObject({
  e: z.literal('TRADE_LITE'),
  E: RawEventTime,
  T: time,
  s: z.string(),
  q: decimal,
  p: decimal,
  m: z.boolean(),
  c: z.string(),
  S: side,
  L: decimal,
  l: decimal,
  t: id,
  i: id,
});

const rawBalance = z.looseObject({
  a: z.string(),
  wb: decimal,
  cw: optionalDecimal,
  bc: optionalDecimal,
});

const rawPosition = z.looseObject({
  s: z.string(),
  pa: decimal,
  ep: decimal,
  bep: optionalDecimal,
  cr: optionalDecimal,
  up: decimal,
  mt: z.string(),
  iw: optionalDecimal,
  ps: z.string(),
});

/** ACCOUNT_UPDATE; `i` is the coinm account alias, `fs` the pm business unit. */
export const RawAccountUpdate = z.looseObject({
  e: z.literal('ACCOUNT_UPDATE'),
  E: RawEventTime,
  T: time,
  i: z.string().optional(),
  fs: z.string().optional(),
  a: z.looseObject({
    m: z.string(),
    S: z.string().optional(),
    B: z.array(rawBalance).optional(),
    P: z.array(rawPosition).optional(),
  }),
});

/** MARGIN_CALL: no `T`. */
export const RawMarginCall = z.looseObject({
  e: z.literal('MARGIN_CALL'),
  E: RawEventTime,
  i: z.string().optional(),
  cw: optionalDecimal,
  p: z.array(
    z.looseObject({
      s: z.string(),
      ps: z.string(),
      pa: decimal,
      mt: z.string(),
      iw: optionalDecimal,
      mp: decimal,
      up: decimal,
      mm: decimal,
    }),
  ),
});

/** ACCOUNT_CONFIG_UPDATE: a leverage change (`ac`) or a Multi-Assets mode change (`ai`). */
export const RawAccountConfigUpdate = z
  .looseObject({
    e: z.literal('ACCOUNT_CONFIG_UPDATE'),
    E: RawEventTime,
    T: time,
    fs: z.string().optional(),
    ac: z.looseObject({ s: z.string(), l: z.number() }).optional(),
    ai: z.looseObject({ j: z.boolean() }).optional(),
  })
  .refine((raw) => raw.ac !== undefined || raw.ai !== undefined, { message: 'needs `ac` or `ai`' });

/** STRATEGY_UPDATE. */
export const RawStrategyUpdate = z.looseObject({
  e: z.literal('STRATEGY_UPDATE'),
  E: RawEventTime,
  T: time,
  su: z.looseObject({
    si: id,
    st: z.string(),
    ss: z.string(),
    s: z.string(),
    ut: time,
    c: z.number(),
  }),
});

/** GRID_UPDATE. */
export const RawGridUpdate = z.looseObject({
  e: z.literal('GRID_UPDATE'),
  E: RawEventTime,
  T: time,
  gu: z.looseObject({
    si: id,
    st: z.string(),
    ss: z.string(),
    s: z.string(),
    r: decimal,
    up: decimal,
    uq: decimal,
    uf: decimal,
    mp: decimal,
    ut: time,
  }),
});

/** The payload of an ALGO_UPDATE: `o` on usdm, `ao` on Portfolio Margin; `ai`, the engine order id, is a string. */
const rawAlgoOrder = z.looseObject({
  caid: z.string(),
  aid: id,
  at: z.string().optional(),
  o: z.string(),
  s: z.string(),
  S: side,
  ps: z.string().optional(),
  f: z.string().optional(),
  q: optionalDecimal,
  X: z.string(),
  ai: z.string().optional(),
  ap: optionalDecimal,
  aq: optionalDecimal,
  act: z.string().optional(),
  tp: optionalDecimal,
  p: optionalDecimal,
  V: z.string().optional(),
  wt: z.string().optional(),
  pm: z.string().optional(),
  cp: z.boolean().optional(),
  pP: z.boolean().optional(),
  R: z.boolean().optional(),
  tt: time.optional(),
  gtd: time.optional(),
  rm: z.string().optional(),
  /** Trailing orders: whether it is activated (a first NEW may carry false). */
  ia: z.boolean().optional(),
});

/** ALGO_UPDATE on usdm and coinm: the payload under `o`. */
export const RawAlgoUpdate = z.looseObject({
  e: z.literal('ALGO_UPDATE'),
  E: RawEventTime,
  T: time,
  fs: z.string().optional(),
  o: rawAlgoOrder,
});

/** ALGO_UPDATE on Portfolio Margin: the same payload under `ao`, and the business unit `fs`. */
export const RawPmAlgoUpdate = z.looseObject({
  e: z.literal('ALGO_UPDATE'),
  E: RawEventTime,
  T: time,
  fs: z.string().optional(),
  ao: rawAlgoOrder,
});

/** CONDITIONAL_ORDER_TRIGGER_REJECT (deprecated 2025-12-15, still parsed). */
export const RawConditionalOrderTriggerReject = z.looseObject({
  e: z.literal('CONDITIONAL_ORDER_TRIGGER_REJECT'),
  E: RawEventTime,
  T: time,
  or: z.looseObject({ s: z.string(), i: id, r: z.string() }),
});

/** PM only: object `so`. */
export const RawConditionalOrderTradeUpdate = z.looseObject({
  e: z.literal('CONDITIONAL_ORDER_TRADE_UPDATE'),
  E: RawEventTime,
  T: time,
  fs: z.string().optional(),
  so: z.looseObject({
    s: z.string(),
    c: z.string(),
    si: id,
    S: side,
    st: z.string(),
    f: z.string().optional(),
    q: optionalDecimal,
    p: optionalDecimal,
    sp: optionalDecimal,
    os: z.string(),
    T: time.optional(),
    ut: time.optional(),
    R: z.boolean().optional(),
    wt: z.string().optional(),
    ps: z.string().optional(),
    cp: z.boolean().optional(),
    AP: optionalDecimal,
    cr: optionalDecimal,
    i: id.optional(),
    V: z.string().optional(),
    pm: z.string().optional(),
    gtd: time.optional(),
  }),
});

/** `listenKey` is optional: some frames leave it out. */
export const RawListenKeyExpired = z.looseObject({
  e: z.literal('listenKeyExpired'),
  E: RawEventTime,
  listenKey: z.string().optional(),
});

/** PM margin-account and risk events: only the type and time are checked; the rest is carried whole. */
export const RawPmOther = z.looseObject({
  e: z.string(),
  E: RawEventTime,
});

/** The PM event names that become a 'pm-other' event. */
export const PM_OTHER_TYPES = [
  'balanceUpdate',
  'executionReport',
  'outboundAccountPosition',
  'liabilityChange',
  'openOrderLoss',
  'riskLevelChange',
] as const;

/** Validated wire objects, as the normalizers receive them (`E` already a number). */
export type RawUsdmOrderTradeUpdate = z.output<typeof RawUsdmOrderTradeUpdate>;
export type RawCoinmOrderTradeUpdate = z.output<typeof RawCoinmOrderTradeUpdate>;
export type RawTradeLite = z.output<typeof RawTradeLite>;
export type RawAccountUpdate = z.output<typeof RawAccountUpdate>;
export type RawMarginCall = z.output<typeof RawMarginCall>;
export type RawAccountConfigUpdate = z.output<typeof RawAccountConfigUpdate>;
export type RawStrategyUpdate = z.output<typeof RawStrategyUpdate>;
export type RawGridUpdate = z.output<typeof RawGridUpdate>;
export type RawAlgoUpdate = z.output<typeof RawAlgoUpdate>;
export type RawPmAlgoUpdate = z.output<typeof RawPmAlgoUpdate>;
export type RawConditionalOrderTriggerReject = z.output<typeof RawConditionalOrderTriggerReject>;
export type RawConditionalOrderTradeUpdate = z.output<typeof RawConditionalOrderTradeUpdate>;
export type RawListenKeyExpired = z.output<typeof RawListenKeyExpired>;
export type RawPmOther = z.output<typeof RawPmOther>;
