/**
 * The closed sets of values Binance documents for statuses and execution types (protocol §3). Events
 * pass unknown values through unchanged; these lists check what a user types (--status, --until, config).
 */

/** ORDER_TRADE_UPDATE `X`, order queries' `status`. NEW_INSURANCE is undocumented but seen live. */
export const ORDER_STATUSES = ['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'EXPIRED_IN_MATCH', 'REJECTED', 'NEW_INSURANCE'] as const;

/** ORDER_TRADE_UPDATE `x`: what happened in this event, not the order's state. */
export const EXECUTION_TYPES = ['NEW', 'CANCELED', 'CALCULATED', 'EXPIRED', 'TRADE', 'AMENDMENT'] as const;

/** ALGO_UPDATE `X`. */
export const ALGO_STATUSES = ['NEW', 'CANCELED', 'TRIGGERING', 'TRIGGERED', 'FINISHED', 'REJECTED', 'EXPIRED'] as const;

/** STRATEGY_UPDATE and GRID_UPDATE `ss` (spelled CANCELLED there). */
export const STRATEGY_STATUSES = ['NEW', 'WORKING', 'CANCELLED', 'EXPIRED'] as const;

/** PM CONDITIONAL_ORDER_TRADE_UPDATE `os`. */
export const CONDITIONAL_ORDER_STATUSES = ['NEW', 'CANCELED', 'EXPIRED', 'TRIGGERED', 'FINISHED'] as const;

/** Every status --status can select, orders' first, each once. */
export const ALL_STATUSES: readonly string[] = [
  ...new Set<string>([...ORDER_STATUSES, ...ALGO_STATUSES, ...STRATEGY_STATUSES, ...CONDITIONAL_ORDER_STATUSES]),
];
