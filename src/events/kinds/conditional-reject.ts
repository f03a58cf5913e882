/** The conditional-reject event and its CONDITIONAL_ORDER_TRIGGER_REJECT frame. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { id, RawEventTime, time, wireMapping } from '../wire.js';

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

/** CONDITIONAL_ORDER_TRIGGER_REJECT (deprecated 2025-12-15, still parsed). */
const RawConditionalOrderTriggerReject = z.looseObject({
  e: z.literal('CONDITIONAL_ORDER_TRIGGER_REJECT'),
  E: RawEventTime,
  T: time,
  or: z.looseObject({ s: z.string(), i: id, r: z.string() }),
});

/** CONDITIONAL_ORDER_TRIGGER_REJECT: the rejected order under `or`. */
export const conditionalRejectWire = wireMapping(
  RawConditionalOrderTriggerReject,
  (raw, market): MappedFields<ConditionalRejectEvent> => ({
    event: 'conditional-reject',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    symbol: raw.or.s,
    orderId: raw.or.i,
    reason: raw.or.r,
    source: 'ws',
  }),
);
