/** The key-expired signal and its listenKeyExpired frame. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { RawEventTime, wireMapping } from '../wire.js';

/** listenKeyExpired: no more data arrives on this connection until a valid key is used. */
export const KeyExpiredEvent = z.object({
  event: z.literal('key-expired'),
  ...header,
  /** Never written out: a listenKey is a secret. */
  listenKey: z.string().optional(),
  source: Source,
});
export type KeyExpiredEvent = z.output<typeof KeyExpiredEvent>;

/** `listenKey` is optional: some frames leave it out. */
const RawListenKeyExpired = z.looseObject({
  e: z.literal('listenKeyExpired'),
  E: RawEventTime,
  listenKey: z.string().optional(),
});

/** listenKeyExpired; the key may be absent. */
export const keyExpiredWire = wireMapping(
  RawListenKeyExpired,
  (raw, market): MappedFields<KeyExpiredEvent> => ({
    event: 'key-expired',
    market,
    eventTime: raw.E,
    listenKey: raw.listenKey,
    source: 'ws',
  }),
);
