/** The trade-lite event and its TRADE_LITE frame. */
import { z } from 'zod';
import { header, Side, Source, type MappedFields } from '../fields.js';
import { decimal, id, RawEventTime, time, wireMapping } from '../wire.js';

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

/** TRADE_LITE (usdm only). */
const RawTradeLite = z.looseObject({
  e: z.literal('TRADE_LITE'),
  E: RawEventTime,
  T: time,
  s: z.string(),
  q: decimal,
  p: decimal,
  m: z.boolean(),
  c: z.string(),
  S: Side,
  L: decimal,
  l: decimal,
  t: id,
  i: id,
});

/** TRADE_LITE: a fill notice without commission or status. */
export const tradeLiteWire = wireMapping(
  RawTradeLite,
  (raw, market): MappedFields<TradeLiteEvent> => ({
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
  }),
);
