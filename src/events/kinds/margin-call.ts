/** The margin-call event and its MARGIN_CALL frame. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { decimal, optionalDecimal, RawEventTime, wireMapping } from '../wire.js';

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

const RawMarginCallPosition = z.looseObject({
  s: z.string(),
  ps: z.string(),
  pa: decimal,
  mt: z.string(),
  iw: optionalDecimal,
  mp: decimal,
  up: decimal,
  mm: decimal,
});

/** MARGIN_CALL: no `T`. */
const RawMarginCall = z.looseObject({
  e: z.literal('MARGIN_CALL'),
  E: RawEventTime,
  i: z.string().optional(),
  cw: optionalDecimal,
  p: z.array(RawMarginCallPosition),
});

function positionOf(p: z.output<typeof RawMarginCallPosition>): MappedFields<MarginCallPosition> {
  return {
    symbol: p.s,
    positionSide: p.ps,
    positionAmount: p.pa,
    marginType: p.mt,
    isolatedWallet: p.iw,
    markPrice: p.mp,
    unrealizedProfit: p.up,
    maintenanceMargin: p.mm,
  };
}

/** MARGIN_CALL: has no transaction time. */
export const marginCallWire = wireMapping(
  RawMarginCall,
  (raw, market): MappedFields<MarginCallEvent> => ({
    event: 'margin-call',
    market,
    eventTime: raw.E,
    crossWalletBalance: raw.cw,
    positions: raw.p.map(positionOf),
    accountAlias: raw.i,
    source: 'ws',
  }),
);
