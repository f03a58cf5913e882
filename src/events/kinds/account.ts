/** The account event (balances and positions) and its ACCOUNT_UPDATE frame. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { decimal, optionalDecimal, RawEventTime, time, wireMapping } from '../wire.js';

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

const RawBalance = z.looseObject({
  a: z.string(),
  wb: decimal,
  cw: optionalDecimal,
  bc: optionalDecimal,
});

const RawPosition = z.looseObject({
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
const RawAccountUpdate = z.looseObject({
  e: z.literal('ACCOUNT_UPDATE'),
  E: RawEventTime,
  T: time,
  i: z.string().optional(),
  fs: z.string().optional(),
  a: z.looseObject({
    m: z.string(),
    S: z.string().optional(),
    B: z.array(RawBalance).optional(),
    P: z.array(RawPosition).optional(),
  }),
});

function balanceOf(b: z.output<typeof RawBalance>): MappedFields<Balance> {
  return { asset: b.a, walletBalance: b.wb, crossWalletBalance: b.cw, balanceChange: b.bc };
}

function positionOf(p: z.output<typeof RawPosition>): MappedFields<Position> {
  return {
    symbol: p.s,
    positionAmount: p.pa,
    entryPrice: p.ep,
    breakevenPrice: p.bep,
    accumulatedRealized: p.cr,
    unrealizedProfit: p.up,
    marginType: p.mt,
    isolatedWallet: p.iw,
    positionSide: p.ps,
  };
}

/** ACCOUNT_UPDATE: missing `B` or `P` lists become empty arrays. */
export const accountWire = wireMapping(
  RawAccountUpdate,
  (raw, market): MappedFields<AccountEvent> => ({
    event: 'account',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    reason: raw.a.m,
    symbol: raw.a.S,
    balances: (raw.a.B ?? []).map(balanceOf),
    positions: (raw.a.P ?? []).map(positionOf),
    accountAlias: raw.i,
    businessUnit: raw.fs,
    source: 'ws',
  }),
);
