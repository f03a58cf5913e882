import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacSigner } from '../../src/rest/sign.js';
import { createSimExchange, SIM_API_SECRET, type SimExchange } from '../../src/sim/index.js';
import { gap } from '../helpers/gap.js';
import { startTail, type TailHarness } from '../helpers/tail.js';
import { waitFor } from '../helpers/wait.js';

let sim: SimExchange;
let tail: TailHarness | undefined;

beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await tail?.stop();
  tail = undefined;
  await sim.close();
});

function start(signerSecret = SIM_API_SECRET) {
  tail = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, reconcile: { mode: 'on', signer: hmacSigner(signerSecret) } });
  return tail;
}


const orderLines = (t: TailHarness) => t.json().filter((line) => line.event === 'order');
const states = (t: TailHarness) => orderLines(t).map((line) => `${String(line.orderId)} ${String(line.status)} ${String(line.source)}`);

describe('tail recovers order updates lost in a gap over signed REST', () => {
  it('prints the fill of an order that was open before the gap, once, marked reconcile', async () => {
    const t = start();
    await sim.waitForConnection();
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00', quantity: '0.010' });
    await t.waitForLines(1);
    await gap(sim, () => void sim.orders.fill('usdm', order.orderId));
    await t.waitForLog(/reconcile: gap .*1 missed update/);
    expect(states(t)).toEqual([`${order.orderId} NEW ws`, `${order.orderId} FILLED reconcile`]);
    expect(orderLines(t)[1]).toMatchObject({ execType: 'TRADE', filledQty: '0.010', lastFilledQty: '0', avgPrice: '100000.00000' });
  });

  it('prints the cancel of an order cancelled during the gap', async () => {
    const t = start();
    await sim.waitForConnection();
    const { order } = sim.orders.place('usdm', { side: 'SELL', price: '110000.00' });
    await t.waitForLines(1);
    await gap(sim, () => void sim.orders.cancel('usdm', order.orderId));
    await t.waitForLog(/reconcile: gap .*1 missed update/);
    expect(states(t)).toEqual([`${order.orderId} NEW ws`, `${order.orderId} CANCELED reconcile`]);
  });

  it('prints the final state of an order created and filled inside the gap, on a symbol never seen before', async () => {
    const t = start();
    await sim.waitForConnection();
    await t.waitForLog(/open order\(s\) recorded at start/);
    let orderId = 0;
    await gap(sim, () => {
      orderId = sim.orders.place('usdm', { symbol: 'SOLUSDT', side: 'BUY', type: 'MARKET', quantity: '1.00' }).order.orderId;
    });
    await t.waitForLog(/reconcile: gap .*1 missed update/);
    expect(states(t)).toEqual([`${orderId} FILLED reconcile`]);
  });

  it('prints nothing when nothing was missed', async () => {
    const t = start();
    await sim.waitForConnection();
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    await t.waitForLines(1);
    await gap(sim, () => {});
    await t.waitForLog(/reconcile: gap .*nothing missed/);
    sim.orders.fill('usdm', order.orderId);
    await t.waitForLines(2);
    expect(states(t)).toEqual([`${order.orderId} NEW ws`, `${order.orderId} FILLED ws`]);
  });

  it('prints each state once when the stream and REST both report it, in either order, while live events keep flowing', async () => {
    const t = start();
    await sim.waitForConnection();
    const a = sim.orders.place('usdm', { side: 'BUY', price: '100000.00', quantity: '0.010' }).order;
    const b = sim.orders.place('usdm', { side: 'BUY', price: '100001.00', quantity: '0.010' }).order;
    await t.waitForLines(2);
    await t.waitForLog(/2 open order\(s\) recorded at start/); // both are known to be open before the gap
    let aFill: object = {};
    let bFill: object = {};
    await gap(sim, () => {
      aFill = sim.orders.fill('usdm', a.orderId).sent.find((s) => (s.payload as { e?: string }).e === 'ORDER_TRADE_UPDATE')?.payload ?? {};
      bFill = sim.orders.fill('usdm', b.orderId, '0.004').sent.find((s) => (s.payload as { e?: string }).e === 'ORDER_TRADE_UPDATE')?.payload ?? {};
    });
    await sim.waitForConnection({ after: 1 });
    sim.push('usdm', aFill); // the stream reports a's fill too, racing the REST look-up
    await t.waitForLog(/reconcile: gap .*missed update/);
    sim.push('usdm', bFill); // and b's partial fill, after reconcile printed it
    sim.push('usdm', aFill);
    sim.orders.fill('usdm', b.orderId); // a live update after the gap
    await waitFor('b filled', () => (states(t).includes(`${b.orderId} FILLED ws`) ? true : undefined));
    const lines = states(t);
    expect(lines.filter((line) => line.startsWith(`${a.orderId} FILLED`))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith(`${b.orderId} PARTIALLY_FILLED`))).toHaveLength(1);
    expect(lines.slice(-1)).toEqual([`${b.orderId} FILLED ws`]);
  });

  it('recovers from -1021 by re-measuring server time', async () => {
    const t = start();
    await sim.waitForConnection();
    const { order } = sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    await t.waitForLog(/open order\(s\) recorded at start/);
    await t.waitForLines(1);
    sim.setClockSkew(-9_000);
    await gap(sim, () => void sim.orders.fill('usdm', order.orderId));
    await t.waitForLog(/reconcile: gap .*1 missed update/);
    expect(t.logs.join('\n')).toMatch(/-1021.*re-measuring server time/);
    expect(states(t)).toEqual([`${order.orderId} NEW ws`, `${order.orderId} FILLED reconcile`]);
  });

  it('says once why recovery stopped on -1022, and keeps streaming', async () => {
    const t = start('SENTINEL-wrong-secret');
    await sim.waitForConnection();
    await t.waitForLog(/reconcile: .*-1022/);
    sim.orders.place('usdm', { side: 'BUY', price: '100000.00' });
    await t.waitForLines(1);
    await gap(sim, () => {});
    await t.waitForTransition('gap-closed');
    expect(t.logs.filter((line) => /-1022/.test(line))).toHaveLength(1);
    expect(t.logs.join('\n')).not.toContain('SENTINEL');
  });

  it('without a secret says once that gaps cannot be recovered, and why', async () => {
    const t = startTail({ restUrl: sim.restUrl, wsUrl: sim.wsUrl, reconcile: { mode: 'unavailable', reason: 'neither BINANCE_API_SECRET nor BINANCE_PRIVATE_KEY_FILE is set' } });
    tail = t;
    await sim.waitForConnection();
    await gap(sim, () => {});
    await t.waitForLog(/cannot be recovered: neither BINANCE_API_SECRET/);
    await sim.waitForConnection({ after: 1 });
    await gap(sim, () => {});
    await waitFor('second reconnect', () => (t.transitionsOf('gap-closed').length >= 2 ? true : undefined));
    expect(t.logs.filter((line) => /cannot be recovered/.test(line))).toHaveLength(1);
    expect(sim.requests.filter((r) => r.path.endsWith('Orders'))).toHaveLength(0);
  });
});
