/**
 * What the event kinds share: the keys every kind starts with, the closed sets several use, and
 * the shape a mapping into an event must write.
 */
import { z } from 'zod';
import type { Market as MarketName } from '../exchange/endpoints.js';

/** Which Binance product the stream belongs to (the one Market type, checked here against it). */
export const Market = z.enum(['usdm', 'coinm', 'pm']) satisfies z.ZodType<MarketName>;

/** Where an event came from: the live stream, a REST look-up after a gap, or a REST read (`tail --since` history, `orders`). */
export const Source = z.enum(['ws', 'reconcile', 'rest']);
export type Source = z.output<typeof Source>;

/** Order side. */
export const Side = z.enum(['BUY', 'SELL']);
export type Side = z.output<typeof Side>;

/** The keys every event kind starts with, after `event`: who, which market, and when Binance made it. */
export const header = {
  account: z.string().optional().meta({ description: 'The account name when several accounts are followed (--accounts); the key is absent otherwise.' }),
  market: Market,
  eventTime: z.number().meta({ description: '`E`: when Binance generated the event, ms. Arrives as a number or a numeric string.' }),
};

/**
 * What a mapping into an event of type E writes: every key of the kind, an optional one as
 * undefined when its source does not say. A mapping declared to return it fails to compile when it
 * leaves out a key of the schema or writes one the schema lacks. `account` is not the mapping's to
 * know: the account tag adds it.
 */
export type MappedFields<E> = { [K in Exclude<keyof E, 'account'>]-?: {} extends Pick<E, K> ? E[K] | undefined : E[K] };
