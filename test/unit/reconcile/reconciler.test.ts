import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_PATHS, ORDER_PATHS } from '../../../src/exchange/endpoints.js';
import type { OrderEvent } from '../../../src/events/types.js';
import { createLogger } from '../../../src/log/log.js';
import { OrderTable } from '../../../src/reconcile/order-table.js';
import { createReconciler } from '../../../src/reconcile/reconciler.js';
import { hmacSigner } from '../../../src/rest/sign.js';
import { createSignedClient } from '../../../src/rest/signed-client.js';
import { createSimExchange, SIM_API_KEY, SIM_API_SECRET, type SimExchange } from '../../../src/sim/index.js';
import { FAST_TIMERS, startTail } from '../../helpers/tail.js';

let sim: SimExchange;
beforeEach(async () => {
  sim = await createSimExchange();
});
afterEach(async () => {
  await sim.close();
});

function reconcilerFor(market: 'usdm' | 'coinm', extra: { watch?: { clientOrderId: string } } = {}) {
  const logs: string[] = [];
  const printed: OrderEvent[] = [];
  const log = createLogger({ write: (text) => logs.push(text), verbosity: 'verbose' });
  const client = createSignedClient({ baseUrl: sim.restUrl, apiKey: SIM_API_KEY, serverTimePath: ACCOUNT_PATHS[market].serverTime, signer: hmacSigner(SIM_API_SECRET), log });
  const reconciler = createReconciler({ client, market, paths: ORDER_PATHS[market], table: new OrderTable(), print: (e) => printed.push(e), log, now: Date.now, ...extra });
  return { reconciler, logs, printed };
}

describe('reconciler', () => {
  it('merges gaps that close while a recovery runs into one more run', async () => {
    const { reconciler, logs } = reconcilerFor('usdm');
    const t = Date.now();
    reconciler.recover({ fromMs: t - 3_000, toMs: t - 2_000 });
    reconciler.recover({ fromMs: t - 1_500, toMs: t - 1_000 });
    reconciler.recover({ fromMs: t - 900, toMs: t - 500 });
    await reconciler.idle();
    expect(sim.requests.filter((r) => r.path === '/fapi/v1/openOrders')).toHaveLength(2);
    const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);
    expect(logs.join('')).toContain(`gap ${clock(t - 1_500)} → ${clock(t - 500)}: nothing missed`);
  });

  it('tries a recovery again once a 429 wait is over, instead of dropping the gap', async () => {
    const { reconciler, logs, printed } = reconcilerFor('usdm');
    const { order } = sim.orders.place('usdm', { symbol: 'BTCUSDT', side: 'BUY' });
    sim.orders.fill('usdm', order.orderId);
    sim.failNext({ method: 'GET', path: '/fapi/v1/openOrders', status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too many requests.' } });
    reconciler.recover({ fromMs: Date.now() - 5_000, toMs: Date.now() });
    await reconciler.idle();
    const openOrders = sim.requests.filter((r) => r.path === '/fapi/v1/openOrders');
    expect(openOrders.map((r) => r.status)).toEqual([429, 200]);
    expect((openOrders[1]?.atMs ?? 0) - (openOrders[0]?.atMs ?? 0)).toBeGreaterThanOrEqual(900);
    expect(logs.join('')).toMatch(/paused: rate limited.*trying again/);
    expect(printed.map((e) => [e.orderId, e.status])).toEqual([[order.orderId, 'FILLED']]);
  });

  it('asks for --symbol once when a COIN-M order cannot be looked up without one', async () => {
    const { reconciler, logs, printed } = reconcilerFor('coinm', { watch: { clientOrderId: 'x-1' } });
    reconciler.start();
    reconciler.recover({ fromMs: Date.now() - 1_000, toMs: Date.now() });
    await reconciler.idle();
    expect(logs.join('').match(/give --symbol/g)).toHaveLength(1);
    expect(printed).toHaveLength(0);
  });
});

describe('tail reconciliation on connection replacement', () => {
  it('runs a recovery after the 24 h replacement, which can change the listenKey', async () => {
    const tail = startTail({
      restUrl: sim.restUrl,
      wsUrl: sim.wsUrl,
      timers: { ...FAST_TIMERS, maxConnectionAgeMs: 300 },
      reconcile: { mode: 'on', signer: hmacSigner(SIM_API_SECRET) },
    });
    try {
      await tail.waitForLog(/replaced connection/);
      await tail.waitForLog(/reconcile: gap .*nothing missed/);
      expect(tail.lines).toHaveLength(0);
    } finally {
      await tail.stop();
    }
  });
});
