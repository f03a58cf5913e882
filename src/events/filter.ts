/**
 * Which events to print: --events, --symbol, --side and --status. Symbol, side and status apply
 * only to events that carry them; an account update has no symbol, so --symbol does not hide it.
 */
import type { EventKind, Side, StreamEvent } from './types.js';

/** The names --events accepts, besides 'all'. */
export const EVENT_SELECTORS = [
  'order',
  'trade-lite',
  'account',
  'margin-call',
  'account-config',
  'algo',
  'strategy',
  'grid',
  'conditional-reject',
] as const;

/** One name --events accepts. */
export type EventSelector = (typeof EVENT_SELECTORS)[number];

/**
 * The kinds each selector stands for. PM conditional orders are algo-like orders, and PM margin
 * and risk events are account-level, so they ride on 'algo' and 'account'. 'key-expired' is never
 * selected: it is a control signal for the caller, not data.
 */
const KINDS_OF_SELECTOR: { readonly [S in EventSelector]: readonly EventKind[] } = {
  order: ['order'],
  'trade-lite': ['trade-lite'],
  account: ['account', 'pm-other'],
  'margin-call': ['margin-call'],
  'account-config': ['account-config'],
  algo: ['algo', 'conditional-order'],
  strategy: ['strategy'],
  grid: ['grid'],
  'conditional-reject': ['conditional-reject'],
};

/** What the user asked to see. Symbols must be given in Binance's upper case. */
export interface EventFilter {
  events: ReadonlySet<EventKind>;
  symbols?: ReadonlySet<string>;
  side?: Side;
  statuses?: ReadonlySet<string>;
  /** Only this order's updates (`wait`): matched by orderId or clientOrderId. */
  order?: { orderId?: number | undefined; clientOrderId?: string | undefined };
}

/** Expands --events names into event kinds; 'all' is every data kind. */
export function selectKinds(selectors: Iterable<EventSelector | 'all'>): ReadonlySet<EventKind> {
  const kinds = new Set<EventKind>();
  for (const selector of selectors) {
    const names = selector === 'all' ? EVENT_SELECTORS : [selector];
    for (const name of names) for (const kind of KINDS_OF_SELECTOR[name]) kinds.add(kind);
  }
  return kinds;
}

/** True when the event should be printed. key-expired is never data; the caller handles it. */
export function matches(filter: EventFilter, e: StreamEvent): boolean {
  if (e.event === 'key-expired' || !filter.events.has(e.event)) return false;
  if (filter.symbols !== undefined && 'symbol' in e && e.symbol !== undefined && !filter.symbols.has(e.symbol)) {
    return false;
  }
  if (filter.side !== undefined && 'side' in e && e.side !== filter.side) return false;
  if (filter.statuses !== undefined && 'status' in e && !filter.statuses.has(e.status)) return false;
  if (filter.order !== undefined && 'orderId' in e && e.orderId !== filter.order.orderId) {
    if (!('clientOrderId' in e) || e.clientOrderId !== filter.order.clientOrderId) return false;
  }
  return true;
}
