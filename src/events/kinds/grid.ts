/** The grid event and its GRID_UPDATE frame. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { decimal, id, RawEventTime, time, wireMapping } from '../wire.js';

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

/** GRID_UPDATE. */
const RawGridUpdate = z.looseObject({
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

/** GRID_UPDATE: the grid under `gu`. */
export const gridWire = wireMapping(
  RawGridUpdate,
  ({ E, T, gu }, market): MappedFields<GridEvent> => ({
    event: 'grid',
    market,
    eventTime: E,
    transactionTime: T,
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
  }),
);
