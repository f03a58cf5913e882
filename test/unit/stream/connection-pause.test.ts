import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimExchange, type SimExchange } from '../../../src/sim/index.js';
import type { DisconnectCause } from '../../../src/stream/classify.js';
import { openConnection, type Connection } from '../../../src/stream/connection.js';
import { waitFor } from '../../helpers/wait.js';

const HEARTBEAT_MS = 80;

let sim: SimExchange;
let conn: Connection | undefined;
beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  conn?.dispose();
  await sim.close();
});

/** Opens a socket to the simulator and resolves once it is open; `ended` records how it ended. */
async function open(): Promise<{ conn: Connection; ended: DisconnectCause[] }> {
  const ended: DisconnectCause[] = [];
  let opened = false;
  conn = openConnection({
    id: 1,
    url: `${sim.wsUrl}/private/ws?listenKey=some-key`,
    heartbeatMs: HEARTBEAT_MS,
    handshakeTimeoutMs: 2_000,
    now: Date.now,
    onOpen: () => (opened = true),
    onFrame: () => {},
    onEnd: (cause) => ended.push(cause),
  });
  await waitFor('the socket to open', () => opened || undefined, 2_000);
  return { conn, ended };
}

describe('a connection paused for stdout backpressure', () => {
  it('is replaced as stale when the server goes silent while reading', async () => {
    const { ended } = await open();
    sim.stall(true);
    await waitFor('the connection to end', () => ended[0], 2_000);
    expect(ended[0]?.kind).toBe('stale');
  });

  it('is not taken for dead while paused, however long the silence, and lives on after resuming', async () => {
    const { conn: paused, ended } = await open();
    paused.pause();
    sim.stall(true);
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 6));
    expect(ended).toEqual([]);
    expect(paused.isOpen).toBe(true);
    sim.stall(false);
    paused.resume();
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 4));
    expect(ended).toEqual([]);
    expect(paused.isOpen).toBe(true);
  });
});
