import { afterEach, describe, expect, it } from 'vitest';
import { orderTradeUpdate } from '../../src/sim/index.js';
import { compareDelivery } from '../helpers/delivery.js';
import { expectExactlyOnce, startSession, type Session } from '../helpers/session.js';
import { waitFor } from '../helpers/wait.js';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const incomplete = (() => {
  const frame = orderTradeUpdate({ orderId: 1 }) as unknown as { o: Record<string, unknown> };
  delete frame.o.X;
  return JSON.stringify(frame);
})();

describe('frames that are not usable events', () => {
  it.each([
    ['not JSON', '{"e":"ORDER_TRADE_UPDATE",', /ignored a frame \(not-json\)/],
    ['a JSON array', '[{"e":"ORDER_TRADE_UPDATE"}]', /ignored a frame \(not-object\): expected a JSON object, got an array/],
    ['an unknown event type', '{"e":"SOMETHING_NEW","E":1}', /ignored a frame \(unknown-type\): unknown event type "SOMETHING_NEW"/],
    ['an event missing required fields', incomplete, /ignored a frame \(invalid\): ORDER_TRADE_UPDATE: o\.X/],
  ])('skips %s with a warning on stderr and goes on', async (_what, frame, warning) => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing(3);
    const conn = await sim.waitForConnection();
    expect(sim.push('usdm', frame)).toBe(1);
    await tail.waitForLog(warning);
    await session.flowing(3);
    expect(sim.connections().map((c) => c.id)).toEqual([conn.id]);
    expectExactlyOnce(await session.settle(), 5);
  });

  it('lets at most 10 such warnings a minute through, so a flood cannot fill the disk', async () => {
    session = await startSession();
    const { sim, tail } = session;
    await session.flowing(3);
    for (let i = 0; i < 200; i++) sim.push('usdm', `garbage ${i}`);
    // Frames on one socket arrive in order: once this one is printed, every bad frame has been handled.
    sim.push('usdm', orderTradeUpdate({ orderId: 424242 }));
    await waitFor('the update sent after the flood', () => (tail.json().some((line) => line.orderId === 424242) ? true : undefined));
    expect(tail.logs.filter((line) => /ignored a frame/.test(line))).toHaveLength(10);
    await session.settle();
    expectExactlyOnce(compareDelivery(session.flow.sent, tail.json().filter((line) => line.orderId !== 424242)), 3);
  });
});
