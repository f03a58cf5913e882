/**
 * The normalized event model: what the rest of the program sees of a Binance user-data frame, and
 * what a JSON line and followOrders() publish. Each kind is defined once, in its module under
 * kinds/: its schema, with its keys in output order, next to the mappings that build it from a
 * wire frame (and, for orders, from REST). The TypeScript types, the JSON encoders
 * (output/json.ts) and the published JSON Schema (docs/schema/, json-schema.ts) all derive from the
 * schemas gathered here. Decimals stay the strings Binance sent; ids and times are numbers (ms
 * since the epoch for times). An optional key is one Binance may not send: it is written as null.
 */
import type { z } from 'zod';
import { Market, Side, Source } from './fields.js';
import { AccountEvent, Balance, Position } from './kinds/account.js';
import { AccountConfigEvent } from './kinds/account-config.js';
import { AlgoEvent } from './kinds/algo.js';
import { ConditionalOrderEvent } from './kinds/conditional-order.js';
import { ConditionalRejectEvent } from './kinds/conditional-reject.js';
import { GridEvent } from './kinds/grid.js';
import { KeyExpiredEvent } from './kinds/key-expired.js';
import { MarginCallEvent, MarginCallPosition } from './kinds/margin-call.js';
import { OrderEvent } from './kinds/order.js';
import { PmOtherEvent } from './kinds/pm-other.js';
import { StrategyEvent } from './kinds/strategy.js';
import { TradeLiteEvent } from './kinds/trade-lite.js';

export {
  AccountConfigEvent,
  AccountEvent,
  AlgoEvent,
  Balance,
  ConditionalOrderEvent,
  ConditionalRejectEvent,
  GridEvent,
  KeyExpiredEvent,
  MarginCallEvent,
  MarginCallPosition,
  Market,
  OrderEvent,
  PmOtherEvent,
  Position,
  Side,
  Source,
  StrategyEvent,
  TradeLiteEvent,
};

/** Every kind's schema, by its `event` name. */
export const EVENT_SCHEMAS = {
  order: OrderEvent,
  'trade-lite': TradeLiteEvent,
  account: AccountEvent,
  'margin-call': MarginCallEvent,
  'account-config': AccountConfigEvent,
  algo: AlgoEvent,
  strategy: StrategyEvent,
  grid: GridEvent,
  'conditional-reject': ConditionalRejectEvent,
  'conditional-order': ConditionalOrderEvent,
  'pm-other': PmOtherEvent,
  'key-expired': KeyExpiredEvent,
} as const;

/** A normalized event: the union of every kind, discriminated by `event`. */
export type StreamEvent = z.output<(typeof EVENT_SCHEMAS)[keyof typeof EVENT_SCHEMAS]>;

export type EventKind = StreamEvent['event'];

export type EventOf<K extends EventKind> = Extract<StreamEvent, { event: K }>;

/** Keys written only when set: the account of a multi-account run, so a single account's lines are unchanged. */
export const WRITTEN_WHEN_SET: ReadonlySet<string> = new Set(['account']);

/** The kinds that are data, written as JSON lines; key-expired is a control signal and never is. */
export const PUBLISHED_KINDS = Object.keys(EVENT_SCHEMAS).filter((kind) => kind !== 'key-expired') as Exclude<EventKind, 'key-expired'>[];
