import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { OrderTradeUpdate } from '../../../src/sim/fixtures.js';
import type { SimSent } from '../../../src/sim/order-results.js';
import { seededRandom } from '../../../src/sim/random.js';
import { connect, createKey, eventually, floatPaths, startSim, userDataPath } from './support.js';

/** The parts of a flow that its random source decides. */
function shapeOf(sent: readonly SimSent[]): string[] {
  return sent.map(({ payload }) => {
    if (payload.e !== 'ORDER_TRADE_UPDATE') return payload.e;
    const { o } = payload as OrderTradeUpdate;
    return `${o.s} ${o.S} ${o.o} ${o.f} ${o.x} ${o.X} q=${o.q} p=${o.p} l=${o.l} er=${o.er}`;
  });
}

const orderUpdates = (sent: readonly SimSent[]) =>
  sent.filter((s) => s.payload.e === 'ORDER_TRADE_UPDATE').map((s) => (s.payload as OrderTradeUpdate).o);

describe('startFlow', () => {
  it('replays the same flow from the same seed', async () => {
    const runs = await Promise.all(
      [1, 2].map(async () => {
        const sim = await startSim({ random: seededRandom(1) });
        const flow = sim.startFlow({ market: 'usdm', ratePerSec: 1000, count: 60, random: seededRandom(42) });
        await flow.done;
        return shapeOf(flow.sent);
      }),
    );
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]?.length).toBeGreaterThanOrEqual(60);
  });

  it('runs a realistic mix on the usdm symbols, with valid string decimals throughout', async () => {
    const sim = await startSim();
    const flow = sim.startFlow({ market: 'usdm', ratePerSec: 2000, count: 400, random: seededRandom(3) });
    await flow.done;
    const updates = orderUpdates(flow.sent);

    expect(flow.steps).toBe(400);
    expect(new Set(updates.map((o) => o.s))).toEqual(new Set(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT']));
    expect(new Set(updates.map((o) => o.X))).toEqual(new Set(['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED']));
    expect(updates.some((o) => o.o === 'MARKET' && o.X === 'FILLED')).toBe(true);
    expect(updates.some((o) => o.f === 'IOC' && o.X === 'EXPIRED' && o.er === '2')).toBe(true);
    expect(new Set(updates.filter((o) => o.X === 'EXPIRED').map((o) => o.er)).size).toBeGreaterThan(1);
    expect(new Set(flow.sent.map((s) => s.payload.e))).toEqual(new Set(['ORDER_TRADE_UPDATE', 'TRADE_LITE', 'ACCOUNT_UPDATE']));
    expect(floatPaths(flow.sent.map((s) => s.payload))).toEqual([]);
    for (const o of updates) {
      expect(o.q).toMatch(/^\d+\.\d+$/);
      expect(Number(o.z)).toBeLessThanOrEqual(Number(o.q));
    }
    expect(sim.orders.openOrders('usdm').length).toBeLessThanOrEqual(13);
  });

  it('uses the COIN-M perpetuals on coinm', async () => {
    const sim = await startSim();
    const flow = sim.startFlow({ market: 'coinm', ratePerSec: 1000, count: 80, random: seededRandom(5) });
    await flow.done;
    expect(new Set(orderUpdates(flow.sent).map((o) => o.s))).toEqual(new Set(['BTCUSD_PERP', 'ETHUSD_PERP']));
  });

  it('records whether each payload reached a socket, so "sent while connected arrived exactly once" can be checked', async () => {
    const sim = await startSim();
    const key = await createKey(sim, 'usdm');
    const first = await connect(sim, userDataPath('usdm', key));
    const flow = sim.startFlow({ market: 'usdm', ratePerSec: 400, count: 90, random: seededRandom(9) });

    await eventually(() => (flow.steps >= 20 ? true : undefined), 3_000, '20 steps');
    sim.drop(1001);
    await first.closed;
    const resumeAt = flow.steps + 20;
    await eventually(() => (flow.steps >= resumeAt ? true : undefined), 3_000, '20 more steps');
    const second = await connect(sim, userDataPath('usdm', key));
    await flow.done;

    const delivered = flow.sent.filter((s) => s.delivered).map((s) => JSON.stringify(s.payload));
    await second.messagesAtLeast(delivered.length - first.messages.length);
    expect([...first.messages, ...second.messages]).toEqual(delivered);
    expect(flow.sent.some((s) => !s.delivered)).toBe(true);
  });

  it('stop() ends the flow and resolves done', async () => {
    const sim = await startSim();
    const flow = sim.startFlow({ market: 'usdm', ratePerSec: 500, random: seededRandom(2) });
    await eventually(() => (flow.steps >= 3 ? true : undefined), 2_000, '3 steps');

    flow.stop();
    await flow.done;
    const steps = flow.steps;
    await sleep(30);

    expect(flow.steps).toBe(steps);
  });

  it('takes no step while holdWhile is true', async () => {
    const sim = await startSim();
    let hold = true;
    const flow = sim.startFlow({ market: 'usdm', ratePerSec: 500, count: 5, holdWhile: () => hold });
    await sleep(40);
    expect(flow.steps).toBe(0);

    hold = false;
    await flow.done;
    expect(flow.steps).toBe(5);
  });

  it('finishes at once with count 0 and refuses a rate that is not above 0', async () => {
    const sim = await startSim();
    const flow = sim.startFlow({ market: 'usdm', ratePerSec: 1, count: 0 });
    await flow.done;
    expect(flow.sent).toEqual([]);
    expect(() => sim.startFlow({ market: 'usdm', ratePerSec: 0 })).toThrow(/ratePerSec/);
  });
});
