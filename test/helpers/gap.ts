import type { SimExchange } from '../../src/sim/index.js';
import type { TailHarness } from './tail.js';
import { waitFor } from './wait.js';

/**
 * Drops every socket and keeps new ones out while `during` runs, then lets the tail back in. The gap
 * the tail recovers starts when it sees the socket close (less a margin), so `during` runs only after
 * that, however long a busy machine keeps the tail from seeing it.
 */
export async function gap(sim: SimExchange, tail: TailHarness, during: () => void | Promise<void>): Promise<void> {
  const retries = () => tail.transitionsOf('retry').length;
  const before = retries();
  sim.refuseConnections(true);
  sim.drop(1001);
  await waitFor('no subscriber', () => (sim.subscribers('usdm') === 0 ? true : undefined));
  await waitFor('the tail to see the socket close', () => (retries() > before ? true : undefined));
  await during();
  sim.refuseConnections(false);
}
