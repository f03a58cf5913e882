/** The strategy event and its STRATEGY_UPDATE frame. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { id, RawEventTime, time, wireMapping } from '../wire.js';

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

/** STRATEGY_UPDATE. */
const RawStrategyUpdate = z.looseObject({
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

/** STRATEGY_UPDATE: the strategy under `su`. */
export const strategyWire = wireMapping(
  RawStrategyUpdate,
  ({ E, T, su }, market): MappedFields<StrategyEvent> => ({
    event: 'strategy',
    market,
    eventTime: E,
    transactionTime: T,
    updateTime: su.ut,
    symbol: su.s,
    strategyId: su.si,
    strategyType: su.st,
    status: su.ss,
    opCode: su.c,
    source: 'ws',
  }),
);
