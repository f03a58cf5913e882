import type { SimExchange } from '../../src/sim/index.js';
import { waitFor } from './wait.js';

/**
 * Drops every socket and keeps new ones out while `during` runs, then lets the tail back in. What
 * `during` does happens after the tail last heard from its socket, so it falls inside the gap the tail
 * recovers, whenever the tail itself notices the close.
 */
export async function gap(sim: SimExchange, during: () => void | Promise<void>): Promise<void> {
  sim.refuseConnections(true);
  sim.drop(1001);
  await waitFor('no subscriber', () => (sim.subscribers('usdm') === 0 ? true : undefined));
  await during();
  sim.refuseConnections(false);
}
