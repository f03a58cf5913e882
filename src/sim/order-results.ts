import type { SimPayload } from './fixtures.js';
import type { SimOrder } from './order-types.js';

/** One payload the simulator pushed, and whether any socket received it. */
export interface SimSent {
  readonly payload: SimPayload;
  readonly delivered: boolean;
}

/** The order as it stands after a verb, and every payload that verb pushed, in order. */
export interface SimOrderResult {
  readonly order: SimOrder;
  readonly sent: readonly SimSent[];
}
