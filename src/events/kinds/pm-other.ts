/** The pm-other event: a Portfolio Margin margin-account or risk frame, kept whole. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { RawEventTime, wireMapping } from '../wire.js';

/**
 * A Portfolio Margin margin-account or risk event (balanceUpdate, executionReport,
 * outboundAccountPosition, liabilityChange, openOrderLoss, riskLevelChange), kept whole.
 */
export const PmOtherEvent = z.object({
  event: z.literal('pm-other'),
  ...header,
  type: z.string().meta({ description: 'The wire `e`, e.g. "riskLevelChange".' }),
  payload: z.record(z.string(), z.unknown()).meta({ description: 'The whole frame object as Binance sent it (decimals still strings).' }),
  source: Source,
});
export type PmOtherEvent = z.output<typeof PmOtherEvent>;

/** The PM event names that become a 'pm-other' event. */
export const PM_OTHER_TYPES = [
  'balanceUpdate',
  'executionReport',
  'outboundAccountPosition',
  'liabilityChange',
  'openOrderLoss',
  'riskLevelChange',
] as const;

/** PM margin-account and risk events: only the type and time are checked; the rest is carried whole. */
const RawPmOther = z.looseObject({
  e: z.string(),
  E: RawEventTime,
});

/** `payload` is the frame object as parsed, before validation, so `E` keeps its wire type. */
export const pmOtherWire = wireMapping(
  RawPmOther,
  (raw, market, frame): MappedFields<PmOtherEvent> => ({
    event: 'pm-other',
    market,
    eventTime: raw.E,
    type: raw.e,
    payload: frame,
    source: 'ws',
  }),
);
