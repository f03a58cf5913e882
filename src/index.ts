/**
 * binance-orders as a library: followOrders() yields the same gap-free, deduplicated events that
 * `binance-orders tail --json` prints, one object per line.
 */
export {
  followOrders,
  type FollowOrdersOptions,
  type GapReport,
  type OrderStream,
  type StreamHealth,
  type StreamLogger,
} from './library/follow-orders.js';
export type * from './events/types.js';
export type { EventSelector } from './events/filter.js';
export type { Market, Network } from './exchange/endpoints.js';
export type { StreamTimers } from './stream/timers.js';
export { BinanceOrdersError, EXIT, type ErrorCode } from './errors/errors.js';
